package io.github.stereostation.calibration;

/**
 * Decides when a board is held still: the largest corner displacement between consecutive detections stays
 * below {@code maxMotionPx} for {@code frames} frames in a row. Any frame without the board, or sharing too
 * few corners with the previous one, starts the count again. Not thread-safe.
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
        double motion = corners == null || previous == null ? Double.NaN : maxMotionPx(previous, corners);
        if (Double.isNaN(motion)) {
            stillFor = 0;
            lastMotionPx = Double.NaN;
        } else {
            lastMotionPx = motion;
            stillFor = motion <= maxMotionPx ? stillFor + 1 : 0;
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

    /**
     * The largest displacement of a corner seen in both detections; NaN when they share fewer than
     * {@link #MIN_COMMON} corners (ChArUco boards may show a different subset from frame to frame).
     */
    public static double maxMotionPx(BoardCorners a, BoardCorners b) {
        double max = 0;
        int common = 0;
        for (int i = 0; i < a.count(); i++) {
            int j = b.count() == a.count() && b.ids()[i] == a.ids()[i] ? i : b.indexOf(a.ids()[i]);
            if (j >= 0) {
                max = Math.max(max, Math.hypot(a.x(i) - b.x(j), a.y(i) - b.y(j)));
                common++;
            }
        }
        return common >= MIN_COMMON ? max : Double.NaN;
    }

    /** Fewest shared corners that say anything about motion. */
    public static final int MIN_COMMON = 4;
}
