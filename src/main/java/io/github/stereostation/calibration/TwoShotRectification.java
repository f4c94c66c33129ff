package io.github.stereostation.calibration;

import io.github.stereostation.geometry.CameraIntrinsics;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

import java.util.Optional;

/**
 * The geometry of a two-shot pair (one camera moved sideways between the shots): uncalibrated rectification
 * ({@link UncalibratedRectifier}), the row error measured again on the rectified pair, and the rectified right
 * view shifted so that the scene's disparities start just above 0. Uncalibrated rectification fixes disparity
 * only up to an offset and tends to centre it on 0, where half the scene would fall outside a matcher's 0..N
 * search. Owns the rectified images: AutoCloseable.
 */
public final class TwoShotRectification implements AutoCloseable {

    /** Smallest disparity the shifted rectified pair should have, in pixels. */
    public static final int DISPARITY_MARGIN_PX = 2;

    private final Mat left;
    private final Mat right;
    private final int matchCount;
    private final int inlierCount;
    private final boolean undistorted;
    private final double medianRowErrorPx;
    private final double rematchedRowErrorPx;
    private final int offsetPx;
    private final double medianDisparityPx;

    private TwoShotRectification(Mat left, Mat right, UncalibratedRectification r, double rematchedRowErrorPx,
                                 int offsetPx) {
        this.left = left;
        this.right = right;
        this.matchCount = r.matchCount();
        this.inlierCount = r.inlierCount();
        this.undistorted = r.undistorted();
        this.medianRowErrorPx = r.medianRowErrorPx();
        this.rematchedRowErrorPx = rematchedRowErrorPx;
        this.offsetPx = offsetPx;
        this.medianDisparityPx = r.medianDisparityPx() + offsetPx;
    }

    /**
     * Rectifies the two shots (undistorting them too when the camera's intrinsics are given) and shifts the right
     * one. The shots are not changed.
     */
    public static TwoShotRectification of(Mat leftShot, Mat rightShot, Optional<CameraIntrinsics> intrinsics,
                                          UncalibratedRectifier.Features features) {
        Mat rl = new Mat();
        Mat rr = new Mat();
        try (UncalibratedRectification rect = UncalibratedRectifier.estimate(leftShot, rightShot, intrinsics, features)) {
            rect.rectify(leftShot, rightShot, rl, rr);
            double rematched = UncalibratedRectifier.medianRowDifferencePx(rl, rr, features);
            int offset = disparityOffsetPx(rect.inlierDisparitiesPx());
            shiftLeft(rr, offset);
            return new TwoShotRectification(rl, rr, rect, rematched, offset);
        } catch (RuntimeException | Error e) {
            rl.release();
            rr.release();
            throw e;
        }
    }

    /**
     * How far to move the rectified right view left so that nearly all inliers (all but the lowest 2%, which may
     * be stray matches) get a disparity of at least {@link #DISPARITY_MARGIN_PX}; negative moves it right.
     */
    public static int disparityOffsetPx(double[] sortedDisparitiesPx) {
        if (sortedDisparitiesPx.length == 0) {
            return 0;
        }
        double low = sortedDisparitiesPx[(int) (0.02 * (sortedDisparitiesPx.length - 1))];
        return (int) Math.ceil(DISPARITY_MARGIN_PX - low);
    }

    /** Moves the image content {@code px} pixels left (right when negative), filling with black. */
    private static void shiftLeft(Mat image, int px) {
        if (px == 0) {
            return;
        }
        Mat m = new Mat(2, 3, CvType.CV_64F);
        m.put(0, 0, 1, 0, -px, 0, 1, 0);
        Mat shifted = new Mat();
        try {
            Imgproc.warpAffine(image, shifted, m, image.size(), Imgproc.INTER_NEAREST, Core.BORDER_CONSTANT, new Scalar(0));
            shifted.copyTo(image);
        } finally {
            m.release();
            shifted.release();
        }
    }

    /** The rectified left view. */
    public Mat left() {
        return left;
    }

    /** The rectified right view, shifted by {@link #offsetPx()}. */
    public Mat right() {
        return right;
    }

    public int matchCount() {
        return matchCount;
    }

    public int inlierCount() {
        return inlierCount;
    }

    /** Whether the shots were undistorted with the camera's intrinsics before rectification. */
    public boolean undistorted() {
        return undistorted;
    }

    /** Median row difference of the RANSAC inliers after rectification, pixels. */
    public double medianRowErrorPx() {
        return medianRowErrorPx;
    }

    /** Median row difference of features matched afresh in the rectified pair, pixels. */
    public double rematchedRowErrorPx() {
        return rematchedRowErrorPx;
    }

    /** How far the right view was moved left (negative: right), pixels. */
    public int offsetPx() {
        return offsetPx;
    }

    /** Median disparity of the inliers in the shifted pair, pixels. */
    public double medianDisparityPx() {
        return medianDisparityPx;
    }

    @Override
    public void close() {
        left.release();
        right.release();
    }
}
