package io.github.stereostation.cli;

import io.github.stereostation.UserInputException;
import io.github.stereostation.calibration.BoardSpec;
import io.github.stereostation.calibration.CalibrationSession;
import io.github.stereostation.ui.wizard.CalibrationWizard;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import javax.swing.JFrame;
import javax.swing.SwingUtilities;
import java.awt.GraphicsEnvironment;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/** {@code stereo-station calibration-wizard}: the guided calibration in its own window. */
@Command(name = "calibration-wizard", mixinStandardHelpOptions = true,
        description = "Open the guided calibration window: choose and print the board, capture views with live "
                + "hints and coverage bars (views are taken automatically when the board is held still in a new "
                + "pose), calibrate, check the errors and the rectified preview, and save under the calibration "
                + "folder. Needs a display. For a folder of captured pairs without a window use 'calibrate'.")
public final class CalibrationWizardCommand implements Callable<Integer> {

    @Mixin
    SourceOptions source;

    @Option(names = "--board", paramLabel = "SPEC",
            description = "Board to start with: chess:COLSxROWS:SQUARE_MM or charuco:COLSxROWS:SQUARE_MM:MARKER_MM[:DICT] "
                    + "(can be changed in the first step; default chess:9x6:25).")
    String board;

    @Option(names = "--mono", description = "Calibrate one camera (the left) for its intrinsics only.")
    boolean mono;

    @Option(names = "--folder", paramLabel = "DIR", defaultValue = "calibration",
            description = "Where calibrations are saved (default: ${DEFAULT-VALUE}).")
    Path folder;

    @Override
    public Integer call() throws Exception {
        BoardSpec spec = BoardSpec.parse(board == null ? "chess:9x6:25" : board);
        String sourceSpec = source.spec();
        if (GraphicsEnvironment.isHeadless()) {
            throw new UserInputException("calibration-wizard: no display available; run it on a desktop, or calibrate "
                    + "a folder of captured pairs with 'stereo-station calibrate'");
        }
        CountDownLatch closed = new CountDownLatch(1);
        AtomicReference<Path> saved = new AtomicReference<>();
        SwingUtilities.invokeAndWait(() -> {
            JFrame frame = new JFrame("Stereo Station - calibration wizard (" + sourceSpec + ")");
            CalibrationWizard wizard = new CalibrationWizard(source::open, folder, saved::set);
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
}
