package io.github.stereostation.ui.wizard;

import io.github.stereostation.OpenCvNative;
import io.github.stereostation.calibration.BoardMotion;
import io.github.stereostation.calibration.BoardSpec;
import io.github.stereostation.calibration.CalibrationSession;
import io.github.stereostation.calibration.CalibrationStore;
import io.github.stereostation.calibration.CaptureHint;
import io.github.stereostation.calibration.CaptureSettings;
import io.github.stereostation.calibration.SessionResult;
import io.github.stereostation.calibration.StereoCalibration;
import io.github.stereostation.capture.StereoFrame;
import io.github.stereostation.capture.StereoSource;
import io.github.stereostation.sim.Chessboard;
import io.github.stereostation.sim.Pose;
import io.github.stereostation.sim.RenderOptions;
import io.github.stereostation.sim.StereoRig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import javax.swing.JComponent;
import javax.swing.SwingUtilities;
import java.awt.Component;
import java.awt.Container;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The wizard panel driven through its four steps by the synthetic rig, painted offscreen after each step into
 * {@code target/screenshots/wizard-step1.png ... step4}; and a camera that disappears mid-capture.
 */
class CalibrationWizardTest {
    static final StereoRig RIG = StereoRig.desk(320, 240);
    static final Chessboard BOARD = new Chessboard(9, 6, 25);
    static final BoardSpec SPEC = BoardSpec.chessboard(9, 6, 25);
    static final RenderOptions RENDER = new RenderOptions(2, 1.0, 1.0, 5);
    static final Path SHOTS = Path.of("target", "screenshots");

    @BeforeAll
    static void load() throws IOException {
        OpenCvNative.load();
        Files.createDirectories(SHOTS);
    }

    @Test
    void walksThroughTheFourStepsAndSavesTheActiveCalibration(@TempDir Path tmp) throws Exception {
        List<Pose> all = BoardMotion.coverage(RIG, BOARD);
        List<Pose> targets = new ArrayList<>(all.subList(0, 10));
        targets.add(all.get(0)); // held again after calibrating, for the rectified preview
        BoardMotion motion = new BoardMotion(RIG, BOARD, targets, 1, 4, RENDER);
        AtomicReference<Path> active = new AtomicReference<>();
        Path folder = tmp.resolve("calibration");
        CalibrationWizard wizard = new CalibrationWizard(() -> motion, folder, active::set,
                CaptureSettings.defaults().withTargetViews(10));
        try {
            wizard.setLiveFeed(false);
            onEdt(() -> wizard.chooseBoard(SPEC, CalibrationSession.Mode.STEREO));

            // Step 1: the board printed at true size.
            Path pdf = tmp.resolve("board.pdf");
            AtomicReference<String> printed = new AtomicReference<>();
            onEdt(() -> printed.set(wizard.printBoard(pdf, true)));
            assertThat(printed.get()).startsWith("Wrote");
            assertThat(new String(Files.readAllBytes(pdf), 0, 5, java.nio.charset.StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
            shot(wizard, "wizard-step1.png");

            // Step 2: capture until the last hold, which is kept for after the calibration.
            onEdt(() -> assertThat(wizard.next()).isTrue());
            assertThat(wizard.step()).isEqualTo(CalibrationWizard.Step.CAPTURE);
            int frames = motion.frameCount() - 5;
            assertThat(wizard.pumpFrames(frames)).isEqualTo(frames);
            CalibrationSession session = wizard.session();
            assertThat(session.viewCount()).isEqualTo(10);
            flushEdt();
            assertThat(wizard.captureStep.hint.getText()).isNotBlank();
            shot(wizard, "wizard-step2.png");

            // Step 3: calibration in the background, then a live rectified frame and a view picked in the chart.
            onEdt(() -> assertThat(wizard.next()).isTrue());
            for (int i = 0; i < 1200 && (session.isCalibrating() || session.result() == null)
                    && session.calibrationError() == null; i++) {
                Thread.sleep(100);
            }
            assertThat(session.calibrationError()).isNull();
            SessionResult result = session.result();
            assertThat(result).isInstanceOf(SessionResult.Stereo.class);
            assertThat(result.problem()).isNull();
            assertThat(wizard.pumpFrames(5)).isEqualTo(5);
            assertThat(session.result()).isSameAs(result);
            flushEdt();
            onEdt(() -> wizard.resultStep.chart.select(2));
            assertThat(wizard.resultStep.removeSelected.isEnabled()).isTrue();
            assertThat(wizard.resultStep.figures.getText()).contains("Baseline").contains("Epipolar");
            shot(wizard, "wizard-step3.png");

            // Step 4: saved under the calibration folder, made active; saving again keeps a backup.
            onEdt(() -> assertThat(wizard.next()).isTrue());
            AtomicReference<Path> file = new AtomicReference<>();
            onEdt(() -> file.set(wizard.save("desk")));
            assertThat(file.get()).isEqualTo(folder.resolve("desk.yaml"));
            assertThat(active.get()).isEqualTo(file.get());
            StereoCalibration loaded = StereoCalibration.load(file.get());
            assertThat(loaded.baselineMm()).isCloseTo(RIG.baselineMm(), org.assertj.core.api.Assertions.within(0.01 * RIG.baselineMm()));
            onEdt(() -> wizard.save("desk"));
            assertThat(Files.exists(CalibrationStore.backupOf(file.get()))).isTrue();
            assertThat(wizard.saveStep.message.getText()).contains("desk.yaml.bak").contains("active");
            shot(wizard, "wizard-step4.png");
        } finally {
            wizard.dispose();
        }
    }

    @Test
    void aCameraThatDisappearsMidCaptureIsReportedAndTheViewsStay(@TempDir Path tmp) throws Exception {
        List<Pose> all = BoardMotion.coverage(RIG, BOARD);
        BoardMotion motion = new BoardMotion(RIG, BOARD, all.subList(0, 3), 1, 4, RENDER);
        int unplugAfter = motion.frameCount();
        StereoSource unplugging = new StereoSource() {
            int served;

            @Override
            public StereoFrame next() throws IOException {
                if (served++ >= unplugAfter) {
                    throw new IOException("camera 1 stopped sending frames (unplugged?)");
                }
                return motion.next();
            }

            @Override
            public String describe() {
                return "cameras 0+1";
            }

            @Override
            public void close() {
                motion.close();
            }
        };
        CalibrationWizard wizard = new CalibrationWizard(() -> unplugging, tmp, p -> { }, CaptureSettings.defaults());
        try {
            wizard.setLiveFeed(false);
            onEdt(() -> {
                wizard.chooseBoard(SPEC, CalibrationSession.Mode.STEREO);
                wizard.next();
            });
            assertThat(wizard.pumpFrames(unplugAfter)).isEqualTo(unplugAfter);
            assertThat(wizard.session().viewCount()).isEqualTo(3);
            assertThat(wizard.pumpFrames(2)).isZero();
            assertThat(wizard.session().lastCheck().hint()).isEqualTo(CaptureHint.CAMERA_LOST);
            assertThat(wizard.session().viewCount()).isEqualTo(3);
            flushEdt();
            assertThat(wizard.captureStep.hint.getText()).contains("Camera lost").contains("unplugged")
                    .contains("3 views taken are kept");
            shot(wizard, "wizard-camera-lost.png");
        } finally {
            wizard.dispose();
        }
    }

    /**
     * No camera: given the station's synthetic rig, the wizard shows that rig with the chosen board moved by a
     * virtual hand, takes views as the board is held still, and its calibration finds the rig within 1 %.
     */
    @Test
    void withoutCamerasTheSyntheticRigHoldsABoardAndCalibratesToTheTrueRig(@TempDir Path tmp) throws Exception {
        io.github.stereostation.pipeline.LoopSpec spec = io.github.stereostation.pipeline.LoopSpec.synthetic(320, 240);
        StereoRig truth = StereoRig.idealDesk(320, 240); // what the station's synthetic source shows
        CalibrationWizard wizard = new CalibrationWizard(() -> io.github.stereostation.pipeline.LiveLoop.openSource(spec),
                tmp, p -> { }, CaptureSettings.defaults().withTargetViews(12));
        try {
            wizard.setLiveFeed(false);
            onEdt(() -> {
                wizard.chooseBoard(SPEC, CalibrationSession.Mode.STEREO);
                wizard.next();
            });
            CalibrationSession session = wizard.session();
            int frames = 0;
            while (frames < 400 && (session.viewCount() < 12 || !session.canCalibrate())) {
                frames += wizard.pumpFrames(9);
            }
            System.out.printf("no-camera wizard: %d views after %d frames of the virtual hand%n",
                    session.viewCount(), frames);
            assertThat(session.viewCount()).as("views taken from the virtual hand").isGreaterThanOrEqualTo(12);
            flushEdt();
            assertThat(wizard.boardStep.source.getText()).contains("virtual hand").doesNotContain("Cameras:");
            shot(wizard, "wizard-no-camera-step2.png");

            onEdt(() -> assertThat(wizard.next()).isTrue());
            assertThat(wizard.step()).isEqualTo(CalibrationWizard.Step.CALIBRATE);
            for (int i = 0; i < 1200 && (session.isCalibrating() || session.result() == null)
                    && session.calibrationError() == null; i++) {
                Thread.sleep(100);
            }
            assertThat(session.calibrationError()).isNull();
            assertThat(session.result()).isInstanceOf(SessionResult.Stereo.class);
            StereoCalibration c = ((SessionResult.Stereo) session.result()).calibration();
            System.out.printf("no-camera wizard: baseline %.3f mm (true %.3f), fx %.2f / %.2f px (true %.2f / %.2f)%n",
                    c.baselineMm(), truth.baselineMm(), c.left().fxPx(), c.right().fxPx(), truth.left().fx(),
                    truth.right().fx());
            assertThat(c.baselineMm()).isCloseTo(truth.baselineMm(), org.assertj.core.api.Assertions.within(0.01 * truth.baselineMm()));
            assertThat(c.left().fxPx()).isCloseTo(truth.left().fx(), org.assertj.core.api.Assertions.within(0.01 * truth.left().fx()));
            assertThat(c.right().fxPx()).isCloseTo(truth.right().fx(), org.assertj.core.api.Assertions.within(0.01 * truth.right().fx()));
            int views = session.viewCount();
            var fit = session.result();
            assertThat(wizard.pumpFrames(12)).isEqualTo(12); // the rectified preview, the hand still moving
            assertThat(session.viewCount()).as("no views taken after the capture step").isEqualTo(views);
            assertThat(session.result()).as("the fit stands").isSameAs(fit);
            flushEdt();
            shot(wizard, "wizard-no-camera-step3.png");

            onEdt(() -> assertThat(wizard.next()).isTrue());
            onEdt(() -> assertThat(wizard.save("virtual")).isNotNull());
            flushEdt();
            assertThat(onEdtGet(() -> wizard.nextButton().getText())).isEqualTo("Finish");
            assertThat(onEdtGet(() -> wizard.nextButton().isEnabled())).isTrue();
            shot(wizard, "wizard-no-camera-step4.png");
        } finally {
            wizard.dispose();
        }
    }

    /** A folder of still photographs: each pair is one view, taken without waiting for the board to stay still. */
    @Test
    void aReplayOfStillsTakesEachStillAsHeldStillAndItsEndIsNoCameraLoss(@TempDir Path tmp) throws Exception {
        List<Pose> all = BoardMotion.coverage(RIG, BOARD);
        Path stills = Files.createDirectories(tmp.resolve("stills"));
        for (int i = 0; i < 4; i++) {
            try (StereoFrame f = BoardMotion.render(RIG, BOARD, all.get(i), RENDER, i)) {
                org.opencv.imgcodecs.Imgcodecs.imwrite(stills.resolve(String.format("left%02d.png", i)).toString(), f.left());
                org.opencv.imgcodecs.Imgcodecs.imwrite(stills.resolve(String.format("right%02d.png", i)).toString(), f.right());
            }
        }
        CalibrationWizard wizard = new CalibrationWizard(() -> io.github.stereostation.capture.ReplaySource.open(
                stills, io.github.stereostation.capture.CameraSettings.defaults()), tmp, p -> { },
                CaptureSettings.defaults());
        try {
            wizard.setLiveFeed(false);
            onEdt(() -> {
                wizard.chooseBoard(SPEC, CalibrationSession.Mode.STEREO);
                wizard.next();
            });
            assertThat(wizard.pumpFrames(4)).isEqualTo(4);
            assertThat(wizard.session().viewCount()).as("one view per still").isEqualTo(4);
            assertThat(wizard.pumpFrames(1)).isZero();
            flushEdt();
            assertThat(wizard.captureStep.hint.getText()).contains("4 views taken").doesNotContain("reconnect")
                    .doesNotContain("Camera lost");
            shot(wizard, "wizard-replay-of-stills-ended.png");
        } finally {
            wizard.dispose();
        }
    }

    static <T> T onEdtGet(java.util.function.Supplier<T> s) throws Exception {
        AtomicReference<T> out = new AtomicReference<>();
        onEdt(() -> out.set(s.get()));
        return out.get();
    }

    interface EdtWork {
        void run() throws Exception;
    }

    static void onEdt(EdtWork work) throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        SwingUtilities.invokeAndWait(() -> {
            try {
                work.run();
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        if (failure.get() instanceof Exception e) {
            throw e;
        }
        if (failure.get() instanceof Error e) {
            throw e;
        }
    }

    static void flushEdt() throws Exception {
        onEdt(() -> { });
        onEdt(() -> { });
    }

    /** Paints the panel offscreen at a fixed size and saves it; fails on a blank picture. */
    static void shot(JComponent c, String name) throws Exception {
        flushEdt();
        AtomicReference<BufferedImage> img = new AtomicReference<>();
        onEdt(() -> {
            c.setSize(1100, 720);
            layout(c);
            BufferedImage b = new BufferedImage(c.getWidth(), c.getHeight(), BufferedImage.TYPE_INT_RGB);
            Graphics2D g = b.createGraphics();
            c.printAll(g);
            g.dispose();
            img.set(b);
        });
        Set<Integer> colours = new HashSet<>();
        BufferedImage b = img.get();
        for (int y = 0; y < b.getHeight(); y += 3) {
            for (int x = 0; x < b.getWidth(); x += 3) {
                colours.add(b.getRGB(x, y));
            }
        }
        ImageIO.write(b, "png", SHOTS.resolve(name).toFile());
        // Text and controls at least; the live steps hold images with many more.
        assertThat(colours.size()).as("distinct colours in %s", name).isGreaterThan(5);
    }

    private static void layout(Component c) {
        if (c instanceof Container k) {
            k.doLayout();
            for (Component child : k.getComponents()) {
                layout(child);
            }
        }
    }
}
