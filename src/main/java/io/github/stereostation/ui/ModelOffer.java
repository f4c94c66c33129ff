package io.github.stereostation.ui;

import io.github.stereostation.UserInputException;
import io.github.stereostation.depth.MonoModels;
import io.github.stereostation.models.FetchProgress;
import io.github.stereostation.models.KnownModel;
import io.github.stereostation.models.ModelCatalog;
import io.github.stereostation.models.ModelFetcher;
import io.github.stereostation.models.ModelInstaller;

import javax.swing.BorderFactory;
import javax.swing.Box;
import javax.swing.BoxLayout;
import javax.swing.JButton;
import javax.swing.JDialog;
import javax.swing.JFileChooser;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JProgressBar;
import javax.swing.SwingUtilities;
import javax.swing.SwingWorker;
import javax.swing.UIManager;
import javax.swing.WindowConstants;
import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.Component;
import java.awt.FlowLayout;
import java.awt.GraphicsEnvironment;
import java.awt.Window;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;

/**
 * What the window offers when a job needs a mono depth model and none is installed: download the preferred
 * model (MiDaS small) from its pinned URL, with progress and a Cancel that keeps the part for a later resume, or
 * choose a model file the user already has. Downloads, checksums and installs run off the event thread; a failure
 * stays on screen in the dialog's own words until the user retries, chooses a file or closes it. When a model is
 * in place the dialog closes and the job goes on.
 */
public final class ModelOffer extends JPanel {

    private static final Color FAULT = new Color(0xD0, 0x30, 0x30);
    private static final int TEXT_WIDTH = 460;
    private static ModelOffer open; // one at a time: two downloads must not write the same part file

    private final ModelCatalog catalog;
    private final KnownModel model;
    private final ModelFetcher fetcher;
    private final Runnable onReady;
    private final Runnable onGaveUp;
    private final JButton download;
    private final JButton choose = new JButton("Choose a model file…");
    private final JButton close = new JButton("Cancel");
    private final JProgressBar bar = new JProgressBar(0, 1000);
    private final JLabel progress = new JLabel();
    private final JLabel message = new JLabel();
    private final Runnable closeWindow;
    private ModelFetcher.Cancellation running;
    private boolean ready;

    /**
     * Runs {@code onReady} at once when a mono model is installed; otherwise opens the offer, which runs it once the
     * user has downloaded or chosen one, or {@code onGaveUp} when they close it without (both on the event thread).
     *
     * @param purpose what needs the model, in the window's words ("Photo → 3D")
     */
    public static void whenModelReady(Component parent, String purpose, Runnable onReady, Runnable onGaveUp) {
        if (modelInstalled() || GraphicsEnvironment.isHeadless()) {
            onReady.run(); // with no screen for the offer, the job itself reports the missing model
            return;
        }
        if (open != null) {
            Window w = SwingUtilities.getWindowAncestor(open);
            if (w != null) {
                w.toFront();
            }
            onGaveUp.run();
            return;
        }
        ModelCatalog catalog = ModelCatalog.standard();
        JDialog dialog = new JDialog(SwingUtilities.getWindowAncestor(parent), "Mono depth model needed",
                java.awt.Dialog.ModalityType.MODELESS);
        ModelOffer offer = new ModelOffer(purpose, catalog, catalog.preferred(),
                new ModelFetcher(ModelFetcher.Settings.defaults()), onReady, onGaveUp, dialog::dispose);
        dialog.setDefaultCloseOperation(WindowConstants.DO_NOTHING_ON_CLOSE);
        dialog.addWindowListener(new WindowAdapter() {
            @Override
            public void windowClosing(WindowEvent e) {
                offer.closeOrCancel();
            }
        });
        dialog.getContentPane().add(offer);
        dialog.pack();
        dialog.setLocationRelativeTo(parent);
        dialog.setVisible(true);
    }

    static boolean modelInstalled() {
        try {
            MonoModels.resolve(null);
            return true;
        } catch (UserInputException e) {
            return false;
        }
    }

    /** @param closeWindow closes the window this panel is in (called once, when the offer is done) */
    ModelOffer(String purpose, ModelCatalog catalog, KnownModel model, ModelFetcher fetcher, Runnable onReady,
               Runnable onGaveUp, Runnable closeWindow) {
        super(new BorderLayout());
        this.catalog = catalog;
        this.model = model;
        this.fetcher = fetcher;
        this.onReady = onReady;
        this.onGaveUp = onGaveUp;
        this.closeWindow = closeWindow;
        download = new JButton();
        labelDownload();
        open = this;

        JPanel body = new JPanel();
        body.setLayout(new BoxLayout(body, BoxLayout.Y_AXIS));
        body.setBorder(BorderFactory.createEmptyBorder(14, 16, 8, 16));
        JLabel question = new JLabel(html("<b>" + purpose + " needs a mono depth model</b>, and none is installed in "
                + catalog.installFolder() + "/.<br><br>Download " + model.spec().name() + " ("
                + model.download().licence() + " licence) from " + model.download().url().getHost() + "; it is checked"
                + " against its published SHA-256 before it is installed. Or choose a model file you already have."));
        body.add(left(question));
        body.add(Box.createVerticalStrut(10));
        bar.setStringPainted(true);
        bar.setString("");
        bar.setVisible(false);
        body.add(left(bar));
        body.add(Box.createVerticalStrut(4));
        body.add(left(progress));
        body.add(left(message));
        progress.setVisible(false);
        message.setVisible(false);

        JPanel buttons = new JPanel(new FlowLayout(FlowLayout.RIGHT, 8, 8));
        buttons.add(download);
        buttons.add(choose);
        buttons.add(close);
        download.addActionListener(e -> startDownload());
        choose.addActionListener(e -> chooseFile());
        close.addActionListener(e -> closeOrCancel());
        add(body, BorderLayout.CENTER);
        add(buttons, BorderLayout.SOUTH);
    }

    /** "Download MiDaS small (66.8 MB)…", or "Resume…" when a part of it is already here. */
    private void labelDownload() {
        Path part = ModelFetcher.partFile(catalog.target(model));
        download.setText((java.nio.file.Files.isRegularFile(part) ? "Resume download of " : "Download ")
                + shortName(model) + " (" + model.download().sizeText() + ")…");
    }

    /** "MiDaS small" from "MiDaS v2.1 small": the button stays short. */
    private static String shortName(KnownModel m) {
        return m.spec().name().replaceAll(" v[0-9.]+", "");
    }

    /** Text wrapped at a readable width (a label's HTML wraps only when given one). */
    private static String html(String body) {
        return "<html><body style='width: " + TEXT_WIDTH + "px'>" + body + "</body></html>";
    }

    /** The component in a row of its own, lined up on the left edge of the vertical box. */
    private static JPanel left(Component c) {
        JPanel row = new JPanel(new BorderLayout());
        row.setOpaque(false);
        row.add(c, BorderLayout.CENTER);
        row.setAlignmentX(LEFT_ALIGNMENT);
        return row;
    }

    private void busy(boolean downloading) {
        download.setEnabled(!downloading);
        choose.setEnabled(!downloading);
        close.setText(downloading ? "Cancel download" : "Cancel");
    }

    private void say(String text, boolean fault) {
        message.setText(text.isBlank() ? "" : html(text.replace("&", "&amp;").replace("<", "&lt;")));
        message.setVisible(!text.isBlank());
        message.setForeground(fault ? FAULT : UIManager.getColor("Label.foreground"));
        repack();
    }

    private void showLine(String text) {
        progress.setText(text);
        if (progress.isVisible() == text.isBlank()) { // the window changes size only when the line comes or goes
            progress.setVisible(!text.isBlank());
            repack();
        }
    }

    private void repack() {
        Window w = SwingUtilities.getWindowAncestor(this);
        if (w != null) {
            w.pack();
        }
    }

    private void startDownload() {
        ModelFetcher.Cancellation cancellation = new ModelFetcher.Cancellation();
        running = cancellation;
        busy(true);
        say(" ", false);
        bar.setVisible(true);
        bar.setIndeterminate(true);
        showLine("connecting to " + model.download().url().getHost() + "…");
        repack();
        Path target = catalog.target(model);
        new SwingWorker<ModelFetcher.Result, FetchProgress>() {
            @Override
            protected ModelFetcher.Result doInBackground() {
                return fetcher.fetch(model, target, new ModelFetcher.Listener() {
                    @Override
                    public void progress(FetchProgress p) {
                        publish(p);
                    }

                    @Override
                    public void note(String line) {
                        SwingUtilities.invokeLater(() -> {
                            if (!cancellation.isCancelled()) {
                                say(line, false);
                            }
                        });
                    }
                }, cancellation);
            }

            @Override
            protected void process(List<FetchProgress> chunks) {
                if (!cancellation.isCancelled()) {
                    showProgress(chunks.get(chunks.size() - 1));
                }
            }

            @Override
            protected void done() {
                if (cancellation.isCancelled() && running != cancellation) {
                    return; // the cancel was reported when the user asked for it
                }
                running = null;
                try {
                    ModelFetcher.Result r = get();
                    showLine("installed " + r.file() + (r.verified() ? " (SHA-256 verified)" : ""));
                    finish();
                } catch (ExecutionException e) {
                    busy(false);
                    labelDownload();
                    bar.setIndeterminate(false);
                    bar.setVisible(false);
                    showLine(" ");
                    say(e.getCause().getMessage(), true);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }.execute();
    }

    void showProgress(FetchProgress p) {
        double f = p.fraction();
        bar.setIndeterminate(f < 0);
        if (f >= 0) {
            bar.setValue((int) Math.round(f * 1000));
            bar.setString(Math.round(f * 100) + " %");
        }
        showLine(p.text());
    }

    private void chooseFile() {
        JFileChooser fc = new JFileChooser(new File("."));
        fc.setDialogTitle("Mono depth model (ONNX)");
        fc.setFileFilter(new javax.swing.filechooser.FileNameExtensionFilter("ONNX models", "onnx"));
        if (fc.showOpenDialog(this) != JFileChooser.APPROVE_OPTION) {
            return;
        }
        Path file = fc.getSelectedFile().toPath();
        busy(true);
        close.setEnabled(false);
        showLine("checking " + file.getFileName() + "…");
        new SwingWorker<ModelInstaller.Installed, Void>() {
            @Override
            protected ModelInstaller.Installed doInBackground() {
                return new ModelInstaller(catalog).install(file, null);
            }

            @Override
            protected void done() {
                busy(false);
                close.setEnabled(true);
                try {
                    ModelInstaller.Installed in = get();
                    showLine("installed " + in.file());
                    if (!in.verified()) {
                        // the user must see this before the dialog goes: it stays, with a button to go on
                        say("Installed, but not verified: no published checksum for " + in.name() + " (SHA-256 "
                                + in.sha256() + ").", true);
                        download.setVisible(false);
                        choose.setVisible(false);
                        close.setText("Continue");
                        ready = true;
                        return;
                    }
                    finish();
                } catch (ExecutionException e) {
                    showLine(" ");
                    say(e.getCause().getMessage(), true);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }.execute();
    }

    void closeOrCancel() {
        if (running != null) {
            // said at once, even while the fetch still waits for a silent server: it writes nothing after this
            running.cancel();
            running = null;
            busy(false);
            labelDownload();
            bar.setIndeterminate(false);
            showLine("Download cancelled; the part is kept for a later resume.");
            return;
        }
        if (ready) {
            finish();
            return;
        }
        close();
        onGaveUp.run();
    }

    private void finish() {
        close();
        onReady.run();
    }

    private void close() {
        if (open == this) {
            open = null;
        }
        closeWindow.run();
    }

    /** For tests and screenshots: the buttons and lines a person sees. */
    JButton downloadButton() {
        return download;
    }

    JButton closeButton() {
        return close;
    }

    String progressText() {
        return progress.getText();
    }

    String messageText() {
        return message.getText();
    }
}
