package io.github.stereostation.calibration;

/**
 * What the wizard made of one frame: the hint to show, its text, the corners found in each camera (in the
 * frame's pixels, null when not found; {@code right} is always null in single-camera mode), how far the "hold
 * still" count is (0..1), the pose's novelty ({@link PoseNovelty}, NaN when not measured) and the view taken
 * from this frame, if any.
 */
public record FrameCheck(long sequence, CaptureHint hint, String message, BoardCorners left, BoardCorners right,
                         double stillProgress, double novelty, CapturedView captured) {

    public boolean didCapture() {
        return captured != null;
    }

    static FrameCheck status(long sequence, CaptureHint hint, String message) {
        return new FrameCheck(sequence, hint, message, null, null, 0, Double.NaN, null);
    }
}
