package io.github.stereostation.calibration;

import org.opencv.calib3d.Calib3d;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Size;

/**
 * The output of OpenCV's {@code stereoRectify} for a calibration: rectifying rotations R1, R2 (3x3), new
 * projections P1, P2 (3x4), the disparity-to-depth matrix Q (4x4, in the calibration's unit, mm) and each
 * camera's valid pixel rectangle {x, y, width, height}. {@code alpha} 0 crops to valid pixels only, 1 keeps
 * every source pixel.
 */
public record RectificationGeometry(double alpha, double[] r1, double[] r2, double[] p1, double[] p2, double[] q,
                                    int[] roiLeft, int[] roiRight) {

    public static RectificationGeometry of(StereoCalibration cal, double alpha) {
        if (!(alpha >= 0 && alpha <= 1) && alpha != -1) {
            throw new IllegalArgumentException("alpha must be in 0..1 (or -1 for OpenCV's default), got " + alpha);
        }
        Mat k1 = cal.left().cameraMatrixMat();
        Mat d1 = cal.left().distortionMat();
        Mat k2 = cal.right().cameraMatrixMat();
        Mat d2 = cal.right().distortionMat();
        Mat r = MatValues.of(3, 3, cal.rotation());
        Mat t = MatValues.of(3, 1, cal.translationMm());
        Mat r1 = new Mat();
        Mat r2 = new Mat();
        Mat p1 = new Mat();
        Mat p2 = new Mat();
        Mat q = new Mat();
        Rect roi1 = new Rect();
        Rect roi2 = new Rect();
        try {
            Size size = new Size(cal.imageWidth(), cal.imageHeight());
            Calib3d.stereoRectify(k1, d1, k2, d2, size, r, t, r1, r2, p1, p2, q, Calib3d.CALIB_ZERO_DISPARITY,
                    alpha, size, roi1, roi2);
            return new RectificationGeometry(alpha, MatValues.values(r1), MatValues.values(r2), MatValues.values(p1),
                    MatValues.values(p2), MatValues.values(q), new int[]{roi1.x, roi1.y, roi1.width, roi1.height},
                    new int[]{roi2.x, roi2.y, roi2.width, roi2.height});
        } finally {
            MatValues.release(k1, d1, k2, d2, r, t, r1, r2, p1, p2, q);
        }
    }

    /** Focal length of both rectified cameras in pixels. */
    public double focalPx() {
        return p1[0];
    }

    /** Baseline of the rectified pair, from P2's translation term. */
    public double baselineMm() {
        return Math.abs(p2[3] / p2[0]);
    }

    /** The rectangle valid in both rectified images (may be empty for a bad calibration). */
    public int[] validRoi() {
        int x0 = Math.max(roiLeft[0], roiRight[0]);
        int y0 = Math.max(roiLeft[1], roiRight[1]);
        int x1 = Math.min(roiLeft[0] + roiLeft[2], roiRight[0] + roiRight[2]);
        int y1 = Math.min(roiLeft[1] + roiLeft[3], roiRight[1] + roiRight[3]);
        return new int[]{x0, y0, Math.max(0, x1 - x0), Math.max(0, y1 - y0)};
    }
}
