package io.github.stereostation.calibration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The shift that puts a two-shot pair's disparities just above 0, where a matcher's 0..N search finds them. */
class TwoShotRectificationTest {

    @Test
    void theRightViewIsShiftedSoNearlyAllDisparitiesArePositive() {
        // Inlier disparities -13..40 px after rectification; the lowest 2% may be stray matches.
        double[] d = new double[101];
        for (int i = 0; i < d.length; i++) {
            d[i] = -13 + 53.0 * i / 100;
        }
        int s = TwoShotRectification.disparityOffsetPx(d);
        // 2% of 100 = index 2: -13 + 1.06 = -11.94 -> ceil(2 + 11.94) = 14
        assertThat(s).isEqualTo(14);
        assertThat(d[2] + s).isBetween((double) TwoShotRectification.DISPARITY_MARGIN_PX, TwoShotRectification.DISPARITY_MARGIN_PX + 1.0);
        // Already far from 0: shifted back (right), keeping the search range small.
        assertThat(TwoShotRectification.disparityOffsetPx(new double[]{30, 31, 40})).isEqualTo(-28);
        assertThat(TwoShotRectification.disparityOffsetPx(new double[0])).isZero();
    }
}
