package io.github.stereostation.sim;

import io.github.stereostation.geometry.CameraIntrinsics;

import org.opencv.core.CvType;
import org.opencv.core.Mat;

/**
 * A simulated camera: the pinhole model ({@link CameraIntrinsics}, the one every package uses) with OpenCV's lens
 * distortion as a {@link Distortion} it can apply and invert, so the renderer projects and undistorts exactly as
 * OpenCV does. Pixel (0,0)'s centre is at coordinate (0,0). Camera frame: x right, y down, z forward, millimetres.
 */
public final class PinholeCamera {
    private final CameraIntrinsics intrinsics;
    private final Distortion distortion;
    // The renderer projects millions of points: plain fields, not accessor calls through the record.
    private final double fx;
    private final double fy;
    private final double cx;
    private final double cy;

    /** A camera of this size, focal lengths and principal point (pixels); a null distortion means none. */
    public PinholeCamera(int width, int height, double fx, double fy, double cx, double cy, Distortion distortion) {
        this.distortion = distortion == null ? Distortion.NONE : distortion;
        this.intrinsics = new CameraIntrinsics(width, height, fx, fy, cx, cy, this.distortion.toArray());
        this.fx = fx;
        this.fy = fy;
        this.cx = cx;
        this.cy = cy;
    }

    /** The pinhole model with its distortion coefficients, as calibration files and clouds use it. */
    public CameraIntrinsics intrinsics() {
        return intrinsics;
    }

    public int width() {
        return intrinsics.width();
    }

    public int height() {
        return intrinsics.height();
    }

    public double fx() {
        return fx;
    }

    public double fy() {
        return fy;
    }

    public double cx() {
        return cx;
    }

    public double cy() {
        return cy;
    }

    public Distortion distortion() {
        return distortion;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PinholeCamera c && intrinsics.equals(c.intrinsics);
    }

    @Override
    public int hashCode() {
        return intrinsics.hashCode();
    }

    @Override
    public String toString() {
        return "PinholeCamera[" + intrinsics + "]";
    }

    /** A distortion-free camera with square pixels. */
    public static PinholeCamera ideal(int width, int height, double focalPx, double cx, double cy) {
        return new PinholeCamera(width, height, focalPx, focalPx, cx, cy, Distortion.NONE);
    }

    /**
     * Projects a camera-frame point (mm) to its distorted pixel, exactly as OpenCV's projectPoints does.
     *
     * @return {u, v}; NaN when the point is not in front of the camera (z &lt;= 0)
     */
    public double[] project(double x, double y, double z) {
        if (!(z > 0)) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double[] d = new double[2];
        distortion.distort(x / z, y / z, d);
        return new double[] {fx * d[0] + cx, fy * d[1] + cy};
    }

    /**
     * The viewing ray of a pixel: undistorts (u, v) by Newton iteration to the normalized point (x, y) whose
     * projection is (u, v) to far better than 1e-6 px, and returns the ray direction {x, y, 1}.
     */
    public double[] ray(double u, double v) {
        double[] xy = new double[] {(u - cx) / fx, (v - cy) / fy};
        undistort(u, v, xy, null);
        return new double[] {xy[0], xy[1], 1};
    }

    /**
     * Undistorts pixel (u, v) to the normalized point in xy (which on entry holds the start guess, e.g. a
     * neighbour's solution). When jacobian is non-null it receives d(x,y)/d(u,v) at the solution (row-major),
     * which lets the renderer place sub-pixel samples without iterating again.
     */
    void undistort(double u, double v, double[] xy, double[] jacobian) {
        double xd = (u - cx) / fx;
        double yd = (v - cy) / fy;
        if (distortion.isNone()) {
            xy[0] = xd;
            xy[1] = yd;
            if (jacobian != null) {
                jacobian[0] = 1 / fx;
                jacobian[1] = 0;
                jacobian[2] = 0;
                jacobian[3] = 1 / fy;
            }
            return;
        }
        double x = xy[0], y = xy[1];
        double[] d = new double[2];
        double[] j = new double[4];
        for (int it = 0; it < 50; it++) {
            distortion.distort(x, y, d);
            double ex = d[0] - xd, ey = d[1] - yd;
            distortion.jacobian(x, y, j);
            double det = j[0] * j[3] - j[1] * j[2];
            double sx = (j[3] * ex - j[1] * ey) / det;
            double sy = (-j[2] * ex + j[0] * ey) / det;
            x -= sx;
            y -= sy;
            if (Math.abs(sx) + Math.abs(sy) < 1e-15) {
                break;
            }
        }
        xy[0] = x;
        xy[1] = y;
        if (jacobian != null) {
            distortion.jacobian(x, y, j);
            double det = j[0] * j[3] - j[1] * j[2];
            // inverse of the distortion Jacobian, times d(xd,yd)/d(u,v) = diag(1/fx, 1/fy)
            jacobian[0] = j[3] / det / fx;
            jacobian[1] = -j[1] / det / fy;
            jacobian[2] = -j[2] / det / fx;
            jacobian[3] = j[0] / det / fy;
        }
    }

    /** The camera matrix K as a new 3x3 CV_64F Mat (the caller owns it). */
    public Mat cameraMatrix() {
        return intrinsics.cameraMatrixMat();
    }

    /** The distortion coefficients (k1, k2, p1, p2, k3) as a new 1x5 CV_64F Mat (the caller owns it). */
    public Mat distCoeffs() {
        Mat d = new Mat(1, 5, CvType.CV_64F);
        d.put(0, 0, distortion.toArray());
        return d;
    }

    /** True when pixel coordinate (u, v) lies on the sensor (within half a pixel of the outer pixel centres). */
    public boolean contains(double u, double v) {
        return u >= -0.5 && v >= -0.5 && u <= width() - 0.5 && v <= height() - 0.5;
    }
}
