package io.github.stereostation.depth;

import io.github.stereostation.OpenCvNative;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Each post-filter improves what it claims to, measured against exact, constructed ground truth. */
class DisparityFiltersTest {
    static final int W = 320;
    static final int H = 240;
    static final int BACK = 8;
    static final int FRONT = 24;
    static final int X0 = 120;
    static final int X1 = 220;
    static final int Y0 = 60;
    static final int Y1 = 180;

    @BeforeAll
    static void load() {
        OpenCvNative.load();
    }

    /** SGBM with OpenCV's own consistency check, uniqueness and speckle removal off, so ours is measured alone. */
    static MatcherSettings rawSgbm() {
        return MatcherSettings.defaultSgbm().withNumDisparities(48).withUniqueness(0).withSpeckle(0, 2)
                .withDisp12MaxDiff(-1);
    }

    static FilteredMatcher chain(boolean lr, boolean fill, boolean smooth) {
        FilterSettings f = new FilterSettings(lr, 1, fill, smooth, 9, 2, 20, 1);
        return new FilteredMatcher("test", rawSgbm(), f);
    }

    @Test
    void leftRightCheckRemovesWrongDisparitiesOfOccludedPixels() {
        try (ConstructedPair p = ConstructedPair.step(W, H, BACK, FRONT, X0, X1, Y0, Y1);
             FilteredMatcher bare = chain(false, false, false);
             FilteredMatcher checked = chain(true, false, false)) {
            float[] before = p.disparityOf(bare);
            float[] after = p.disparityOf(checked);
            int wrongBefore = 0, wrongAfter = 0, visible = 0, visibleKept = 0, visibleWrongAfter = 0;
            for (int i = 0; i < before.length; i++) {
                int x = i % W;
                boolean fattening = x >= X0 - 3 && x < X0 && i / W >= Y0 && i / W < Y1;
                if (p.occluded[i] == 1 && !fattening) {
                    // the columns beside the foreground edge are excluded: the matcher's window widens the
                    // foreground there in BOTH views alike, so no consistency check can see that error
                    wrongBefore += !Float.isNaN(before[i]) && Math.abs(before[i] - p.truth[i]) > 2 ? 1 : 0;
                    wrongAfter += !Float.isNaN(after[i]) && Math.abs(after[i] - p.truth[i]) > 2 ? 1 : 0;
                } else if (p.occluded[i] == 0) {
                    visible++;
                    if (!Float.isNaN(after[i])) {
                        visibleKept++;
                        visibleWrongAfter += Math.abs(after[i] - p.truth[i]) > 2 ? 1 : 0;
                    }
                }
            }
            // without the check the matcher invents disparities for many hidden pixels
            assertThat(wrongBefore).isGreaterThan(100);
            assertThat(wrongAfter).isLessThan(wrongBefore / 10);
            // and it keeps the pixels both cameras see
            assertThat(visibleKept).isGreaterThan((int) (0.95 * visible));
            assertThat(visibleWrongAfter).isLessThan(visible / 100);
        }
    }

    @Test
    void holeFillingTakesTheBackgroundSideAtAnOcclusionBoundary() {
        try (ConstructedPair p = ConstructedPair.step(W, H, BACK, FRONT, X0, X1, Y0, Y1);
             FilteredMatcher checked = chain(true, false, false);
             FilteredMatcher filled = chain(true, true, false)) {
            float[] holes = p.disparityOf(checked);
            float[] d = p.disparityOf(filled);
            int band = 0, background = 0, foreground = 0;
            for (int y = Y0 + 3; y < Y1 - 3; y++) {
                for (int x = X0 - (FRONT - BACK); x < X0; x++) {
                    int i = y * W + x;
                    assertThat(p.occluded[i]).isEqualTo((byte) 1);
                    assertThat(d[i]).isNotNaN();
                    if (!Float.isNaN(holes[i])) {
                        continue; // the matcher kept this one (foreground fattening); not the fill's doing
                    }
                    band++;
                    background += Math.abs(d[i] - BACK) <= 1 ? 1 : 0;
                    foreground += Math.abs(d[i] - FRONT) <= 2 ? 1 : 0;
                }
            }
            assertThat(band).isGreaterThan(1500); // most of the 16 x 114 band was a hole to fill
            assertThat(background).isGreaterThan((int) (0.99 * band));
            assertThat(foreground).isZero();
        }
    }

    @Test
    void backgroundFillUsesTheSmallerNeighbourNotAnAverage() {
        float nan = Float.NaN;
        float[] row = {nan, 7, 7, nan, nan, nan, 20, 20, nan, nan, 9, nan};
        int filled = BackgroundHoleFill.apply(row, row.length, 1);
        assertThat(filled).isEqualTo(7);
        assertThat(row).containsExactly(7, 7, 7, 7, 7, 7, 20, 20, 9, 9, 9, 9);
    }

    @Test
    void aMismatchOnASurfaceTakesThatSurfaceFromAllSidesAndAnOcclusionStaysBackground() {
        // a slanted box (disparity 20 + x/40, x 30..59) on a background of 8; a 15x12 hole of mismatches that
        // touches the box's right edge, and left of the box the 13 px strip the right camera cannot see
        int w = 80;
        int h = 60;
        float[] truth = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                truth[y * w + x] = x >= 30 && x < 60 && y >= 10 && y < 50 ? 20 + x / 40f : BACK;
            }
        }
        float[] disp = truth.clone();
        byte[] state = new byte[w * h];
        for (int y = 24; y < 36; y++) {
            for (int x = 45; x < 60; x++) {
                disp[y * w + x] = Float.NaN;
                state[y * w + x] = LeftRightCheck.MISMATCH;
            }
        }
        for (int y = 10; y < 50; y++) {
            for (int x = 17; x < 30; x++) {
                disp[y * w + x] = Float.NaN;
                state[y * w + x] = LeftRightCheck.OCCLUDED;
            }
        }
        float[] measured = disp.clone();
        BackgroundHoleFill.apply(disp, w, h, state);
        float[] rowOnly = disp.clone();
        int filled = MismatchFill.apply(measured, state, w, h, disp);
        assertThat(filled).isEqualTo(15 * 12);
        double worstRow = 0;
        double worst = 0;
        for (int i = 0; i < truth.length; i++) {
            if (state[i] == LeftRightCheck.MISMATCH) {
                worstRow = Math.max(worstRow, Math.abs(rowOnly[i] - truth[i]));
                worst = Math.max(worst, Math.abs(disp[i] - truth[i]));
            }
        }
        // along its row the hole is bounded by the background on the right, which the row-wise fill takes
        assertThat(worstRow).isGreaterThan(10);
        assertThat(worst).isLessThan(0.5);
        for (int y = 10; y < 50; y++) {
            for (int x = 17; x < 30; x++) {
                assertThat(state[y * w + x]).isEqualTo(LeftRightCheck.OCCLUDED);
                assertThat(disp[y * w + x]).as("occluded (%d,%d)", x, y).isEqualTo((float) BACK);
            }
        }
    }

    @Test
    void pixelsLentToTheNearSurfaceGoBackToTheFarOneOnlyWhereTheirColourSaysSo() {
        // one grey row: far surface (disparity 10, grey 40) left of x = 20, near surface (30, grey 200) from x = 20
        // on; the matcher spread the near disparity 2 px over the far surface (x = 18, 19). A second row has a
        // soft edge: x = 19 is half-way grey (120), which no one can give to either side.
        int w = 40;
        float[] disp = new float[2 * w];
        byte[] grey = new byte[2 * w];
        byte[] conf = new byte[2 * w];
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                grey[i] = (byte) (x < 20 ? 40 : 200);
                disp[i] = x < 18 ? 10 : 30;
                conf[i] = (byte) 230;
            }
        }
        grey[w + 19] = (byte) 120;
        int snapped = DepthEdgeSnap.apply(disp, conf, grey, 1, w, 2, 3);
        assertThat(disp[18]).isEqualTo(10f);
        assertThat(disp[19]).isEqualTo(10f);
        assertThat(disp[20]).as("the near surface's own first pixel").isEqualTo(30f);
        assertThat(conf[18] & 0xff).isLessThan(DisparityMap.MEASURED); // given a neighbour's value: filled
        assertThat(conf[20] & 0xff).isEqualTo(230);
        assertThat(disp[w + 18]).isEqualTo(10f);
        assertThat(disp[w + 19]).as("half-way grey stays").isEqualTo(30f);
        assertThat(snapped).isEqualTo(3);
    }

    @Test
    void anOcclusionIsNoWiderThanTheDisparityStepThatCausesIt() {
        // background 10 | 8 missing pixels | foreground 13: the right camera loses 13 - 10 = 3 px of background
        // left of the foreground; the 5 px before them were in both views and only failed to match
        float nan = Float.NaN;
        float[] row = {10, 10, nan, nan, nan, nan, nan, nan, nan, nan, 13, 13};
        byte[] state = new byte[row.length];
        BackgroundHoleFill.apply(row, row.length, 1, state);
        assertThat(row).containsExactly(10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 13, 13);
        for (int x = 2; x < 7; x++) {
            assertThat(state[x]).as("x=%d", x).isEqualTo(LeftRightCheck.MISMATCH);
        }
        for (int x = 7; x < 10; x++) {
            assertThat(state[x]).as("x=%d", x).isEqualTo(LeftRightCheck.OCCLUDED);
        }
    }

    @Test
    void leftRightCheckTellsOcclusionFromMismatch() {
        // left row: background 2 at x 0..5, foreground 5 at x 6..9; right row seen from the other camera
        float[] left = {2, 2, 2, 2, 2, 2, 5, 5, 5, 5};
        float[] right = {2, 5, 5, 5, 5, 2, 2, 2, 2, 2};
        left[3] = 2; // lands on right x=1, which shows the foreground: hidden -> occluded
        left[9] = 8; // lands on right x=1 (disparity 5 < 8): neither consistent nor hidden -> mismatch
        byte[] state = new byte[10];
        LeftRightCheck.apply(left, right, 10, 1, 0.5, state);
        assertThat(state[3]).isEqualTo(LeftRightCheck.OCCLUDED);
        assertThat(state[9]).isEqualTo(LeftRightCheck.MISMATCH);
        assertThat(state[2]).isEqualTo(LeftRightCheck.VALID);
        assertThat(state[6]).isEqualTo(LeftRightCheck.VALID);
        assertThat(state[0]).isEqualTo(LeftRightCheck.OCCLUDED); // its match would lie left of the right image
        assertThat(left[3]).isNaN();
        assertThat(left[2]).isEqualTo(2f);
    }

    @Test
    void smoothingReducesErrorOnASlantedPlane() {
        try (ConstructedPair p = ConstructedPair.slantedPlane(W, H, 6, 0.06);
             FilteredMatcher rough = chain(true, true, false);
             FilteredMatcher smooth = chain(true, true, true)) {
            double before = meanError(p, p.disparityOf(rough));
            double after = meanError(p, p.disparityOf(smooth));
            assertThat(before).isGreaterThan(0.05); // the matcher's own sub-pixel noise is there to remove
            assertThat(after).isLessThan(0.85 * before);
        }
    }

    @Test
    void smoothingMovesADepthEdgeOnlyTowardsTheTruth() {
        try (ConstructedPair p = ConstructedPair.step(W, H, BACK, FRONT, X0, X1, Y0, Y1);
             FilteredMatcher rough = chain(true, true, false);
             FilteredMatcher smooth = chain(true, true, true)) {
            float[] a = p.disparityOf(rough);
            float[] b = p.disparityOf(smooth);
            float mid = (BACK + FRONT) / 2f;
            int roughError = 0;
            int smoothError = 0;
            for (int y = Y0 + 4; y < Y1 - 4; y++) {
                int leftA = Math.abs(firstAbove(a, y, mid, 0, 1) - X0);
                int leftB = Math.abs(firstAbove(b, y, mid, 0, 1) - X0);
                int rightA = Math.abs(firstAbove(a, y, mid, W - 1, -1) - (X1 - 1));
                int rightB = Math.abs(firstAbove(b, y, mid, W - 1, -1) - (X1 - 1));
                assertThat(leftB).as("left edge, row " + y).isLessThanOrEqualTo(Math.max(leftA, 1));
                assertThat(rightB).as("right edge, row " + y).isLessThanOrEqualTo(Math.max(rightA, 1));
                assertThat(Math.max(leftB, rightB)).as("row " + y).isLessThanOrEqualTo(2);
                roughError += leftA + rightA;
                smoothError += leftB + rightB;
            }
            // the matcher lends the near surface a pixel or two past each edge; the smoothing gives most back
            assertThat(smoothError).isLessThan(roughError / 2);
        }
    }

    @Test
    void confidenceIsLowWhereTheDisparityWasGuessedAndHighWhereBothViewsAgree() {
        try (ConstructedPair p = ConstructedPair.step(W, H, BACK, FRONT, X0, X1, Y0, Y1);
             FilteredMatcher m = chain(true, true, true);
             DisparityMap map = m.compute(p.left, p.right)) {
            byte[] c = new byte[W * H];
            map.confidence().get(0, 0, c);
            double hidden = 0, seen = 0;
            int nh = 0, ns = 0;
            for (int y = Y0 + 3; y < Y1 - 3; y++) {
                for (int x = 40; x < W - 10; x++) {
                    int i = y * W + x;
                    if (p.occluded[i] == 1) {
                        hidden += c[i] & 0xff;
                        nh++;
                    } else if (x > X0 + 5 && x < X1 - 5) {
                        seen += c[i] & 0xff;
                        ns++;
                    }
                }
            }
            // filled pixels carry a confidence below a measurement's (DisparityMap.MEASURED)
            assertThat(hidden / nh).isLessThan(100);
            assertThat(seen / ns).isGreaterThan(200);
        }
    }

    private static int firstAbove(float[] d, int y, float level, int start, int step) {
        for (int x = start; x >= 0 && x < W; x += step) {
            if (d[y * W + x] > level) {
                return x;
            }
        }
        return -1;
    }

    private static double meanError(ConstructedPair p, float[] d) {
        double sum = 0;
        int n = 0;
        for (int y = 10; y < H - 10; y++) {
            for (int x = 48; x < W - 10; x++) {
                int i = y * W + x;
                if (!Float.isNaN(d[i])) {
                    sum += Math.abs(d[i] - p.truth[i]);
                    n++;
                }
            }
        }
        return sum / n;
    }
}
