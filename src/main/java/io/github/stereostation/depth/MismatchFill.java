package io.github.stereostation.depth;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Fills pixels that both cameras saw but that failed the left-right check (mismatches, as opposed to
 * occlusions) with the median of the nearest disparity found in each of 8 directions: such a pixel lies on
 * whatever surface surrounds it, above and below as much as left and right, while a row-wise fill can only
 * extend the background (after Hirschmüller, PAMI 2008, section 3.4). Measured on top of the row-wise
 * background fill with {@code balanced}: mean bad-2 Middlebury 5.91 → 5.87, ETH3D 3.24 → 2.97; colour-weighted
 * or 16-direction variants were worse. Plain arrays, row-major, NaN = no disparity.
 */
public final class MismatchFill {
    /** How far (pixels) each direction is searched for a disparity. */
    static final int MAX_STEPS = 100;
    private static final int[][] DIRECTIONS = {{1, 0}, {-1, 0}, {0, 1}, {0, -1}, {1, 1}, {-1, -1}, {1, -1}, {-1, 1}};

    private MismatchFill() {
    }

    /**
     * Writes into {@code out} a value for every pixel that is NaN in {@code measured} and not
     * {@link LeftRightCheck#OCCLUDED} in {@code state}; other pixels of {@code out} are left as they are.
     *
     * @return the number of pixels given a value
     */
    public static int apply(float[] measured, byte[] state, int width, int height, float[] out) {
        return IntStream.range(0, height).parallel().map(y -> {
            float[] found = new float[DIRECTIONS.length];
            int filled = 0;
            for (int x = 0; x < width; x++) {
                int p = y * width + x;
                if (!Float.isNaN(measured[p]) || state[p] == LeftRightCheck.OCCLUDED) {
                    continue;
                }
                int k = 0;
                for (int[] dir : DIRECTIONS) {
                    int xx = x;
                    int yy = y;
                    for (int step = 0; step < MAX_STEPS; step++) {
                        xx += dir[0];
                        yy += dir[1];
                        if (xx < 0 || yy < 0 || xx >= width || yy >= height) {
                            break;
                        }
                        float d = measured[yy * width + xx];
                        if (!Float.isNaN(d)) {
                            found[k++] = d;
                            break;
                        }
                    }
                }
                if (k > 0) {
                    Arrays.sort(found, 0, k);
                    out[p] = found[k / 2];
                    filled++;
                }
            }
            return filled;
        }).sum();
    }
}
