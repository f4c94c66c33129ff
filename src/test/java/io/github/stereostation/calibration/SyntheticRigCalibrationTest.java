package io.github.stereostation.calibration;

import io.github.stereostation.OpenCvNative;
import io.github.stereostation.sim.BoardPoses;
import io.github.stereostation.sim.BoardTarget;
import io.github.stereostation.sim.BoardView;
import io.github.stereostation.sim.CharucoTarget;
import io.github.stereostation.sim.Chessboard;
import io.github.stereostation.sim.PinholeCamera;
import io.github.stereostation.sim.Pose;
import io.github.stereostation.sim.SceneRenderer;
import io.github.stereostation.sim.StereoRig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.objdetect.Objdetect;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The synthetic desk rig (sim) with known focal lengths, principal points, distortion and a 60 mm baseline:
 * calibration must recover focal lengths and baseline within 0.5 % and rectify to below 0.3 px epipolar error,
 * from the true corners with 0.2 px noise and end to end from rendered images through the detectors.
 */
class SyntheticRigCalibrationTest {

    @BeforeAll
    static void load() {
        OpenCvNative.load();
    }

    private static int[] range(int n) {
        return java.util.stream.IntStream.range(0, n).toArray();
    }

    private static float[] points(org.opencv.core.MatOfPoint2f m) {
        float[] xy = new float[(int) m.total() * 2];
        m.get(0, 0, xy);
        return xy;
    }

    private static void assertRecovered(String label, StereoRig rig, StereoCalibration c, double focalTol, double epiTol) {
        PinholeCamera l = rig.left();
        PinholeCamera r = rig.right();
        double fErr = Math.max(Math.max(rel(c.left().fxPx(), l.fx()), rel(c.left().fyPx(), l.fy())),
                Math.max(rel(c.right().fxPx(), r.fx()), rel(c.right().fyPx(), r.fy())));
        double bErr = rel(c.baselineMm(), rig.baselineMm());
        System.out.printf("%s: focal err %.3f %%, baseline %.3f mm (truth %.3f, err %.3f %%), principal point "
                        + "(%.2f, %.2f) truth (%.2f, %.2f), k1 %.4f truth %.4f, stereo RMS %.3f px, epipolar mean %.3f "
                        + "max %.3f px%n", label, 100 * fErr, c.baselineMm(), rig.baselineMm(), 100 * bErr,
                c.left().cxPx(), c.left().cyPx(), l.cx(), l.cy(), c.left().distortion()[0], l.distortion().k1(),
                c.quality().rmsStereoPx(), c.quality().epipolarMeanPx(), c.quality().epipolarMaxPx());
        assertThat(fErr).isLessThan(focalTol);
        assertThat(bErr).isLessThan(focalTol);
        assertThat(c.quality().epipolarMeanPx()).isLessThan(epiTol);
        // The recovered T points the way OpenCV's convention says: right camera at -x.
        assertThat(c.translationMm()[0]).isNegative();
    }

    private static double rel(double got, double truth) {
        return Math.abs(got - truth) / Math.abs(truth);
    }

    @Test
    void trueCornersWithNoiseRecoverTheRig() {
        StereoRig rig = StereoRig.desk(640, 480);
        Chessboard board = new Chessboard(9, 6, 25);
        BoardSpec spec = BoardSpec.chessboard(9, 6, 25);
        for (long seed : new long[]{1, 2, 3}) {
            List<Pose> poses = BoardPoses.varied(rig, board, 18, seed);
            Random noise = new Random(seed * 31);
            List<ViewPair> noisy = new ArrayList<>();
            List<ViewPair> exact = new ArrayList<>();
            for (int i = 0; i < poses.size(); i++) {
                float[][] truth = trueCorners(rig, board, poses.get(i));
                exact.add(new ViewPair("pose" + i, new BoardCorners(range(54), truth[0], 640, 480),
                        new BoardCorners(range(54), truth[1], 640, 480)));
                float[] l = truth[0].clone();
                float[] r = truth[1].clone();
                for (int k = 0; k < l.length; k++) {
                    l[k] += (float) (noise.nextGaussian() * 0.2);
                    r[k] += (float) (noise.nextGaussian() * 0.2);
                }
                noisy.add(new ViewPair("pose" + i, new BoardCorners(range(54), l, 640, 480),
                        new BoardCorners(range(54), r, 640, 480)));
            }
            StereoCalibration c = StereoCalibrator.calibrate(noisy, spec).calibration();
            assertRecovered("desk rig, true corners + 0.2 px noise, 18 poses, seed " + seed, rig, c, 0.005, 0.3);
            EpipolarError onTruth = Rectifier.epipolarError(c, RectificationGeometry.of(c, 0), exact);
            System.out.printf("  epipolar error of the same rectification on the noise-free corners: mean %.3f max %.3f px%n",
                    onTruth.meanPx(), onTruth.maxPx());
            assertThat(onTruth.meanPx()).isLessThan(0.1);
        }
    }

    /** True corners by projection (no rendering needed): the sim's BoardView does the same with projectPoints. */
    private static float[][] trueCorners(StereoRig rig, BoardTarget board, Pose pose) {
        org.opencv.core.Point3[] obj = board.objectPoints();
        float[] l = new float[obj.length * 2];
        float[] r = new float[obj.length * 2];
        double[] rr = rig.rotationMatrix();
        double[] rt = rig.translationMm();
        for (int i = 0; i < obj.length; i++) {
            double[] pl = pose.apply(obj[i].x, obj[i].y, obj[i].z);
            double[] pr = {rr[0] * pl[0] + rr[1] * pl[1] + rr[2] * pl[2] + rt[0],
                    rr[3] * pl[0] + rr[4] * pl[1] + rr[5] * pl[2] + rt[1],
                    rr[6] * pl[0] + rr[7] * pl[1] + rr[8] * pl[2] + rt[2]};
            double[] a = rig.left().project(pl[0], pl[1], pl[2]);
            double[] b = rig.right().project(pr[0], pr[1], pr[2]);
            l[2 * i] = (float) a[0];
            l[2 * i + 1] = (float) a[1];
            r[2 * i] = (float) b[0];
            r[2 * i + 1] = (float) b[1];
        }
        return new float[][]{l, r};
    }

    @Test
    void renderedChessboardImagesEndToEnd() {
        StereoRig rig = StereoRig.desk(480, 360);
        Chessboard board = new Chessboard(9, 6, 25);
        BoardSpec spec = BoardSpec.chessboard(9, 6, 25);
        List<Pose> poses = BoardPoses.varied(rig, board, 16, 11);
        SceneRenderer renderer = new SceneRenderer();
        BoardDetector detector = BoardDetector.forBoard(spec);
        List<ViewPair> views = new ArrayList<>();
        double cornerErr = 0;
        int cornerCount = 0;
        for (int i = 0; i < poses.size(); i++) {
            try (BoardView v = renderer.renderBoard(rig, board, poses.get(i))) {
                BoardCorners l = detector.detect(v.left()).orElseThrow();
                BoardCorners r = detector.detect(v.right()).orElseThrow();
                float[] tl = points(v.leftCorners());
                for (int k = 0; k < l.count(); k++) {
                    cornerErr += Math.hypot(l.x(k) - tl[2 * k], l.y(k) - tl[2 * k + 1]);
                    cornerCount++;
                }
                views.add(new ViewPair("view" + i, l, r));
            }
        }
        System.out.printf("rendered chessboard: mean detected-corner error %.3f px over %d corners%n",
                cornerErr / cornerCount, cornerCount);
        assertThat(cornerErr / cornerCount).isLessThan(0.15);
        StereoCalibration c = StereoCalibrator.calibrate(views, spec).calibration();
        assertRecovered("desk rig 480x360, rendered chessboard, 16 poses", rig, c, 0.005, 0.3);
    }

    @Test
    void renderedCharucoImagesEndToEnd() {
        StereoRig rig = StereoRig.desk(480, 360);
        CharucoTarget board = new CharucoTarget(8, 6, 30, 22, Objdetect.DICT_4X4_50);
        BoardSpec spec = BoardSpec.charuco(7, 5, 30, 22, "DICT_4X4_50");
        List<Pose> poses = BoardPoses.varied(rig, board, 16, 5);
        SceneRenderer renderer = new SceneRenderer();
        BoardDetector detector = BoardDetector.forBoard(spec);
        List<ViewPair> views = new ArrayList<>();
        double err = 0;
        int n = 0;
        for (int i = 0; i < poses.size(); i++) {
            try (BoardView v = renderer.renderBoard(rig, board, poses.get(i))) {
                var l = detector.detect(v.left());
                var r = detector.detect(v.right());
                if (l.isEmpty() || r.isEmpty()) {
                    continue;
                }
                float[] tl = points(v.leftCorners());
                for (int k = 0; k < l.get().count(); k++) {
                    int id = l.get().ids()[k];
                    err += Math.hypot(l.get().x(k) - tl[2 * id], l.get().y(k) - tl[2 * id + 1]);
                    n++;
                }
                views.add(new ViewPair("view" + i, l.get(), r.get()));
            }
        }
        System.out.printf("rendered ChArUco: %d of %d views detected, mean corner error %.3f px over %d corners%n",
                views.size(), poses.size(), err / n, n);
        assertThat(views.size()).isGreaterThanOrEqualTo(14);
        assertThat(err / n).isLessThan(0.15);
        StereoCalibration c = StereoCalibrator.calibrate(views, spec).calibration();
        assertRecovered("desk rig 480x360, rendered ChArUco, " + views.size() + " poses", rig, c, 0.005, 0.3);
    }
}
