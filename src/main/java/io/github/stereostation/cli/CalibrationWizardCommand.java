package io.github.stereostation.cli;

import io.github.stereostation.UserInputException;
import io.github.stereostation.calibration.BoardSpec;
import io.github.stereostation.calibration.CalibrationSession;
import io.github.stereostation.calibration.CalibrationStore;
import io.github.stereostation.calibration.CaptureHint;
import io.github.stereostation.calibration.CaptureSettings;
import io.github.stereostation.calibration.FrameCheck;
import io.github.stereostation.calibration.SessionResult;
import io.github.stereostation.capture.StereoFrame;
import io.github.stereostation.capture.StereoSource;
import io.github.stereostation.ui.wizard.CalibrationWizard;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import javax.swing.JFrame;
import javax.swing.SwingUtilities;
import java.awt.GraphicsEnvironment;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/** {@code stereo-station calibration-wizard}: the guided calibration in its own window. */
@Command(name = "calibration-wizard", mixinStandardHelpOptions = true,
        description = "Open the guided calibration window: choose and print the board, capture views with live "
                + "hints and coverage bars (views are taken automatically when the board is held still in a new "
                + "pose), calibrate, check the errors and the rectified preview, and save under the calibration "
                + "folder. With --no-window the same guided selection runs over a recorded source (replay:DIR, "
                + "video:FILE) and prints what it took. For every image of a folder without selection use 'calibrate'.")
public final class CalibrationWizardCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Mixin
    SourceOptions source;

    @Option(names = "--board", paramLabel = "SPEC", defaultValue = "chess:9x6:25",
            description = "Board to start with: chess:COLSxROWS:SQUARE_MM or charuco:COLSxROWS:SQUARE_MM:MARKER_MM[:DICT] "
                    + "(can be changed in the first step; default ${DEFAULT-VALUE}).")
    String board;

    @Option(names = "--mono", description = "Calibrate one camera (the left) for its intrinsics only.")
    boolean mono;

    @Option(names = "--folder", paramLabel = "DIR", defaultValue = "calibration",
            description = "Where calibrations are saved (default: ${DEFAULT-VALUE}).")
    Path folder;

    @Option(names = "--no-window",
            description = "No window: feed every frame of the source through the guided capture (still, sharp, new "
                    + "poses only), calibrate, and save as --name.")
    boolean noWindow;

    @Option(names = "--name", paramLabel = "NAME",
            description = "With --no-window: the calibration's name, saved as FOLDER/NAME.yaml (default: stereo, or camera with --mono).")
    String name;

    @Override
    public Integer call() throws Exception {
        BoardSpec spec = BoardSpec.parse(board);
        String sourceSpec = source.spec(config.settings());
        if (noWindow) {
            return runWithoutWindow(spec);
        }
        if (name != null) {
            throw new UserInputException("--name: only with --no-window (the window asks for the name)");
        }
        if (GraphicsEnvironment.isHeadless()) {
            throw new UserInputException("calibration-wizard: no display available; run it on a desktop, or calibrate "
                    + "a folder of captured pairs with 'stereo-station calibrate'");
        }
        CountDownLatch closed = new CountDownLatch(1);
        AtomicReference<Path> saved = new AtomicReference<>();
        SwingUtilities.invokeAndWait(() -> {
            JFrame frame = new JFrame("Stereo Station - calibration wizard (" + sourceSpec + ")");
            CalibrationWizard wizard = new CalibrationWizard(() -> source.open(config.settings()), folder, saved::set);
            wizard.chooseBoard(spec, mono ? CalibrationSession.Mode.MONO : CalibrationSession.Mode.STEREO);
            frame.setContentPane(wizard);
            frame.setDefaultCloseOperation(JFrame.DISPOSE_ON_CLOSE);
            frame.addWindowListener(new java.awt.event.WindowAdapter() {
                @Override
                public void windowClosed(java.awt.event.WindowEvent e) {
                    wizard.dispose();
                    closed.countDown();
                }
            });
            frame.pack();
            frame.setLocationRelativeTo(null);
            frame.setVisible(true);
        });
        closed.await();
        if (saved.get() != null) {
            System.out.println("saved " + saved.get());
        }
        return 0;
    }

    private int runWithoutWindow(BoardSpec spec) throws java.io.IOException {
        CalibrationSession.Mode mode = mono ? CalibrationSession.Mode.MONO : CalibrationSession.Mode.STEREO;
        CalibrationStore store = new CalibrationStore(folder);
        Path target = store.fileFor(name != null ? name : mono ? "camera" : "stereo");
        int frames = 0;
        try (StereoSource src = source.open(config.settings());
             CalibrationSession session = new CalibrationSession(spec, mode, CaptureSettings.defaults())) {
            String lastProblem = null;
            session.setStills(src.deliversStills());
            // why frames were not taken, so that a run with no views can say so
            java.util.Map<CaptureHint, Integer> why = new java.util.EnumMap<>(CaptureHint.class);
            java.util.Map<CaptureHint, String> whyText = new java.util.EnumMap<>(CaptureHint.class);
            for (StereoFrame next = src.next(); next != null; next = src.next()) {
                try (StereoFrame f = next) {
                    frames++;
                    FrameCheck c = session.offer(f);
                    if (!c.didCapture()) {
                        why.merge(c.hint(), 1, Integer::sum);
                        whyText.putIfAbsent(c.hint(), c.message());
                    }
                    if (c.didCapture()) {
                        double[] b = session.bars();
                        System.out.printf(Locale.ROOT, "frame %d: took %s  coverage x %3.0f%% y %3.0f%% size %3.0f%% skew %3.0f%%%n",
                                f.sequence(), c.captured().name(), 100 * b[0], 100 * b[1], 100 * b[2], 100 * b[3]);
                    } else if (c.hint() == CaptureHint.RESOLUTION_CHANGED && !c.message().equals(lastProblem)) {
                        System.out.println("frame " + f.sequence() + ": " + c.message());
                    }
                    lastProblem = c.hint().isProblem() ? c.message() : null;
                }
            }
            System.out.printf(Locale.ROOT, "%d frames, %d views taken%s%n", frames, session.viewCount(),
                    session.isCoverageFull() ? ", coverage complete" : ", coverage NOT complete: more varied views would help");
            if (session.viewCount() < session.minViews()) {
                System.out.println(frames == 0 ? "no view taken: the source delivered no frames"
                        : "why frames were not taken (frames: what the session said):");
                why.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(3).forEach(e ->
                        System.out.printf(Locale.ROOT, "  %d: %s%n", e.getValue(), whyText.get(e.getKey())));
                if (why.containsKey(CaptureHint.NOT_FOUND_BOTH) && why.size() == 1) {
                    System.out.println("  the board " + spec + " was never found: check --board (inner corners "
                            + "for chessboards) against the board in the images");
                }
            }
            SessionResult result = session.calibrate();
            result.summary().forEach(System.out::println);
            if (result.problem() != null) {
                throw new UserInputException(src.describe() + ": " + result.problem());
            }
            Path file = store.save(result, target.getFileName().toString());
            System.out.println("saved " + file);
        }
        return 0;
    }
}
