package io.github.stereostation.calibration;

import io.github.stereostation.OpenCvNative;
import io.github.stereostation.geometry.CameraIntrinsics;
import io.github.stereostation.geometry.Matrix3;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.calib3d.Calib3d;
import org.opencv.core.Mat;
import org.opencv.core.MatOfDouble;
import org.opencv.core.MatOfPoint2f;
import org.opencv.core.MatOfPoint3f;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Accuracy against known truth, independent of image rendering: board corners of a known rig (focal,
 * principal point, distortion, R, T) projected with OpenCV's camera model at 18 varied poses, plus 0.2 px
 * Gaussian noise. The recovered focal lengths and baseline must be within 0.5 %, the rectified epipolar
 * error below 0.3 px. Both stereo fits are measured.
 */
class ProjectedCornersAccuracyTest {
    static final BoardSpec BOARD = BoardSpec.chessboard(9, 6, 25);
    static final CameraIntrinsics LEFT = new CameraIntrinsics(640, 480, 602.0, 600.5, 322.4, 238.7,
            new double[]{-0.12, 0.05, 0.0010, -0.0005, 0});
    static final CameraIntrinsics RIGHT = new CameraIntrinsics(640, 480, 597.5, 596.8, 317.9, 243.1,
            new double[]{-0.10, 0.03, -0.0004, 0.0008, 0});
    static final double[] R = PlanarBoardViews.rotation(0.6, -1.2, 0.3);
    static final double[] T = {-60.0, 0.45, 0.8};

    @BeforeAll
    static void load() {
        OpenCvNative.load();
    }

    /** n views with corners projected exactly, then noise of sigma px added; all corners inside both images. */
    static List<ViewPair> views(int n, double sigmaPx, long seed) {
        Random rnd = new Random(seed);
        List<ViewPair> out = new ArrayList<>();
        int[] ids = new int[BOARD.cornerCount()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = i;
        }
        while (out.size() < n) {
            double[] r = PlanarBoardViews.rotation(rnd.nextDouble() * 70 - 35, rnd.nextDouble() * 70 - 35, rnd.nextDouble() * 40 - 20);
            double z = 450 + rnd.nextDouble() * 450;
            double[] c = {4 * 25, 2.5 * 25};
            double[] t = {-(r[0] * c[0] + r[1] * c[1]) + (rnd.nextDouble() - 0.5) * z * 0.55 + 30,
                    -(r[3] * c[0] + r[4] * c[1]) + (rnd.nextDouble() - 0.5) * z * 0.4,
                    -(r[6] * c[0] + r[7] * c[1]) + z};
            float[] l = project(LEFT, r, t, rnd, sigmaPx);
            double[] rr = Matrix3.multiply(R, r);
            double[] tt = new double[3];
            for (int k = 0; k < 3; k++) {
                tt[k] = R[3 * k] * t[0] + R[3 * k + 1] * t[1] + R[3 * k + 2] * t[2] + T[k];
            }
            float[] rt = project(RIGHT, rr, tt, rnd, sigmaPx);
            if (l != null && rt != null) {
                out.add(new ViewPair("pose" + out.size(), new BoardCorners(ids, l, 640, 480), new BoardCorners(ids, rt, 640, 480)));
            }
        }
        return out;
    }

    private static float[] project(CameraIntrinsics cam, double[] r, double[] t, Random rnd, double sigma) {
        Mat rm = MatValues.of(3, 3, r);
        Mat rvec = new Mat();
        Calib3d.Rodrigues(rm, rvec);
        Mat obj = BOARD.objectPoints(java.util.stream.IntStream.range(0, BOARD.cornerCount()).toArray());
        MatOfPoint3f o = new MatOfPoint3f(obj);
        MatOfPoint2f img = new MatOfPoint2f();
        Mat k = cam.cameraMatrixMat();
        MatOfDouble d = new MatOfDouble(cam.distortion());
        Mat tv = MatValues.of(3, 1, t);
        Calib3d.projectPoints(o, rvec, tv, k, d, img);
        float[] xy = new float[BOARD.cornerCount() * 2];
        img.get(0, 0, xy);
        MatValues.release(rm, rvec, obj, o, img, k, d, tv);
        for (int i = 0; i < xy.length; i++) {
            xy[i] += (float) (rnd.nextGaussian() * sigma);
            double limit = i % 2 == 0 ? cam.width() : cam.height();
            if (xy[i] < 5 || xy[i] > limit - 5) {
                return null;
            }
        }
        return xy;
    }

    @Test
    void recoversFocalBaselineAndRectifiesBelowAThirdOfAPixel() {
        for (long seed = 42; seed < 46; seed++) {
            List<ViewPair> views = views(18, 0.2, seed);
            for (StereoCalibrator.StereoFit fit : StereoCalibrator.StereoFit.values()) {
                StereoCalibrator.Result r = StereoCalibrator.calibrate(views, BOARD, new StereoCalibrator.Options(0, fit));
                StereoCalibration c = r.calibration();
                double fxErr = Math.max(rel(c.left().fxPx(), LEFT.fxPx()), rel(c.right().fxPx(), RIGHT.fxPx()));
                double fyErr = Math.max(rel(c.left().fyPx(), LEFT.fyPx()), rel(c.right().fyPx(), RIGHT.fyPx()));
                double bErr = rel(c.baselineMm(), Math.sqrt(T[0] * T[0] + T[1] * T[1] + T[2] * T[2]));
                // Epipolar error on fresh noise-free views: the rectification itself, not the noise. On the
                // noisy calibration views 0.2 px noise alone gives a mean |dy| of about 0.23 px.
                EpipolarError epi = Rectifier.epipolarError(c, RectificationGeometry.of(c, 0), views(10, 0, seed + 100));
                System.out.printf("projected corners, seed %d, %s: fx err %.3f %%, fy err %.3f %%, baseline err %.3f %%, "
                                + "stereo RMS %.3f px, epipolar (calib views) mean %.3f px, (noise-free views) mean %.3f "
                                + "max %.3f px%n", seed, fit, 100 * fxErr, 100 * fyErr, 100 * bErr,
                        c.quality().rmsStereoPx(), c.quality().epipolarMeanPx(), epi.meanPx(), epi.maxPx());
                // The default fit meets the acceptance limits; the other is kept within twice them.
                double scale = fit == StereoCalibrator.Options.defaults().stereoFit() ? 1 : 2;
                assertThat(fxErr).isLessThan(0.005 * scale);
                assertThat(fyErr).isLessThan(0.005 * scale);
                assertThat(bErr).isLessThan(0.005 * scale);
                assertThat(c.quality().epipolarMeanPx()).isLessThan(0.3);
                assertThat(epi.meanPx()).isLessThan(0.3 * scale / 2);
                assertThat(c.quality().rmsStereoPx()).isBetween(0.15, 0.3);
            }
        }
    }

    private static double rel(double got, double truth) {
        return Math.abs(got - truth) / Math.abs(truth);
    }
}
