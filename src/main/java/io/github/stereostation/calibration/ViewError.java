package io.github.stereostation.calibration;

/** The RMS reprojection error of one view in the stereo fit, per camera, in pixels. */
public record ViewError(String name, double leftRmsPx, double rightRmsPx) {
    public double worstPx() {
        return Math.max(leftRmsPx, rightRmsPx);
    }
}
