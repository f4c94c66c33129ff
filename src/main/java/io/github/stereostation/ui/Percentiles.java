package io.github.stereostation.ui;

import java.util.Arrays;

/** Robust low/high values of a map (ignoring NaN) for colour scales, from a sample of the pixels. */
final class Percentiles {
    private Percentiles() {
    }

    /** The given quantiles (0..1) of the non-NaN values; NaN when there are none. */
    static double[] of(float[] values, double lowQ, double highQ) {
        int step = Math.max(1, values.length / 4096); // a few thousand samples fix a colour scale well enough
        float[] sample = new float[values.length / step + 1];
        int n = 0;
        for (int i = 0; i < values.length; i += step) {
            float v = values[i];
            if (!Float.isNaN(v)) {
                sample[n++] = v;
            }
        }
        if (n == 0) {
            return new double[]{Double.NaN, Double.NaN};
        }
        Arrays.sort(sample, 0, n);
        return new double[]{sample[(int) Math.floor(lowQ * (n - 1))], sample[(int) Math.ceil(highQ * (n - 1))]};
    }
}
