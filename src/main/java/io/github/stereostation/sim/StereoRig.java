package io.github.stereostation.sim;

import io.github.stereostation.geometry.Matrix3;

/**
 * Two cameras and the pose of the right one relative to the left, exactly as OpenCV's stereoCalibrate reports
 * R and T: X_right = R·X_left + T (millimetres), R given as a rotation vector. A pure baseline of B mm to the
 * right is T = (-B, 0, 0).
 */
public record StereoRig(PinholeCamera left, PinholeCamera right, double[] rotationRodrigues, double[] translationMm) {

    public StereoRig {
        if (rotationRodrigues.length != 3 || translationMm.length != 3) {
            throw new IllegalArgumentException("rotation and translation need 3 components each");
        }
        if (left.width() != right.width() || left.height() != right.height()) {
            throw new IllegalArgumentException("both cameras must have the same image size");
        }
        rotationRodrigues = rotationRodrigues.clone();
        translationMm = translationMm.clone();
    }

    @Override
    public double[] rotationRodrigues() {
        return rotationRodrigues.clone();
    }

    @Override
    public double[] translationMm() {
        return translationMm.clone();
    }

    public int width() {
        return left.width();
    }

    public int height() {
        return left.height();
    }

    /** Distance between the two optical centres, mm. */
    public double baselineMm() {
        return Math.sqrt(translationMm[0] * translationMm[0] + translationMm[1] * translationMm[1]
                + translationMm[2] * translationMm[2]);
    }

    /** R as a row-major 3x3 array. */
    public double[] rotationMatrix() {
        return Matrix3.fromRodrigues(rotationRodrigues);
    }

    /**
     * The rig a perfect rectification would give: the left camera's focal lengths and principal point in both
     * cameras, no distortion, no rotation, T = (-B, 0, 0) with this rig's baseline. Disparity on it is
     * d = fx·B/Z and left pixel (x, y) matches right pixel (x - d, y).
     */
    public StereoRig rectifiedIdeal() {
        PinholeCamera cam = new PinholeCamera(left.width(), left.height(), left.fx(), left.fy(), left.cx(), left.cy(),
                Distortion.NONE);
        return new StereoRig(cam, cam, new double[3], new double[] {-baselineMm(), 0, 0});
    }

    /** True when this rig is already rectified and ideal, so that ground-truth disparity is defined. */
    public boolean isRectifiedIdeal() {
        return left.distortion().isNone() && right.distortion().isNone()
                && left.fx() == right.fx() && left.fy() == right.fy()
                && left.cx() == right.cx() && left.cy() == right.cy()
                && rotationRodrigues[0] == 0 && rotationRodrigues[1] == 0 && rotationRodrigues[2] == 0
                && translationMm[0] < 0 && translationMm[1] == 0 && translationMm[2] == 0;
    }

    /**
     * A typical desk rig as two webcams deliver it: focal 0.875·width px (560 px at 640x480), a baseline of exactly
     * 60 mm (slightly off the x axis),
     * mild barrel distortion, the right camera rotated by about 0.8 degrees and a little off the ideal baseline,
     * and principal points a few pixels off centre and different in the two cameras.
     */
    public static StereoRig desk(int width, int height) {
        double s = width / 640.0;
        PinholeCamera l = new PinholeCamera(width, height, 560 * s, 560 * s,
                (width - 1) / 2.0 + 3.2 * s, (height - 1) / 2.0 - 2.4 * s,
                new Distortion(-0.12, 0.05, 0.0008, -0.0006, 0));
        PinholeCamera r = new PinholeCamera(width, height, 563 * s, 562 * s,
                (width - 1) / 2.0 - 4.1 * s, (height - 1) / 2.0 + 1.7 * s,
                new Distortion(-0.105, 0.042, -0.0005, 0.0009, 0));
        // a 60.000 mm baseline, slightly off the x axis
        double ty = 0.35, tz = -0.6;
        double tx = -Math.sqrt(60 * 60 - ty * ty - tz * tz);
        return new StereoRig(l, r, new double[] {0.0045, -0.011, 0.0065}, new double[] {tx, ty, tz});
    }

    /** {@code desk(width, height).rectifiedIdeal()}: the same cameras, already rectified. */
    public static StereoRig idealDesk(int width, int height) {
        return desk(width, height).rectifiedIdeal();
    }

    /** An ideal rectified rig with the given focal length (px), baseline (mm) and a centred principal point. */
    public static StereoRig ideal(int width, int height, double focalPx, double baselineMm) {
        PinholeCamera cam = PinholeCamera.ideal(width, height, focalPx, (width - 1) / 2.0, (height - 1) / 2.0);
        return new StereoRig(cam, cam, new double[3], new double[] {-baselineMm, 0, 0});
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StereoRig r && left.equals(r.left) && right.equals(r.right)
                && java.util.Arrays.equals(rotationRodrigues, r.rotationRodrigues)
                && java.util.Arrays.equals(translationMm, r.translationMm);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(left, right, java.util.Arrays.hashCode(rotationRodrigues),
                java.util.Arrays.hashCode(translationMm));
    }

    @Override
    public String toString() {
        return "StereoRig[" + left + ", " + right + ", R=" + java.util.Arrays.toString(rotationRodrigues)
                + ", T=" + java.util.Arrays.toString(translationMm) + "]";
    }
}
