package io.github.stereostation.calibration;

import io.github.stereostation.OpenCvNative;
import io.github.stereostation.UserInputException;
import io.github.stereostation.geometry.CameraIntrinsics;
import io.github.stereostation.geometry.Matrix3;
import org.opencv.calib3d.Calib3d;
import org.opencv.core.DMatch;
import org.opencv.core.KeyPoint;
import org.opencv.core.Mat;
import org.opencv.core.MatOfDMatch;
import org.opencv.core.MatOfKeyPoint;
import org.opencv.core.MatOfPoint2f;
import org.opencv.core.Size;
import org.opencv.features2d.AKAZE;
import org.opencv.features2d.DescriptorMatcher;
import org.opencv.features2d.Feature2D;
import org.opencv.features2d.ORB;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Rectification without a stereo calibration, for two shots of one camera moved sideways: match features
 * (AKAZE or ORB, ratio test), fit the fundamental matrix with RANSAC, and let OpenCV's
 * {@code stereoRectifyUncalibrated} find two homographies that put matches on the same row. With the camera's
 * intrinsics (from a mono calibration) the images are undistorted first, which the homographies cannot do.
 */
public final class UncalibratedRectifier {

    /** Which features to match. AKAZE is slower but localises corners better; ORB is fast. */
    public enum Features { AKAZE, ORB }

    /** Lowe's ratio: a match is kept only if clearly better than the second best. */
    private static final double RATIO = 0.8;
    private static final double RANSAC_PX = 1.0;
    private static final int MIN_MATCHES = 15;

    /** An empty Mat: "no rectification" for undistortPoints. Never written to. */
    private static final Mat IDENTITY_PLACEHOLDER = new Mat();

    private UncalibratedRectifier() {
    }

    /**
     * Estimates the rectification of {@code first} (treated as the left view) and {@code second}.
     * Fails with a user-facing message when the images do not share enough features.
     */
    public static UncalibratedRectification estimate(Mat first, Mat second, Optional<CameraIntrinsics> intrinsics,
                                                     Features features) {
        OpenCvNative.load();
        if (first.cols() != second.cols() || first.rows() != second.rows()) {
            throw new UserInputException("the two shots differ in size (" + first.cols() + "x" + first.rows() + " and "
                    + second.cols() + "x" + second.rows() + "); use two shots of the same camera");
        }
        int w = first.cols();
        int h = first.rows();
        intrinsics.ifPresent(k -> {
            if (k.width() != w || k.height() != h) {
                throw new UserInputException("the intrinsics are for " + k.width() + "x" + k.height()
                        + " images but the shots are " + w + "x" + h);
            }
        });
        float[][] matches = match(first, second, features);
        float[] p1 = matches[0];
        float[] p2 = matches[1];
        if (intrinsics.isPresent()) {
            // Work in undistorted pixel coordinates of the same camera matrix.
            p1 = undistort(p1, intrinsics.get());
            p2 = undistort(p2, intrinsics.get());
        }
        int n = p1.length / 2;
        if (n < MIN_MATCHES) {
            throw new UserInputException("only " + n + " feature matches between the two shots (need " + MIN_MATCHES
                    + "); the shots must overlap and show textured surfaces");
        }
        MatOfPoint2f m1 = points(p1);
        MatOfPoint2f m2 = points(p2);
        Mat mask = new Mat();
        Mat f = null;
        Mat h1 = new Mat();
        Mat h2 = new Mat();
        try {
            f = Calib3d.findFundamentalMat(m1, m2, Calib3d.FM_RANSAC, RANSAC_PX, 0.999, 5000, mask);
            if (f.empty() || f.rows() != 3) {
                throw new UserInputException("no consistent two-view geometry found between the shots; "
                        + "move the camera sideways without turning it, with a textured scene in view");
            }
            byte[] in = new byte[n];
            mask.get(0, 0, in);
            int inliers = 0;
            for (byte b : in) {
                inliers += b != 0 ? 1 : 0;
            }
            float[] i1 = new float[inliers * 2];
            float[] i2 = new float[inliers * 2];
            for (int i = 0, k = 0; i < n; i++) {
                if (in[i] != 0) {
                    i1[2 * k] = p1[2 * i];
                    i1[2 * k + 1] = p1[2 * i + 1];
                    i2[2 * k] = p2[2 * i];
                    i2[2 * k + 1] = p2[2 * i + 1];
                    k++;
                }
            }
            MatOfPoint2f in1 = points(i1);
            MatOfPoint2f in2 = points(i2);
            boolean ok = Calib3d.stereoRectifyUncalibrated(in1, in2, f, new Size(w, h), h1, h2, 3.0);
            MatValues.release(in1, in2);
            if (!ok) {
                throw new UserInputException("the shots cannot be rectified (the camera may have moved forward "
                        + "rather than sideways, or the epipoles lie inside the image)");
            }
            double[] hl = MatValues.values(h1);
            double[] hr = MatValues.values(h2);
            double[][] fixed = keepOrientation(hl, hr, w, h);
            return new UncalibratedRectification(w, h, intrinsics, MatValues.values(f), fixed[0], fixed[1], n,
                    inliers, i1, i2);
        } finally {
            MatValues.release(m1, m2, mask, h1, h2);
            if (f != null) {
                f.release();
            }
        }
    }

    /**
     * stereoRectifyUncalibrated may mirror the images or leave them far off-centre; both homographies get
     * the same correction (a mirror keeps rows on rows), so the rectified first image is upright, un-mirrored
     * and centred.
     */
    private static double[][] keepOrientation(double[] hl, double[] hr, int w, int h) {
        double[] c = apply(hl, w / 2.0, h / 2.0);
        double[] cx = apply(hl, w / 2.0 + 1, h / 2.0);
        double[] cy = apply(hl, w / 2.0, h / 2.0 + 1);
        double sx = cx[0] - c[0] < 0 ? -1 : 1;
        double sy = cy[1] - c[1] < 0 ? -1 : 1;
        // Flip about the mapped centre, then move it back to the image centre.
        double[] fix = {sx, 0, w / 2.0 - sx * c[0], 0, sy, h / 2.0 - sy * c[1], 0, 0, 1};
        return new double[][]{Matrix3.multiply(fix, hl), Matrix3.multiply(fix, hr)};
    }

    static double[] apply(double[] hm, double x, double y) {
        double z = hm[6] * x + hm[7] * y + hm[8];
        return new double[]{(hm[0] * x + hm[1] * y + hm[2]) / z, (hm[3] * x + hm[4] * y + hm[5]) / z};
    }

    static MatOfPoint2f points(float[] xy) {
        MatOfPoint2f m = new MatOfPoint2f();
        m.alloc(xy.length / 2);
        if (xy.length > 0) {
            m.put(0, 0, xy);
        }
        return m;
    }

    private static float[] undistort(float[] xy, CameraIntrinsics k) {
        MatOfPoint2f src = points(xy);
        MatOfPoint2f dst = new MatOfPoint2f();
        Mat km = k.cameraMatrixMat();
        Mat d = k.distortionMat();
        try {
            Calib3d.undistortPoints(src, dst, km, d, IDENTITY_PLACEHOLDER, km);
            float[] out = new float[xy.length];
            if (xy.length > 0) {
                dst.get(0, 0, out);
            }
            return out;
        } finally {
            MatValues.release(src, dst, km, d);
        }
    }

    /** Feature matches between two images: {points in first, points in second}, x,y interleaved. */
    static float[][] match(Mat first, Mat second, Features features) {
        Mat g1 = new Mat();
        Mat g2 = new Mat();
        ChessboardDetector.toGray(first, g1);
        ChessboardDetector.toGray(second, g2);
        Feature2D detector = features == Features.ORB ? ORB.create(4000) : AKAZE.create();
        MatOfKeyPoint k1 = new MatOfKeyPoint();
        MatOfKeyPoint k2 = new MatOfKeyPoint();
        Mat d1 = new Mat();
        Mat d2 = new Mat();
        List<MatOfDMatch> knn = new ArrayList<>();
        Mat noMask = new Mat();
        try {
            detector.detectAndCompute(g1, noMask, k1, d1);
            detector.detectAndCompute(g2, noMask, k2, d2);
            if (d1.empty() || d2.empty()) {
                return new float[][]{new float[0], new float[0]};
            }
            DescriptorMatcher matcher = DescriptorMatcher.create(DescriptorMatcher.BRUTEFORCE_HAMMING);
            matcher.knnMatch(d1, d2, knn, 2);
            KeyPoint[] a = k1.toArray();
            KeyPoint[] b = k2.toArray();
            float[] p1 = new float[knn.size() * 2];
            float[] p2 = new float[knn.size() * 2];
            int n = 0;
            // Each point of the second image may be used once: keep the best match per target.
            int[] bestFor = new int[b.length];
            float[] bestDist = new float[b.length];
            Arrays.fill(bestFor, -1);
            DMatch[][] all = new DMatch[knn.size()][];
            for (int i = 0; i < knn.size(); i++) {
                all[i] = knn.get(i).toArray();
                DMatch[] m = all[i];
                if (m.length == 2 && m[0].distance < RATIO * m[1].distance) {
                    int t = m[0].trainIdx;
                    if (bestFor[t] < 0 || m[0].distance < bestDist[t]) {
                        bestFor[t] = m[0].queryIdx;
                        bestDist[t] = m[0].distance;
                    }
                }
            }
            for (int t = 0; t < b.length; t++) {
                if (bestFor[t] >= 0) {
                    KeyPoint ka = a[bestFor[t]];
                    p1[2 * n] = (float) ka.pt.x;
                    p1[2 * n + 1] = (float) ka.pt.y;
                    p2[2 * n] = (float) b[t].pt.x;
                    p2[2 * n + 1] = (float) b[t].pt.y;
                    n++;
                }
            }
            return new float[][]{Arrays.copyOf(p1, 2 * n), Arrays.copyOf(p2, 2 * n)};
        } finally {
            MatValues.release(g1, g2, k1, k2, d1, d2, noMask);
            for (MatOfDMatch m : knn) {
                m.release();
            }
        }
    }

    /** Matched features of two (rectified) images and the median |dy| between them, for checking a result. */
    public static double medianRowDifferencePx(Mat first, Mat second, Features features) {
        float[][] m = match(first, second, features);
        int n = m[0].length / 2;
        if (n == 0) {
            return Double.NaN;
        }
        double[] dy = new double[n];
        for (int i = 0; i < n; i++) {
            dy[i] = Math.abs(m[0][2 * i + 1] - m[1][2 * i + 1]);
        }
        Arrays.sort(dy);
        return dy[n / 2];
    }
}
