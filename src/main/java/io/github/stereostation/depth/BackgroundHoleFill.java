package io.github.stereostation.depth;

/**
 * Fills each horizontal run of missing disparities with the smaller (farther) of the two disparities that
 * bound it. Occluded pixels belong to the background, which is the farther side at a depth edge, so taking
 * the smaller value extends the background behind the edge instead of smearing an average across it.
 */
public final class BackgroundHoleFill {
    private BackgroundHoleFill() {
    }

    /** Fills NaN runs in place; rows without any disparity stay NaN. Returns the number of pixels filled. */
    public static int apply(float[] disparity, int width, int height) {
        return apply(disparity, width, height, null);
    }

    /**
     * The same, and marks as {@link LeftRightCheck#OCCLUDED} in {@code state} (when not null) every filled
     * pixel that has the geometry of an occlusion: in the left image a hidden strip lies directly LEFT of a
     * nearer surface, so a run whose right bound is nearer than its left bound (or that touches the left
     * border, outside the right camera's view) is background seen by one camera only. That strip is as wide
     * as the disparity step at its right end, no wider: pixels of a longer run beyond it were seen by both
     * cameras and merely not matched, and are marked {@link LeftRightCheck#MISMATCH} (they may belong to
     * any surface, so later steps must not hold them to the background).
     */
    public static int apply(float[] disparity, int width, int height, byte[] state) {
        int filled = 0;
        for (int y = 0; y < height; y++) {
            int row = y * width;
            int x = 0;
            while (x < width) {
                if (!Float.isNaN(disparity[row + x])) {
                    x++;
                    continue;
                }
                int start = x;
                while (x < width && Float.isNaN(disparity[row + x])) {
                    x++;
                }
                float before = start > 0 ? disparity[row + start - 1] : Float.NaN;
                float after = x < width ? disparity[row + x] : Float.NaN;
                float v;
                if (Float.isNaN(before)) {
                    v = after;
                } else if (Float.isNaN(after)) {
                    v = before;
                } else {
                    v = Math.min(before, after);
                }
                if (!Float.isNaN(v)) {
                    boolean occlusion = start == 0 || (!Float.isNaN(after) && after > before + 1);
                    int hiddenFrom = start == 0 || !occlusion ? start
                            : Math.max(start, x - (int) Math.ceil(after - before));
                    for (int k = start; k < x; k++) {
                        disparity[row + k] = v;
                        if (occlusion && state != null) {
                            state[row + k] = k >= hiddenFrom ? LeftRightCheck.OCCLUDED : LeftRightCheck.MISMATCH;
                        }
                    }
                    filled += x - start;
                }
            }
        }
        return filled;
    }
}
