package io.github.stereostation.calibration;

/**
 * Decides when a board is held still: the largest corner displacement between consecutive detections stays
 * below {@code maxMotionPx} for {@code frames} frames in a row. Any frame without the board, or with a
 * different set of corners, starts the count again. Not thread-safe.
 */
public final class StillnessTracker {
    private final int frames;
    private final double maxMotionPx;
    private BoardCorners previous;
    private int stillFor;
    private double lastMotionPx = Double.NaN;

    public StillnessTracker(int frames, double maxMotionPx) {
        if (frames < 1 || !(maxMotionPx > 0)) {
            throw new IllegalArgumentException("need frames >= 1 and a positive motion threshold");
        }
        this.frames = frames;
        this.maxMotionPx = maxMotionPx;
    }

    /** Feeds one frame's detection (null when the board was not found); returns whether the board is now still. */
    public boolean update(BoardCorners corners) {
        if (corners == null || previous == null || !java.util.Arrays.equals(corners.ids(), previous.ids())) {
            stillFor = 0;
            lastMotionPx = Double.NaN;
        } else {
            lastMotionPx = maxMotionPx(previous, corners);
            stillFor = lastMotionPx <= maxMotionPx ? stillFor + 1 : 0;
        }
        previous = corners;
        return isStill();
    }

    public boolean isStill() {
        return stillFor >= frames;
    }

    /** 0..1: how far along the "hold still" count is, for a progress indicator. */
    public double progress() {
        return Math.min(1.0, stillFor / (double) frames);
    }

    /** The largest corner motion between the last two detections, NaN when there were not two. */
    public double lastMotionPx() {
        return lastMotionPx;
    }

    public void reset() {
        previous = null;
        stillFor = 0;
        lastMotionPx = Double.NaN;
    }

    /** The largest displacement of any corner between two detections of the same corners. */
    public static double maxMotionPx(BoardCorners a, BoardCorners b) {
        double max = 0;
        for (int i = 0; i < a.count(); i++) {
            max = Math.max(max, Math.hypot(a.x(i) - b.x(i), a.y(i) - b.y(i)));
        }
        return max;
    }
}
