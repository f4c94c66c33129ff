package io.github.stereostation.depth;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class DisparityMetricsTest {

    @Test
    void countsHolesAsBadSkipsUnknownAndMaskedPixelsAndAveragesErrorOverMatchedPixels() {
        float nan = Float.NaN;
        float inf = Float.POSITIVE_INFINITY;
        //                 ok   1.5 off 3 off  5 off  hole  GT unknown  masked out (10 off)
        float[] gt = {10f, 10f, 10f, 10f, 10f, inf, 10f};
        float[] d = {10.5f, 11.5f, 13f, 5f, nan, 3f, 20f};
        byte[] mask = {(byte) 255, (byte) 255, (byte) 255, (byte) 255, (byte) 255, (byte) 255, (byte) 128};
        DisparityMetrics m = DisparityMetrics.measure(d, gt, mask);
        assertThat(m.evaluatedPixels()).isEqualTo(5);
        assertThat(m.bad1()).isCloseTo(80.0, within(1e-9));   // 1.5, 3, 5 off and the hole
        assertThat(m.bad2()).isCloseTo(60.0, within(1e-9));   // 3, 5 off and the hole
        assertThat(m.bad4()).isCloseTo(40.0, within(1e-9));   // 5 off and the hole
        assertThat(m.density()).isCloseTo(80.0, within(1e-9));
        assertThat(m.epe()).isCloseTo((0.5 + 1.5 + 3 + 5) / 4.0, within(1e-6));
    }

    @Test
    void withoutMaskEveryFiniteGroundTruthPixelCounts() {
        float[] gt = {1f, 2f, Float.NaN};
        float[] d = {1f, 5f, 1f};
        DisparityMetrics m = DisparityMetrics.measure(d, gt, null);
        assertThat(m.evaluatedPixels()).isEqualTo(2);
        assertThat(m.bad2()).isCloseTo(50.0, within(1e-9));
        assertThat(m.density()).isCloseTo(100.0, within(1e-9));
    }
}
