package io.github.stereostation.depth;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ScaleShiftFitTest {

    @Test
    void recoversScaleAndShiftDespiteThirtyPercentOutliers() {
        Random r = new Random(7);
        int n = 5000;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextDouble() * 3;
            y[i] = 12.5 * x[i] + 4.0 + r.nextGaussian() * 0.2;
            if (i % 10 < 3) {
                y[i] = r.nextDouble() * 60; // gross stereo mismatches
            }
        }
        ScaleShiftFit fit = ScaleShiftFit.fit(x, y).orElseThrow();
        assertThat(fit.scale()).isCloseTo(12.5, within(0.05));
        assertThat(fit.shift()).isCloseTo(4.0, within(0.05));
        assertThat(fit.inliers()).isBetween(3400, 3700);
        assertThat(fit.rmsResidualPx()).isCloseTo(0.2, within(0.03));
    }

    @Test
    void refusesWhenThereIsNothingToFit() {
        assertThat(ScaleShiftFit.fit(new double[10], new double[10])).isEmpty();
        double[] flat = new double[500];
        double[] y = new double[500];
        java.util.Arrays.fill(flat, 2.0);
        java.util.Arrays.fill(y, 7.0);
        assertThat(ScaleShiftFit.fit(flat, y)).isEmpty();
    }
}
