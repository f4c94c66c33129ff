package io.github.stereostation.geometry;

import org.opencv.core.CvType;
import org.opencv.core.Mat;

/**
 * How a rectified rig turns disparity into distance: {@code z = focalPx · baselineMetres / (d + offsetPx)},
 * where the offset is the principal points' horizontal difference (0 when rectified with zero disparity at
 * infinity). The principal point (cx, cy) of the rectified left view places points off the axis (point clouds).
 * Depth in metres, disparity in pixels. The one home of OpenCV's reprojection matrix Q ({@link #q()}).
 */
public record DisparityToDepth(double focalPx, double baselineMetres, double offsetPx, double cxPx, double cyPx) {

    public DisparityToDepth {
        if (!(focalPx > 0) || !(baselineMetres > 0) || !Double.isFinite(offsetPx)) {
            throw new IllegalArgumentException("need focal > 0 px and baseline > 0 m, got f=" + focalPx
                    + " B=" + baselineMetres + " offset=" + offsetPx);
        }
    }

    /**
     * From OpenCV's 4x4 reprojection matrix Q (row-major, translation in millimetres as our calibrations store
     * it): Z = Q[2][3] / (Q[3][2]·d + Q[3][3]).
     */
    public static DisparityToDepth fromQ(double[] q) {
        if (q.length != 16) {
            throw new IllegalArgumentException("Q must have 16 entries, got " + q.length);
        }
        double inverseBaselineMm = q[14];
        double baselineMm = Math.abs(1.0 / inverseBaselineMm);
        return new DisparityToDepth(Math.abs(q[11]), baselineMm / 1000.0, q[15] / inverseBaselineMm, -q[3], -q[7]);
    }

    /** OpenCV's Q for this geometry (millimetres), for reprojecting disparity into 3D. */
    public double[] q() {
        double bMm = baselineMetres * 1000.0;
        return new double[]{
                1, 0, 0, -cxPx,
                0, 1, 0, -cyPx,
                0, 0, 0, focalPx,
                0, 0, 1.0 / bMm, offsetPx / bMm};
    }

    /** {@link #q()} as a new 4x4 CV_64F Mat, for the cloud builder; the caller releases it. */
    public Mat qMat() {
        Mat q = new Mat(4, 4, CvType.CV_64F);
        q.put(0, 0, q());
        return q;
    }

    /** Distance in metres for a disparity in pixels; NaN for no disparity or a point at/behind infinity. */
    public double depthMetres(double disparityPx) {
        double d = disparityPx + offsetPx;
        return d > 0 ? focalPx * baselineMetres / d : Double.NaN;
    }

    /** The disparity in pixels at which a point lies at this distance. */
    public double disparityPx(double depthMetres) {
        return focalPx * baselineMetres / depthMetres - offsetPx;
    }
}
