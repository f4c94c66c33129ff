package io.github.stereostation.calibration;

/**
 * Tuning of the guided capture.
 *
 * @param liveMaxWidth   frames wider than this are downscaled for the per-frame detection (captured views are
 *                       detected again at full resolution)
 * @param stillFrames    consecutive frames the board must stay still before an automatic capture
 * @param stillMotionPx  largest corner motion between two frames (full-resolution pixels) that counts as still
 * @param minNovelty     smallest {@link PoseNovelty} distance to every view taken for an automatic capture
 * @param maxEdgeWidthPx board edges wider than this (full-resolution pixels, {@link BoardSharpness}) are too blurry
 * @param targetViews    views wanted before the wizard calls the capture complete (together with full coverage)
 * @param maxRmsPx       a calibration whose reprojection RMS exceeds this is reported as failed
 * @param lostAfterFrames frames after losing the board during which its last place explains why (edge, blur)
 */
public record CaptureSettings(int liveMaxWidth, int stillFrames, double stillMotionPx, double minNovelty,
                              double maxEdgeWidthPx, int targetViews, double maxRmsPx, int lostAfterFrames) {

    public CaptureSettings {
        if (liveMaxWidth < 64 || stillFrames < 1 || !(stillMotionPx > 0) || !(minNovelty >= 0)
                || !(maxEdgeWidthPx > 0) || targetViews < 1 || !(maxRmsPx > 0) || lostAfterFrames < 0) {
            throw new IllegalArgumentException("capture settings out of range: " + this);
        }
    }

    public static CaptureSettings defaults() {
        return new CaptureSettings(640, 3, 1.5, 0.2, 6.0, 12, 2.0, 15);
    }

    public CaptureSettings withLiveMaxWidth(int w) {
        return new CaptureSettings(w, stillFrames, stillMotionPx, minNovelty, maxEdgeWidthPx, targetViews, maxRmsPx, lostAfterFrames);
    }

    public CaptureSettings withTargetViews(int n) {
        return new CaptureSettings(liveMaxWidth, stillFrames, stillMotionPx, minNovelty, maxEdgeWidthPx, n, maxRmsPx, lostAfterFrames);
    }
}
