package io.github.stereostation.ui;

import io.github.stereostation.OpenCvNative;
import io.github.stereostation.calibration.BoardSpec;
import io.github.stereostation.calibration.CalibrationQuality;
import io.github.stereostation.calibration.StereoCalibration;
import io.github.stereostation.capture.StereoFrame;
import io.github.stereostation.capture.StereoSource;
import io.github.stereostation.pipeline.LiveLoop;
import io.github.stereostation.pipeline.LoopSpec;
import io.github.stereostation.pipeline.StationPipeline;
import io.github.stereostation.sim.StereoRig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import javax.swing.JButton;
import javax.swing.SwingUtilities;
import javax.swing.TransferHandler;
import java.awt.Component;
import java.awt.Container;
import java.awt.datatransfer.DataFlavor;
import java.awt.datatransfer.Transferable;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The three features wired into the station window, on the real panel and controller (Swing headless): the
 * Calibrate button, photo drops going through "Photo → 3D", the wizard borrowing the loop's cameras, and the
 * mono fill setting.
 */
class StationWiringTest {
    @BeforeAll
    static void load() {
        OpenCvNative.load();
    }

    /** A file list as a file manager offers it on drag and drop. */
    private static Transferable fileList(File... files) {
        return new Transferable() {
            @Override
            public DataFlavor[] getTransferDataFlavors() {
                return new DataFlavor[]{DataFlavor.javaFileListFlavor};
            }

            @Override
            public boolean isDataFlavorSupported(DataFlavor flavor) {
                return DataFlavor.javaFileListFlavor.equals(flavor);
            }

            @Override
            public Object getTransferData(DataFlavor flavor) {
                return List.of(files);
            }
        };
    }

    private static boolean contains(Container root, Component c) {
        return SwingUtilities.isDescendingFrom(c, root) && c != root;
    }

    private static <T> T onEdt(Supplier<T> s) throws Exception {
        Object[] out = new Object[1];
        SwingUtilities.invokeAndWait(() -> out[0] = s.get());
        @SuppressWarnings("unchecked") T t = (T) out[0];
        return t;
    }

    private static void waitFor(BooleanSupplier c, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!c.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(c.getAsBoolean()).as(what).isTrue();
    }

    @Test
    void theTuningPanelSaysWhatAnAutomaticRangeBecame() throws Exception {
        try (StationController controller = new StationController(UiSettings.defaults(), null,
                LoopSpec.synthetic(160, 120))) {
            StationPanel panel = onEdt(() -> new StationPanel(controller));
            controller.startAndWait();
            waitFor(() -> controller.searchedRange() != null, "a matched frame");
            SwingUtilities.invokeAndWait(panel::refresh);
            // the shipped live preset leaves the range open; on the synthetic rig it follows the working distance
            assertThat(onEdt(() -> panel.tuningPanel().searchedRangeText()))
                    .matches("searching 0–\\d+ px \\(from 0\\.50 m on\\)");
        }
    }

    @Test
    void calibrateButtonIsInTheToolBarAndADroppedPhotoGoesThroughPhotoTo3d(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("photo.png");
        BufferedImage img = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        img.setRGB(10, 10, 0xff8800);
        ImageIO.write(img, "png", png.toFile());
        Path text = Files.writeString(dir.resolve("notes.txt"), "not a photo");
        // the photo path's own verdict on the models installed here (none in a fresh checkout)
        String noModel = StationController.monoModelProblem();
        try (StationController controller = new StationController(UiSettings.defaults(), null,
                LoopSpec.synthetic(160, 120))) {
            StationPanel panel = onEdt(() -> new StationPanel(controller));
            JButton calibrate = panel.calibrateButton();
            assertThat(calibrate.getText()).isEqualTo("Calibrate…");
            assertThat(calibrate.isEnabled()).isTrue();
            assertThat(contains(panel, calibrate)).as("the button is in the panel's tool bar").isTrue();

            TransferHandler drop = panel.getTransferHandler();
            assertThat(drop).isNotNull();
            // a drop on the read-only timings text goes the same way
            assertThat(panel.timingsText().getTransferHandler()).isSameAs(drop);
            TransferHandler.TransferSupport notPhoto = new TransferHandler.TransferSupport(panel, fileList(text.toFile()));
            assertThat(onEdt(() -> drop.importData(notPhoto))).isFalse();
            assertThat(controller.statusLine()).contains("notes.txt").contains("expected an image file");

            TransferHandler.TransferSupport photo = new TransferHandler.TransferSupport(panel,
                    fileList(text.toFile(), png.toFile()));
            assertThat(onEdt(() -> drop.canImport(photo))).isTrue();
            assertThat(onEdt(() -> drop.importData(photo))).isTrue();
            // openPhoto ran: its first words are on the status line at once, the estimate follows off the EDT
            String first = controller.statusLine();
            if (noModel != null) {
                waitFor(() -> controller.statusLine().contains(noModel), "the no-model message");
                SwingUtilities.invokeAndWait(panel::refresh);
                String shown = panel.statusBar().statusText();
                System.out.println("status after dropping photo.png: " + shown);
                assertThat(shown).startsWith("photo to 3D failed: ").contains(noModel).contains(".onnx");
            } else {
                waitFor(() -> controller.statusLine().contains("points from mono depth"), "the photo's cloud");
            }
            assertThat(first).isIn("estimating depth of photo.png with the mono model…", controller.statusLine());
        }
    }


    @Test
    void theWizardBorrowsTheLoopsSourceAndTheLoopComesBackWithTheSavedCalibration(@TempDir Path dir) throws Exception {
        StereoRig rig = StereoRig.idealDesk(160, 120);
        Path cal = dir.resolve("wizard.yaml");
        new StereoCalibration(BoardSpec.chessboard(9, 6, 25), rig.left().intrinsics(), rig.right().intrinsics(),
                rig.rotationMatrix(), rig.translationMm(), new CalibrationQuality(0, 0, 0, 0, 0, 0, 0, 0, 0)).save(cal);
        Path settingsFile = dir.resolve("ui.yaml");
        try (StationController controller = new StationController(UiSettings.defaults().withSource("synthetic"),
                settingsFile, LoopSpec.synthetic(160, 120))) {
            LiveLoop first = controller.startAndWait();
            assertThat(first.describeCalibration()).contains("ideal synthetic rig");

            Supplier<StereoSource> lent = controller.lendSource();
            // the wizard calls the supplier off the event thread once capture starts
            try (StereoSource source = CompletableFuture.supplyAsync(lent).get(60, TimeUnit.SECONDS)) {
                assertThat(controller.loop()).as("no loop while the wizard holds the cameras").isNull();
                assertThat(Thread.getAllStackTraces().keySet()).noneMatch(
                        t -> t.getName().startsWith(StationPipeline.THREAD_PREFIX)
                                && !t.getName().equals("station-control") && t.isAlive());
                try (StereoFrame f = source.next()) {
                    assertThat(f.left().cols()).isEqualTo(160);
                    assertThat(f.left().rows()).isEqualTo(120);
                }
                // what the wizard's onSaved does: the new file becomes the active calibration, but the loop
                // stays closed until the dialog has closed
                controller.switchCalibration(cal.toString());
                Thread.sleep(200);
                assertThat(controller.loop()).isNull();
                assertThat(controller.statusLine()).contains("calibration wizard");
            }
            controller.takeBackSource();
            waitFor(() -> controller.loop() != null && controller.stats().delivered() > 2, "the loop restarted");
            assertThat(controller.loop().describeCalibration()).isEqualTo("calibration wizard.yaml");
            assertThat(UiSettings.load(settingsFile).calibration()).isEqualTo(cal.toString());
        }
    }

    @Test
    void monoFillIsOffByDefaultOfferedOnlyWithAModelAndRemembered(@TempDir Path dir) throws Exception {
        Path settingsFile = dir.resolve("ui.yaml");
        String noModel = StationController.monoModelProblem();
        assertThat(UiSettings.defaults().monoFill()).isFalse();
        assertThat(UiSettings.defaults().monoFillFrames()).isZero();
        try (StationController controller = new StationController(UiSettings.defaults(), settingsFile,
                LoopSpec.synthetic(160, 120))) {
            TuningPanel panel = onEdt(() -> new TuningPanel(controller));
            assertThat(panel.monoFillBox().isSelected()).isFalse();
            assertThat(panel.monoFillBox().isEnabled()).isTrue(); // without a model, ticking it offers one
            assertThat(panel.monoEverySpinner().getValue()).isEqualTo(10);
            if (noModel != null) {
                assertThat(panel.monoFillBox().getToolTipText()).contains(noModel).contains("models/");
            }
            controller.setMonoFill(true, 7);
            UiSettings saved = UiSettings.load(settingsFile);
            assertThat(saved.monoFill()).isTrue();
            assertThat(saved.monoFillEveryFrames()).isEqualTo(7);
            assertThat(saved.monoFillFrames()).isEqualTo(7);
            // the loop it reopened asked for the fill; with no model it runs stereo alone and says why
            waitFor(() -> controller.loop() != null, "the loop reopened");
            assertThat(controller.loop().monoFillActive()).isEqualTo(noModel == null);
            if (noModel != null) {
                assertThat(controller.loop().describeMonoFill()).isEqualTo("mono fill off: " + noModel);
            }
            TuningPanel reloaded = onEdt(() -> new TuningPanel(new StationController(saved, null,
                    LoopSpec.synthetic(160, 120))));
            assertThat(reloaded.monoFillBox().isSelected()).isTrue();
            assertThat(reloaded.monoEverySpinner().getValue()).isEqualTo(7);
        }
        assertThat(Files.readString(settingsFile)).contains("monoFill: true").contains("monoFillEveryFrames: 7");
    }
}
