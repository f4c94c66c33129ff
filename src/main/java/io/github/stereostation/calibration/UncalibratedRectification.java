package io.github.stereostation.calibration;

import io.github.stereostation.geometry.CameraIntrinsics;
import io.github.stereostation.geometry.Matrix3;

import org.opencv.calib3d.Calib3d;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

import java.util.Arrays;
import java.util.Optional;

/**
 * The result of {@link UncalibratedRectifier#estimate}: fundamental matrix, the two rectifying homographies
 * (applied after undistortion when intrinsics were given), match statistics, and remap tables for the images.
 * Owns native memory (the maps): AutoCloseable.
 */
public final class UncalibratedRectification implements AutoCloseable {
    private final int width;
    private final int height;
    private final Optional<CameraIntrinsics> intrinsics;
    private final double[] fundamental;
    private final double[] h1;
    private final double[] h2;
    private final int matchCount;
    private final int inlierCount;
    private final float[] inliersFirst;
    private final float[] inliersSecond;
    private final Mat map1A = new Mat();
    private final Mat map1B = new Mat();
    private final Mat map2A = new Mat();
    private final Mat map2B = new Mat();

    UncalibratedRectification(int width, int height, Optional<CameraIntrinsics> intrinsics, double[] fundamental,
                              double[] h1, double[] h2, int matchCount, int inlierCount, float[] inliersFirst,
                              float[] inliersSecond) {
        this.width = width;
        this.height = height;
        this.intrinsics = intrinsics;
        this.fundamental = fundamental;
        this.h1 = h1;
        this.h2 = h2;
        this.matchCount = matchCount;
        this.inlierCount = inlierCount;
        this.inliersFirst = inliersFirst;
        this.inliersSecond = inliersSecond;
        buildMap(h1, map1A, map1B);
        buildMap(h2, map2A, map2B);
    }

    private void buildMap(double[] hm, Mat mapA, Mat mapB) {
        // initUndistortRectifyMap maps output p to source K * distort(K^-1 * H^-1 * p) when R = K^-1 H K
        // and the new camera matrix is K: undistortion and homography in one table.
        Mat k;
        Mat d;
        Mat r;
        if (intrinsics.isPresent()) {
            CameraIntrinsics c = intrinsics.get();
            k = c.cameraMatrixMat();
            d = c.distortionMat();
            double[] km = c.cameraMatrix();
            double[] kinv = {1 / km[0], 0, -km[2] / km[0], 0, 1 / km[4], -km[5] / km[4], 0, 0, 1};
            r = MatValues.of(3, 3, Matrix3.multiply(Matrix3.multiply(kinv, hm), km));
        } else {
            k = MatValues.of(3, 3, 1, 0, 0, 0, 1, 0, 0, 0, 1);
            d = new Mat();
            r = MatValues.of(3, 3, hm);
        }
        try {
            Calib3d.initUndistortRectifyMap(k, d, r, k, new Size(width, height), CvType.CV_16SC2, mapA, mapB);
        } finally {
            MatValues.release(k, d, r);
        }
    }

    /** Rectifies the two shots (first = left view) into the given output Mats. */
    public void rectify(Mat first, Mat second, Mat outFirst, Mat outSecond) {
        if (first.cols() != width || first.rows() != height || second.cols() != width || second.rows() != height) {
            throw new io.github.stereostation.UserInputException("images are " + first.cols() + "x" + first.rows()
                    + " but this rectification was estimated on " + width + "x" + height + " shots");
        }
        Imgproc.remap(first, outFirst, map1A, map1B, Imgproc.INTER_LINEAR);
        Imgproc.remap(second, outSecond, map2A, map2B, Imgproc.INTER_LINEAR);
    }

    public double[] fundamental() {
        return fundamental.clone();
    }

    public int matchCount() {
        return matchCount;
    }

    public int inlierCount() {
        return inlierCount;
    }

    /** |y1 - y2| of every RANSAC inlier after rectification, sorted ascending. */
    public double[] inlierRowErrorsPx() {
        int n = inliersFirst.length / 2;
        double[] dy = new double[n];
        for (int i = 0; i < n; i++) {
            double[] a = UncalibratedRectifier.apply(h1, inliersFirst[2 * i], inliersFirst[2 * i + 1]);
            double[] b = UncalibratedRectifier.apply(h2, inliersSecond[2 * i], inliersSecond[2 * i + 1]);
            dy[i] = Math.abs(a[1] - b[1]);
        }
        Arrays.sort(dy);
        return dy;
    }

    public double medianRowErrorPx() {
        double[] dy = inlierRowErrorsPx();
        return dy.length == 0 ? Double.NaN : dy[dy.length / 2];
    }

    /**
     * x1 - x2 of every RANSAC inlier after rectification, sorted ascending. The homographies fix disparity only up
     * to an offset, so these may straddle 0 even for a correct left/right pair.
     */
    public double[] inlierDisparitiesPx() {
        int n = inliersFirst.length / 2;
        double[] dx = new double[n];
        for (int i = 0; i < n; i++) {
            dx[i] = UncalibratedRectifier.apply(h1, inliersFirst[2 * i], inliersFirst[2 * i + 1])[0]
                    - UncalibratedRectifier.apply(h2, inliersSecond[2 * i], inliersSecond[2 * i + 1])[0];
        }
        Arrays.sort(dx);
        return dx;
    }

    /** Median x1 - x2 of the inliers after rectification; negative means the second shot is the left view. */
    public double medianDisparityPx() {
        int n = inliersFirst.length / 2;
        double[] dx = new double[n];
        for (int i = 0; i < n; i++) {
            dx[i] = UncalibratedRectifier.apply(h1, inliersFirst[2 * i], inliersFirst[2 * i + 1])[0]
                    - UncalibratedRectifier.apply(h2, inliersSecond[2 * i], inliersSecond[2 * i + 1])[0];
        }
        Arrays.sort(dx);
        return n == 0 ? Double.NaN : dx[n / 2];
    }

    /**
     * Whether the first shot is the left view, from the camera's motion between the shots: with the intrinsics,
     * the essential matrix gives the motion, and of its four decompositions the one that puts the points in front
     * of both cameras says on which side the second camera stood. Empty without intrinsics: the homographies fix
     * disparity only up to an offset, so its sign cannot tell (a camera turned a little looks like one moved).
     */
    public Optional<Boolean> firstIsLeft() {
        if (intrinsics.isEmpty() || inliersFirst.length < 10) {
            return Optional.empty();
        }
        Mat k = intrinsics.get().cameraMatrixMat();
        Mat f = new Mat(3, 3, org.opencv.core.CvType.CV_64F);
        f.put(0, 0, fundamental);
        Mat e = new Mat();
        Mat kt = k.t();
        Mat none = new Mat();
        Mat r = new Mat();
        Mat t = new Mat();
        org.opencv.core.MatOfPoint2f p1 = UncalibratedRectifier.points(inliersFirst);
        org.opencv.core.MatOfPoint2f p2 = UncalibratedRectifier.points(inliersSecond);
        try {
            org.opencv.core.Core.gemm(kt, f, 1, none, 0, e);
            org.opencv.core.Core.gemm(e, k, 1, none, 0, e);
            int inFront = org.opencv.calib3d.Calib3d.recoverPose(e, p1, p2, k, r, t);
            if (inFront < inliersFirst.length / 4) {
                return Optional.empty(); // too few points in front of both cameras to trust the pose
            }
            // second camera centre in the first camera's frame: C2 = -R^T t; right of the first when x > 0
            double[] rv = MatValues.values(r);
            double[] tv = MatValues.values(t);
            double c2x = -(rv[0] * tv[0] + rv[3] * tv[1] + rv[6] * tv[2]);
            return Optional.of(c2x > 0);
        } finally {
            MatValues.release(k, kt, none, f, e, r, t, p1, p2);
        }
    }

    public boolean undistorted() {
        return intrinsics.isPresent();
    }

    @Override
    public void close() {
        MatValues.release(map1A, map1B, map2A, map2B);
    }
}
