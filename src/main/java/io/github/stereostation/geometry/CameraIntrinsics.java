package io.github.stereostation.geometry;

import org.opencv.core.CvType;
import org.opencv.core.Mat;

import java.util.Arrays;

/**
 * One camera's pinhole model, the one every package uses: focal lengths and principal point in pixels (OpenCV's
 * convention: pixel (0,0)'s centre is at coordinate (0,0)) and OpenCV's distortion coefficients
 * (k1, k2, p1, p2, k3[, ...]; none for an ideal or rectified view) for images of {@code width x height}.
 */
public record CameraIntrinsics(int width, int height, double fxPx, double fyPx, double cxPx, double cyPx,
                               double[] distortion) {

    public CameraIntrinsics {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        if (!(fxPx > 0) || !(fyPx > 0) || !Double.isFinite(cxPx) || !Double.isFinite(cyPx)) {
            throw new IllegalArgumentException("focal lengths must be positive and the principal point finite");
        }
        distortion = distortion.clone();
        for (double d : distortion) {
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("distortion coefficients must be finite");
            }
        }
    }

    /** A camera without lens distortion and with square pixels (an ideal or rectified view). */
    public static CameraIntrinsics ideal(int width, int height, double focalPx, double cxPx, double cyPx) {
        return new CameraIntrinsics(width, height, focalPx, focalPx, cxPx, cyPx, new double[0]);
    }

    /**
     * The camera that sees {@code horizontalFovDeg} across the image's width, with square pixels, no distortion
     * and the principal point at the image's centre: the guess for a photo of unknown origin.
     */
    public static CameraIntrinsics fromHorizontalFov(int width, int height, double horizontalFovDeg) {
        double f = (width / 2.0) / Math.tan(Math.toRadians(horizontalFovDeg) / 2);
        return ideal(width, height, f, (width - 1) / 2.0, (height - 1) / 2.0);
    }

    /** The 3x3 camera matrix, row-major. */
    public double[] cameraMatrix() {
        return new double[]{fxPx, 0, cxPx, 0, fyPx, cyPx, 0, 0, 1};
    }

    /** A new CV_64F 3x3 camera matrix; the caller releases it. */
    public Mat cameraMatrixMat() {
        Mat k = new Mat(3, 3, CvType.CV_64F);
        k.put(0, 0, cameraMatrix());
        return k;
    }

    /** A new CV_64F 1xN distortion row; the caller releases it. */
    public Mat distortionMat() {
        Mat d = new Mat(1, distortion.length, CvType.CV_64F);
        if (distortion.length > 0) {
            d.put(0, 0, distortion);
        }
        return d;
    }

    @Override
    public double[] distortion() {
        return distortion.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CameraIntrinsics c && width == c.width && height == c.height && fxPx == c.fxPx
                && fyPx == c.fyPx && cxPx == c.cxPx && cyPx == c.cyPx && Arrays.equals(distortion, c.distortion);
    }

    @Override
    public int hashCode() {
        return Double.hashCode(fxPx) * 31 + Arrays.hashCode(distortion);
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "fx=%.2f fy=%.2f cx=%.2f cy=%.2f dist=%s (%dx%d)",
                fxPx, fyPx, cxPx, cyPx, Arrays.toString(distortion), width, height);
    }
}
