package io.github.stereostation.depth;

/**
 * Left-right consistency: a left pixel x with disparity d lands on right pixel x − d, whose own (right-view)
 * disparity should be d again. Where it is not, the pixel is rejected, and classified: if the right pixel
 * carries a LARGER disparity, a nearer surface hides this one from the right camera (occlusion); otherwise
 * the match is simply wrong (mismatch). Plain arrays, row-major, NaN = no disparity.
 */
public final class LeftRightCheck {
    public static final byte VALID = 0;
    public static final byte OCCLUDED = 1;
    public static final byte MISMATCH = 2;
    public static final byte UNMATCHED = 3;

    private LeftRightCheck() {
    }

    /**
     * Sets rejected pixels of {@code left} to NaN and records why in {@code state}.
     *
     * @return the number of pixels rejected by the check (not counting those without a disparity before)
     */
    public static int apply(float[] left, float[] right, int width, int height, double tolerance, byte[] state) {
        int rejected = 0;
        for (int y = 0; y < height; y++) {
            int row = y * width;
            for (int x = 0; x < width; x++) {
                int i = row + x;
                float d = left[i];
                if (Float.isNaN(d)) {
                    state[i] = UNMATCHED;
                    continue;
                }
                int xr = Math.round(x - d);
                if (xr < 0) {
                    state[i] = OCCLUDED; // outside the right camera's view
                    left[i] = Float.NaN;
                    rejected++;
                    continue;
                }
                float dr = right[row + Math.min(width - 1, xr)];
                if (!Float.isNaN(dr) && Math.abs(dr - d) <= tolerance) {
                    state[i] = VALID;
                    continue;
                }
                state[i] = !Float.isNaN(dr) && dr > d ? OCCLUDED : MISMATCH;
                left[i] = Float.NaN;
                rejected++;
            }
        }
        return rejected;
    }
}
