package io.github.stereostation.calibration;

import io.github.stereostation.UserInputException;
import io.github.stereostation.geometry.CameraIntrinsics;
import io.github.stereostation.geometry.Matrix3;
import org.opencv.calib3d.Calib3d;
import org.opencv.core.Mat;
import org.opencv.core.MatOfPoint2f;

import java.util.Arrays;
import java.util.Random;

/**
 * Re-estimates the right camera's orientation without a board, from features matched on live or replayed pairs
 * of a rig whose camera moved since calibration. Pairs are rectified with the calibration as it is, matches
 * are kept in raw pixel coordinates (so they can be rectified again with any calibration), and
 * {@link #refine()} fits the turn ({@link RowAlignmentFit}) that puts them back on common rows, plus a vertical
 * principal-point shift when the data separate it from a turn about the baseline. Intrinsics and the baseline
 * length stay as calibrated: a bump turns a camera far more than it moves its centre.
 * Owns a rectifier and scratch Mats: AutoCloseable; one thread at a time.
 */
public final class RectificationRefiner implements AutoCloseable {
    /** Matches needed before a refinement is trusted. */
    public static final int MIN_MATCHES = 200;
    /** At most this many matches are kept (a random sample of all seen beyond it). */
    static final int MAX_MATCHES = 20_000;

    private final StereoCalibration calibration;
    private final Rectifier rectifier;
    private final StereoFeatureMatcher matcher = new StereoFeatureMatcher();
    private final Mat rectLeft = new Mat();
    private final Mat rectRight = new Mat();
    private final Random sampler = new Random(1);
    private float[] rawLeft = new float[1024];
    private float[] rawRight = new float[1024];
    private int count;
    private long seen;
    private int pairs;

    /** For frames of the rig as {@code calibration} describes it (rectified at alpha 0, as the live loop does). */
    public RectificationRefiner(StereoCalibration calibration) {
        this.calibration = calibration;
        this.rectifier = Rectifier.create(calibration, 0);
    }

    public StereoCalibration calibration() {
        return calibration;
    }

    /** Rectifies a raw pair with the calibration and collects its matches; returns how many it found. */
    public int addRawPair(Mat left, Mat right) {
        rectifier.rectify(left, right, rectLeft, rectRight);
        return addRectified(matcher.match(rectLeft, rectRight));
    }

    /** Collects matches found on a pair rectified with this calibration at alpha 0; returns their count. */
    public int addRectified(FeatureMatches rectified) {
        pairs++;
        int n = rectified.count();
        if (n == 0) {
            return 0;
        }
        float[] l = toRaw(true, rectified.left());
        float[] r = toRaw(false, rectified.right());
        for (int i = 0; i < n; i++) {
            seen++;
            int slot;
            if (count < MAX_MATCHES) {
                slot = count++;
                if (2 * count > rawLeft.length) {
                    rawLeft = Arrays.copyOf(rawLeft, 2 * rawLeft.length);
                    rawRight = Arrays.copyOf(rawRight, 2 * rawRight.length);
                }
            } else {
                long k = (long) (sampler.nextDouble() * seen);
                if (k >= MAX_MATCHES) {
                    continue;
                }
                slot = (int) k;
            }
            rawLeft[2 * slot] = l[2 * i];
            rawLeft[2 * slot + 1] = l[2 * i + 1];
            rawRight[2 * slot] = r[2 * i];
            rawRight[2 * slot + 1] = r[2 * i + 1];
        }
        return n;
    }

    public int matchCount() {
        return count;
    }

    public int pairCount() {
        return pairs;
    }

    /** The matches collected so far, in raw (unrectified) pixel coordinates. */
    public FeatureMatches rawMatches() {
        return new FeatureMatches(Arrays.copyOf(rawLeft, 2 * count), Arrays.copyOf(rawRight, 2 * count));
    }

    /**
     * Fits the turn of the right camera and returns the refined calibration with before/after row errors.
     *
     * @throws UserInputException when too few matches were collected (a blank or dark view)
     */
    public RefinedRectification refine() {
        if (count < MIN_MATCHES) {
            throw new UserInputException("only " + count + " feature matches in " + pairs + " pairs; at least "
                    + MIN_MATCHES + " are needed: point the cameras at a textured, well-lit scene");
        }
        RectificationGeometry g = rectifier.geometry();
        float[] l = Arrays.copyOf(rawLeft, 2 * count);
        float[] r = Arrays.copyOf(rawRight, 2 * count);
        double[] nl = normalizedRectified(calibration.left(), g.r1(), l);
        double[] nr = normalizedRectified(calibration.right(), g.r2(), r);
        RowAlignmentFit fit = RowAlignmentFit.of(nl, nr, g.focalPx(), true);
        if (fit == null) {
            throw new IllegalStateException("row alignment fit failed on " + count + " matches");
        }
        // The fit turns rectified right rays by W: W·R2·ray_actual = R2·ray_calibrated, so the right camera's
        // frame turned by dR = R2^T W^T R2 relative to the calibration: X_right = dR (R X_left + T).
        double[] w = Matrix3.fromRodrigues(fit.rotation()[0], fit.rotation()[1], fit.rotation()[2]);
        double[] dR = Matrix3.multiply(Matrix3.transpose(g.r2()),
                Matrix3.multiply(Matrix3.transpose(w), g.r2()));
        double[] newR = Matrix3.multiply(dR, calibration.rotation());
        double[] newT = Matrix3.apply(dR, calibration.translationMm());
        CameraIntrinsics right = calibration.right();
        double cyShift = 0;
        if (fit.shiftEstimated()) {
            cyShift = -fit.verticalShiftPx() * right.fyPx() / g.focalPx();
            right = new CameraIntrinsics(right.width(), right.height(), right.fxPx(), right.fyPx(), right.cxPx(),
                    right.cyPx() + cyShift, right.distortion());
        }
        StereoCalibration refined = new StereoCalibration(calibration.board(), calibration.left(), right, newR, newT,
                calibration.quality());
        RectificationGeometry g2 = RectificationGeometry.of(refined, 0);
        RefinedRectification.RowError before = rowError(calibration, g, l, r);
        RefinedRectification.RowError after = rowError(refined, g2, l, r);
        double[] deg = new double[3];
        for (int i = 0; i < 3; i++) {
            deg[i] = Math.toDegrees(fit.rotation()[i]);
        }
        return new RefinedRectification(refined, before, after, deg, g.focalPx() * fit.rotation()[1], cyShift,
                count, pairs);
    }

    /** Row error of raw matches rectified with a calibration. */
    public static RefinedRectification.RowError rowError(StereoCalibration cal, FeatureMatches raw) {
        return rowError(cal, RectificationGeometry.of(cal, 0), raw.left(), raw.right());
    }

    private static RefinedRectification.RowError rowError(StereoCalibration cal, RectificationGeometry g, float[] l,
                                                         float[] r) {
        float[] rl = Rectifier.rectifyPoints(cal, g, true, l);
        float[] rr = Rectifier.rectifyPoints(cal, g, false, r);
        double[] abs = new double[rl.length / 2];
        for (int i = 0; i < abs.length; i++) {
            abs[i] = Math.abs(rl[2 * i + 1] - rr[2 * i + 1]);
        }
        Arrays.sort(abs);
        return new RefinedRectification.RowError(RigHealthMonitor.percentile(abs, 0.5),
                RigHealthMonitor.percentile(abs, 0.9));
    }

    /** Normalized coordinates (x/z, y/z) of the rays R·K⁻¹·undistort(pixel): the rectified camera's view. */
    private static double[] normalizedRectified(CameraIntrinsics cam, double[] rect, float[] xy) {
        float[] out = Rectifier.undistortPoints(cam, rect, null, xy);
        double[] n = new double[out.length];
        for (int i = 0; i < out.length; i++) {
            n[i] = out[i];
        }
        return n;
    }

    /** Raw pixel positions of points given in this calibration's rectified view of one camera. */
    private float[] toRaw(boolean leftCamera, float[] rectified) {
        RectificationGeometry g = rectifier.geometry();
        double[] p = leftCamera ? g.p1() : g.p2();
        double[] rect = leftCamera ? g.r1() : g.r2();
        CameraIntrinsics cam = leftCamera ? calibration.left() : calibration.right();
        int n = rectified.length / 2;
        // ray in the rectified frame (x - cx)/f, (y - cy)/f, 1, turned back into the camera's own frame
        double[] back = Matrix3.transpose(rect);
        org.opencv.core.Point3[] rays = new org.opencv.core.Point3[n];
        for (int i = 0; i < n; i++) {
            double[] v = {(rectified[2 * i] - p[2]) / p[0], (rectified[2 * i + 1] - p[6]) / p[5], 1};
            double[] c = Matrix3.apply(back, v);
            rays[i] = new org.opencv.core.Point3(c[0], c[1], c[2]);
        }
        org.opencv.core.MatOfPoint3f object = new org.opencv.core.MatOfPoint3f(rays);
        Mat zero = new Mat(3, 1, org.opencv.core.CvType.CV_64F, new org.opencv.core.Scalar(0));
        Mat k = cam.cameraMatrixMat();
        org.opencv.core.MatOfDouble d = new org.opencv.core.MatOfDouble(cam.distortion());
        MatOfPoint2f image = new MatOfPoint2f();
        try {
            Calib3d.projectPoints(object, zero, zero, k, d, image);
            float[] out = new float[2 * n];
            image.get(0, 0, out);
            return out;
        } finally {
            MatValues.release(object, zero, k, d, image);
        }
    }

    @Override
    public void close() {
        rectifier.close();
        matcher.close();
        MatValues.release(rectLeft, rectRight);
    }
}
