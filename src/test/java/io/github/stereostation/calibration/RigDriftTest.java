package io.github.stereostation.calibration;

import io.github.stereostation.OpenCvNative;
import io.github.stereostation.geometry.CameraIntrinsics;
import io.github.stereostation.geometry.Matrix3;
import io.github.stereostation.sim.PinholeCamera;
import io.github.stereostation.sim.RenderOptions;
import io.github.stereostation.sim.RenderedPair;
import io.github.stereostation.sim.SceneRenderer;
import io.github.stereostation.sim.StereoRig;
import io.github.stereostation.sim.SyntheticScene;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.calib3d.Calib3d;
import org.opencv.core.Mat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The synthetic desk rig (distorted webcams, right camera already turned 0.8°, sensor noise) is calibrated
 * exactly (its true model); then its right camera turns by 0.3° about one axis. Streamed at 30 frames/s with a
 * check every 5th frame, the health check must report the change within 2 s of frames, and the refinement must
 * bring rows below 0.3 px and distances within 1 % of the truth from the scene alone, no board.
 * <p>
 * Which axes move rows (f = 560 px): about x (the baseline) every row moves by about 2.9 px; about z (the
 * optical axis) rows tilt, about 0.7 px median and 1.4 px at the sides; about y (the vertical) rows hardly move
 * (0.15 px median) but every disparity shifts by 2.9 px, distances by about 14 %: the check reports that instead.
 */
class RigDriftTest {
    static final int W = 640, H = 480;
    static final double TURN_DEGREES = 0.3;
    static final double FRAME_NANOS = 1e9 / 30;
    static final int CHECK_EVERY = 5;

    static final StereoRig RIG = StereoRig.desk(W, H);
    static final StereoCalibration CALIBRATION = truthCalibration(RIG);
    static final SyntheticScene SCENE = SyntheticScene.desk(3);
    static SceneRenderer renderer;
    static RenderedPair before;

    @BeforeAll
    static void renderBefore() {
        OpenCvNative.load();
        renderer = new SceneRenderer(new RenderOptions(2, 1.5, 1.0, 7));
        before = renderer.render(RIG, SCENE);
    }

    @AfterAll
    static void release() {
        before.close();
    }

    @Test
    void turnAboutTheBaselineMovesEveryRow() {
        Outcome o = bump(turned(RIG, 0, TURN_DEGREES));
        assertThat(o.moved.rowErrorPx()).isGreaterThan(2.5);
        o.assertRepaired();
    }

    @Test
    void turnAboutTheVerticalShiftsDisparityNotRows() {
        Outcome o = bump(turned(RIG, 1, TURN_DEGREES));
        assertThat(o.moved.rowErrorPx()).isLessThan(RigHealth.GOOD_PX);
        assertThat(Math.abs(o.moved.disparityShiftPx())).isBetween(2.5, 3.3);
        assertThat(o.moved.text()).contains("distances off by about");
        assertThat(o.depthErrorBefore).isGreaterThan(0.05); // what the refinement has to repair
        assertThat(o.refined.turnDegrees()[1]).isCloseTo(-TURN_DEGREES, org.assertj.core.data.Offset.offset(0.03));
        o.assertRepaired();
    }

    @Test
    void turnAboutTheOpticalAxisTiltsRows() {
        Outcome o = bump(turned(RIG, 2, TURN_DEGREES));
        assertThat(o.moved.sideRowErrorPx()).isGreaterThan(1.0);
        assertThat(o.moved.text()).contains("at the sides");
        o.assertRepaired();
    }

    @Test
    void shiftedSensorMovesThePrincipalPoint() {
        PinholeCamera r = RIG.right();
        StereoRig shifted = new StereoRig(RIG.left(), new PinholeCamera(W, H, r.fx(), r.fy(), r.cx(), r.cy() + 2,
                r.distortion()), RIG.rotationRodrigues(), RIG.translationMm());
        Outcome o = bump(shifted);
        assertThat(o.moved.rowErrorPx()).isGreaterThan(1.5);
        assertThat(o.refined.principalPointShiftPx()).isNotZero();
        o.assertRepaired();
    }

    @Test
    void refinedCalibrationIsSavedBesideTheOldOne(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("rig.yaml");
        CALIBRATION.save(file);
        byte[] old = Files.readAllBytes(file);
        Outcome o = bump(turned(RIG, 0, TURN_DEGREES));
        o.refined.save(file);
        assertThat(Files.readAllBytes(CalibrationStore.backupOf(file))).isEqualTo(old);
        StereoCalibration reread = StereoCalibration.load(file);
        assertThat(reread.baselineMm()).isCloseTo(CALIBRATION.baselineMm(), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(reread.left()).isEqualTo(CALIBRATION.left());
        assertThat(RectificationRefiner.rowError(reread, o.rawMatches).medianPx()).isLessThan(0.3);
        try (Stream files = new Stream(dir)) {
            assertThat(files.names()).containsExactlyInAnyOrder("rig.yaml", "rig.yaml.bak");
        }
    }

    /** What the health check and the refinement made of one bump. */
    record Outcome(RigHealth moved, int framesToNotice, RefinedRectification refined, FeatureMatches rawMatches,
                   double depthErrorBefore, double depthErrorAfter) {
        void assertRepaired() {
            System.out.printf("noticed after %d frames: %s; refined: %s; depth error %.2f %% -> %.2f %%%n",
                    framesToNotice, moved.text(), refined.summary().replace(System.lineSeparator(), "; "),
                    100 * depthErrorBefore, 100 * depthErrorAfter);
            assertThat(moved.verdict()).isEqualTo(RigHealth.Verdict.MOVED);
            assertThat(framesToNotice).isLessThanOrEqualTo(60);
            assertThat(refined.before().medianPx()).isGreaterThan(refined.after().medianPx());
            assertThat(refined.after().medianPx()).isLessThan(0.3);
            assertThat(depthErrorAfter).isLessThan(0.01);
            assertThat(refined.calibration().baselineMm()).isCloseTo(CALIBRATION.baselineMm(),
                    org.assertj.core.data.Offset.offset(1e-9));
            assertThat(refined.calibration().left()).isEqualTo(CALIBRATION.left());
        }
    }

    /**
     * 30 frames of the calibrated rig, then the bump and 60 frames (2 s) of the moved rig, checked every 5th
     * frame; the matches of the checks after the bump feed the refinement.
     */
    static Outcome bump(StereoRig moved) {
        try (RenderedPair after = renderer.render(moved, SCENE);
             Rectifier rectifier = Rectifier.create(CALIBRATION, 0);
             RigHealthMonitor monitor = RigHealthMonitor.forGeometry(rectifier.geometry(), CHECK_EVERY);
             StereoFeatureMatcher matcher = new StereoFeatureMatcher();
             RectificationRefiner refiner = new RectificationRefiner(CALIBRATION)) {
            Mat l = new Mat();
            Mat r = new Mat();
            int noticed = -1;
            RigHealth health = RigHealth.UNKNOWN;
            for (int frame = 0; frame < 90; frame++) {
                if (!monitor.due(frame)) {
                    continue;
                }
                RenderedPair p = frame < 30 ? before : after;
                rectifier.rectify(p.left(), p.right(), l, r);
                FeatureMatches m = matcher.match(l, r);
                health = monitor.add(m, (long) (frame * FRAME_NANOS));
                if (frame < 30) {
                    assertThat(health.verdict()).as("before the bump").isEqualTo(RigHealth.Verdict.GOOD);
                    assertThat(health.rowErrorPx()).isLessThan(0.2);
                } else {
                    refiner.addRectified(m);
                    if (noticed < 0 && health.verdict() == RigHealth.Verdict.MOVED) {
                        noticed = frame - 30 + 1;
                    }
                }
            }
            l.release();
            r.release();
            RefinedRectification refined = refiner.refine();
            FeatureMatches raw = refiner.rawMatches();
            return new Outcome(health, noticed < 0 ? Integer.MAX_VALUE : noticed, refined, raw,
                    medianDepthError(CALIBRATION, raw, after.depthLeftMetres()),
                    medianDepthError(refined.calibration(), raw, after.depthLeftMetres()));
        }
    }

    /**
     * Median relative error of the distances a calibration gives to raw matches (triangulated from their
     * rectified disparity, as the loop's depth does) against the true depth at the left pixel.
     */
    static double medianDepthError(StereoCalibration cal, FeatureMatches raw, Mat trueDepthMetres) {
        RectificationGeometry g = RectificationGeometry.of(cal, 0);
        float[] l = Rectifier.rectifyPoints(cal, g, true, raw.left());
        float[] r = Rectifier.rectifyPoints(cal, g, false, raw.right());
        double[] q = g.q();
        double[] back = Matrix3.transpose(g.r1());
        double[] err = new double[raw.count()];
        int n = 0;
        for (int i = 0; i < raw.count(); i++) {
            double truth = 1000 * bilinear(trueDepthMetres, raw.left()[2 * i], raw.left()[2 * i + 1]);
            double d = l[2 * i] - r[2 * i];
            double w = q[14] * d + q[15];
            if (!(truth > 0) || !(w > 0)) {
                continue;
            }
            double[] rect = {(l[2 * i] + q[3]) / w, (l[2 * i + 1] + q[7]) / w, q[11] / w};
            double z = Matrix3.apply(back, rect)[2];
            err[n++] = Math.abs(z - truth) / truth;
        }
        double[] e = Arrays.copyOf(err, n);
        Arrays.sort(e);
        return e[n / 2];
    }

    /** True depth between pixel centres; NaN across a depth edge (neighbours more than 2 % apart). */
    static double bilinear(Mat depth, double x, double y) {
        int u = (int) Math.floor(x), v = (int) Math.floor(y);
        if (u < 0 || v < 0 || u + 1 >= depth.cols() || v + 1 >= depth.rows()) {
            return Double.NaN;
        }
        double a = depth.get(v, u)[0], b = depth.get(v, u + 1)[0], c = depth.get(v + 1, u)[0], d = depth.get(v + 1, u + 1)[0];
        double lo = Math.min(Math.min(a, b), Math.min(c, d)), hi = Math.max(Math.max(a, b), Math.max(c, d));
        if (!(lo > 0) || hi > 1.02 * lo) {
            return Double.NaN;
        }
        double fx = x - u, fy = y - v;
        return (a * (1 - fx) + b * fx) * (1 - fy) + (c * (1 - fx) + d * fx) * fy;
    }

    static StereoCalibration truthCalibration(StereoRig rig) {
        return new StereoCalibration(BoardSpec.parse("chess:9x6:25"), intrinsics(rig.left()), intrinsics(rig.right()),
                matrix(rig.rotationRodrigues()), rig.translationMm(), new CalibrationQuality(0, 0, 0, 0, 0, 0, 0, 1, 1));
    }

    static CameraIntrinsics intrinsics(PinholeCamera c) {
        return new CameraIntrinsics(c.width(), c.height(), c.fx(), c.fy(), c.cx(), c.cy(), c.distortion().toArray());
    }

    static double[] matrix(double[] rodrigues) {
        return Matrix3.fromRodrigues(rodrigues[0], rodrigues[1], rodrigues[2]);
    }

    /** The rig with its right camera turned about its own centre by {@code degrees} about one of its axes. */
    static StereoRig turned(StereoRig rig, int axis, double degrees) {
        double[] v = new double[3];
        v[axis] = Math.toRadians(degrees);
        double[] d = Matrix3.fromRodrigues(v[0], v[1], v[2]);
        double[] r = Matrix3.multiply(d, matrix(rig.rotationRodrigues()));
        double[] t = Matrix3.apply(d, rig.translationMm());
        Mat rm = MatValues.of(3, 3, r);
        Mat rv = new Mat();
        Calib3d.Rodrigues(rm, rv);
        double[] vec = MatValues.values(rv);
        MatValues.release(rm, rv);
        return new StereoRig(rig.left(), rig.right(), vec, t);
    }

    /** File names in a folder. */
    record Stream(Path dir) implements AutoCloseable {
        java.util.List<String> names() throws java.io.IOException {
            try (var s = Files.list(dir)) {
                return s.map(p -> p.getFileName().toString()).toList();
            }
        }

        @Override
        public void close() {
        }
    }
}
