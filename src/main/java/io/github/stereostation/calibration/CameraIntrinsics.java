package io.github.stereostation.calibration;

import org.opencv.core.Mat;

import java.util.Arrays;

/**
 * One camera's pinhole model: focal lengths and principal point in pixels and OpenCV's distortion
 * coefficients (k1, k2, p1, p2, k3[, ...]) for images of {@code width x height}.
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

    static CameraIntrinsics fromMats(int width, int height, Mat cameraMatrix, Mat distortion) {
        double[] k = MatValues.values(cameraMatrix);
        return new CameraIntrinsics(width, height, k[0], k[4], k[2], k[5], MatValues.values(distortion));
    }

    /** The 3x3 camera matrix, row-major. */
    public double[] cameraMatrix() {
        return new double[]{fxPx, 0, cxPx, 0, fyPx, cyPx, 0, 0, 1};
    }

    /** A new CV_64F 3x3 camera matrix; the caller releases it. */
    public Mat cameraMatrixMat() {
        return MatValues.of(3, 3, cameraMatrix());
    }

    /** A new CV_64F 1xN distortion row; the caller releases it. */
    public Mat distortionMat() {
        return MatValues.of(1, distortion.length, distortion);
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
