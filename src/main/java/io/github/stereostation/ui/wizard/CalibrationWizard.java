package io.github.stereostation.ui.wizard;

import io.github.stereostation.calibration.BoardSpec;
import io.github.stereostation.calibration.CalibrationSession;
import io.github.stereostation.calibration.CalibrationStore;
import io.github.stereostation.calibration.CaptureSettings;
import io.github.stereostation.calibration.SessionResult;
import io.github.stereostation.capture.StereoSource;

import javax.swing.AbstractAction;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.KeyStroke;
import javax.swing.SwingUtilities;
import java.awt.BorderLayout;
import java.awt.CardLayout;
import java.awt.Dimension;
import java.awt.Window;
import java.awt.event.ActionEvent;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The guided calibration: board and cameras, live capture with hints and coverage, calibration with its
 * figures and a rectified preview, and saving. A panel that observes a {@link CalibrationSession}; put it in
 * any window, or open it with {@link #showDialog}. The source is opened (from the supplier) when capture
 * starts and closed by {@link #dispose()}; the saved file's path goes to {@code onSaved}, whose owner makes it
 * the active calibration.
 */
public final class CalibrationWizard extends JPanel {
    /** The four steps, in order. */
    public enum Step { BOARD, CAPTURE, CALIBRATE, SAVE }

    private final Supplier<StereoSource> sources;
    private final CalibrationStore store;
    private final Consumer<Path> onSaved;
    private final CaptureSettings settings;
    private final CardLayout cards = new CardLayout();
    private final JPanel deck = new JPanel(cards);
    final BoardStep boardStep = new BoardStep();
    final CaptureStep captureStep = new CaptureStep();
    final ResultStep resultStep = new ResultStep();
    final SaveStep saveStep = new SaveStep();
    private final JButton back = new JButton("< Back");
    private final JButton next = new JButton("Next >");
    private final JLabel navHint = new JLabel(" ");
    private Step step = Step.BOARD;
    private CalibrationSession session;
    private WizardFeed feed;
    private boolean liveFeed = true;

    /**
     * @param sources            opens the stereo source (called once, when capture starts, off the event thread)
     * @param calibrationFolder  where calibrations are saved (the station's {@code calibration/})
     * @param onSaved            receives the saved calibration file, on the event thread
     */
    public CalibrationWizard(Supplier<StereoSource> sources, Path calibrationFolder, Consumer<Path> onSaved) {
        this(sources, calibrationFolder, onSaved, CaptureSettings.defaults());
    }

    public CalibrationWizard(Supplier<StereoSource> sources, Path calibrationFolder, Consumer<Path> onSaved,
                             CaptureSettings settings) {
        super(new BorderLayout());
        this.sources = sources;
        this.store = new CalibrationStore(calibrationFolder);
        this.onSaved = onSaved;
        this.settings = settings;
        deck.add(boardStep, Step.BOARD.name());
        deck.add(captureStep, Step.CAPTURE.name());
        deck.add(resultStep, Step.CALIBRATE.name());
        deck.add(saveStep, Step.SAVE.name());
        add(deck, BorderLayout.CENTER);
        JPanel nav = new JPanel(new BorderLayout());
        nav.setBorder(BorderFactory.createEmptyBorder(4, 8, 6, 8));
        nav.add(navHint, BorderLayout.CENTER);
        JPanel buttons = new JPanel();
        buttons.add(back);
        buttons.add(next);
        nav.add(buttons, BorderLayout.EAST);
        add(nav, BorderLayout.SOUTH);
        setPreferredSize(new Dimension(1100, 720));

        back.addActionListener(e -> back());
        next.addActionListener(e -> next());
        captureStep.capture.addActionListener(e -> captureNow());
        captureStep.clear.addActionListener(e -> {
            if (session != null) {
                session.clearViews();
            }
        });
        resultStep.calibrate.addActionListener(e -> calibrate());
        resultStep.removeSelected.addActionListener(e -> {
            String name = resultStep.chart.selectedName();
            if (session != null && name != null && session.removeView(name)) {
                calibrate();
            }
        });
        saveStep.save.addActionListener(e -> save(saveStep.name.getText()));
        getInputMap(JComponent.WHEN_IN_FOCUSED_WINDOW).put(KeyStroke.getKeyStroke("SPACE"), "capture");
        getActionMap().put("capture", new AbstractAction() {
            @Override
            public void actionPerformed(ActionEvent e) {
                if (step == Step.CAPTURE) {
                    captureNow();
                }
            }
        });
        saveStep.folder.setText(calibrationFolder.toAbsolutePath().normalize().toString());
        updateNav();
    }

    /** Opens the wizard in a non-modal dialog that closes the source when it is closed. */
    public static JDialog showDialog(Window owner, Supplier<StereoSource> sources, Path calibrationFolder,
                                     Consumer<Path> onSaved) {
        JDialog d = new JDialog(owner, "Calibration wizard");
        CalibrationWizard w = new CalibrationWizard(sources, calibrationFolder, onSaved);
        d.setContentPane(w);
        d.setDefaultCloseOperation(JDialog.DISPOSE_ON_CLOSE);
        d.addWindowListener(new WindowAdapter() {
            @Override
            public void windowClosed(WindowEvent e) {
                w.dispose();
            }
        });
        d.pack();
        d.setLocationRelativeTo(owner);
        d.setVisible(true);
        return d;
    }

    /** False keeps the capture loop from running on its own thread; frames then come only from {@link #pumpFrames}. */
    public void setLiveFeed(boolean live) {
        this.liveFeed = live;
    }

    public Step step() {
        return step;
    }

    /** The session of the current board, or null before capture started. */
    public CalibrationSession session() {
        return session;
    }

    /** Sets step 1's choices. */
    public void chooseBoard(BoardSpec board, CalibrationSession.Mode mode) {
        boardStep.set(board, mode);
    }

    /** Writes the chosen board as PDF or PNG at true scale; returns the message shown. */
    public String printBoard(Path file, boolean asPdf) {
        return boardStep.print(file, asPdf);
    }

    /** Goes to the next step when the current one allows; returns whether it moved. */
    public boolean next() {
        switch (step) {
            case BOARD -> {
                BoardSpec board;
                try {
                    board = boardStep.board();
                } catch (IllegalArgumentException e) {
                    boardStep.show(e.getMessage(), true);
                    return false;
                }
                startSession(board, boardStep.sessionMode());
                show(Step.CAPTURE);
            }
            case CAPTURE -> {
                if (session == null || !session.canCalibrate()) {
                    return false;
                }
                show(Step.CALIBRATE);
                if (session.result() == null && !session.isCalibrating()) {
                    calibrate();
                }
            }
            case CALIBRATE -> {
                SessionResult r = session == null ? null : session.result();
                if (r == null || r.problem() != null) {
                    return false;
                }
                saveStep.summary.setText("<html>" + String.join("<br>", r.summary()) + "</html>");
                if (r instanceof SessionResult.Mono && "stereo".equals(saveStep.name.getText())) {
                    saveStep.name.setText("camera");
                }
                show(Step.SAVE);
            }
            case SAVE -> {
                finish();
            }
        }
        return true;
    }

    /** Step 4's Finish: closes the wizard's window (a saved calibration is already the active one). */
    public void finish() {
        java.awt.Window w = SwingUtilities.getWindowAncestor(this);
        if (w != null) {
            w.dispose();
        } else {
            dispose();
        }
    }

    public void back() {
        if (step.ordinal() > 0) {
            show(Step.values()[step.ordinal() - 1]);
        }
    }

    private void show(Step s) {
        step = s;
        if (feed != null) {
            feed.setCapturing(s == Step.CAPTURE); // a board still waved at step 3 must not reset the fit
        }
        cards.show(deck, s.name());
        updateNav();
        if (s == Step.CALIBRATE) {
            resultStep.refresh();
        }
    }

    /** A new session when the board or mode changed; the same one (and its views) when they did not. */
    private void startSession(BoardSpec board, CalibrationSession.Mode mode) {
        if (session != null && session.board().equals(board) && session.mode() == mode) {
            return;
        }
        if (feed != null) {
            feed.close();
        }
        if (session != null) {
            session.close();
        }
        session = new CalibrationSession(board, mode, settings);
        session.addListener((s, change) -> SwingUtilities.invokeLater(() -> sessionChanged(s, change)));
        captureStep.attach(session);
        resultStep.attach(session);
        feed = new WizardFeed(sources, session, live -> SwingUtilities.invokeLater(() -> showLive(live)));
        feed.setCapturing(step == Step.CAPTURE || step == Step.BOARD); // startSession runs just before CAPTURE shows
        if (liveFeed) {
            feed.start();
        }
    }

    private void sessionChanged(CalibrationSession s, CalibrationSession.Change change) {
        if (s != session) {
            return;
        }
        if (change != CalibrationSession.Change.FRAME) {
            captureStep.refreshViews();
            resultStep.refresh();
        } else {
            captureStep.showCheck(s.lastCheck());
        }
        updateNav();
    }

    private void showLive(WizardFeed.Live live) {
        captureStep.showLive(live);
        resultStep.showLive(live);
        boardStep.source.setText(live.source() + (live.left() == null ? ""
                : ", " + live.left().getWidth() + "x" + live.left().getHeight()));
        captureStep.refreshViews();
        updateNav();
    }

    private void updateNav() {
        back.setEnabled(step != Step.BOARD);
        boolean canNext = switch (step) {
            case BOARD -> true;
            case CAPTURE -> session != null && session.canCalibrate();
            case CALIBRATE -> session != null && session.result() != null && session.result().problem() == null
                    && !session.isCalibrating();
            case SAVE -> true;
        };
        next.setEnabled(canNext);
        next.setText(step == Step.SAVE ? "Finish" : "Next >");
        next.setToolTipText(step == Step.SAVE ? "Close the wizard; the calibration saved is the active one" : null);
        navHint.setText(switch (step) {
            case BOARD -> "Choose the board you hold, print it if needed, then Next.";
            case CAPTURE -> session == null ? " " : session.isComplete() ? "Coverage complete: Next to calibrate."
                    : session.canCalibrate() ? "You may calibrate now; full coverage gives a better result."
                    : "Take at least " + session.minViews() + " views.";
            case CALIBRATE -> "Check the errors, remove outliers if any, then Next to save.";
            case SAVE -> "Name the calibration and save it, then Finish.";
        });
    }

    /** Takes the next frame with the board in view regardless of stillness and novelty. */
    public void captureNow() {
        if (session != null) {
            session.requestManualCapture();
        }
    }

    /** Starts a calibration in the background; the result page follows it. */
    public CompletableFuture<SessionResult> calibrate() {
        if (session == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("no capture yet"));
        }
        return session.calibrateAsync();
    }

    /** Saves the current calibration under {@code name}; returns the file, or null when it could not (the page says why). */
    public Path save(String name) {
        SessionResult r = session == null ? null : session.result();
        if (r == null) {
            saveStep.show("Nothing to save: calibrate first", true);
            return null;
        }
        try {
            Path file = store.save(r, name);
            saveStep.show("Saved " + file + (java.nio.file.Files.exists(CalibrationStore.backupOf(file))
                    ? " (the previous file is kept as " + CalibrationStore.backupOf(file).getFileName() + ")" : "")
                    + "; it is now the active calibration", false);
            onSaved.accept(file);
            return file;
        } catch (IOException | RuntimeException e) {
            saveStep.show("Could not save: " + e.getMessage(), true);
            return null;
        }
    }

    JButton nextButton() {
        return next;
    }

    /** Runs the capture loop {@code frames} times on the calling thread; returns how many frames came. */
    public int pumpFrames(int frames) {
        if (feed == null) {
            throw new IllegalStateException("capture has not started");
        }
        int got = 0;
        for (int i = 0; i < frames; i++) {
            got += feed.step() ? 1 : 0;
        }
        return got;
    }

    /** Stops the capture loop and closes the source and session. */
    public void dispose() {
        if (feed != null) {
            feed.close();
            feed = null;
        }
        if (session != null) {
            session.close();
        }
    }
}
