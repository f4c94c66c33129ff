package io.github.stereostation.capture;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class StereoPairerTest {
    private static final long PERIOD = 33_333_333L; // 30 fps

    /** The truth of one synthetic stream pair: who exists, when. */
    private record Stream(long[] leftNanos, long[] rightNanos, Set<Integer> dropLeft, Set<Integer> dropRight) {
    }

    /**
     * Left and right exposures at 30 fps with independent jitter of +-jitterMs each, the right camera offset by
     * offsetMs, and some frames dropped on either side (never next to a drop of the other side, where "which
     * frame was the partner" has no single answer).
     */
    private static Stream stream(int n, double jitterMs, double offsetMs, double dropRate, long seed) {
        Random rnd = new Random(seed);
        long[] l = new long[n];
        long[] r = new long[n];
        Set<Integer> dl = new HashSet<>();
        Set<Integer> dr = new HashSet<>();
        for (int i = 0; i < n; i++) {
            l[i] = 1_000_000_000L + i * PERIOD + Math.round((rnd.nextDouble() * 2 - 1) * jitterMs * 1e6);
            r[i] = 1_000_000_000L + i * PERIOD + Math.round((offsetMs + (rnd.nextDouble() * 2 - 1) * jitterMs) * 1e6);
            double u = rnd.nextDouble();
            if (u < dropRate && i > 0 && !dr.contains(i - 1) && !dr.contains(i)) {
                dl.add(i);
            } else if (u > 1 - dropRate && i > 0 && !dl.contains(i - 1) && !dl.contains(i)) {
                dr.add(i);
            }
        }
        // A left drop at i and a right drop at i+1 would also be ambiguous.
        dr.removeIf(i -> dl.contains(i - 1) || dl.contains(i + 1));
        return new Stream(l, r, dl, dr);
    }

    private record Outcome(List<Integer> delivered, List<Double> deliveredSkews, PairingStats stats,
                           int listenerCalls, List<Double> listenerSkews) {
    }

    /** Feeds the pairer as a live capture loop does: one frame per side per round, polling after each round. */
    private static Outcome runLive(Stream s, double boundMs) {
        List<Integer> delivered = new ArrayList<>();
        List<Double> skews = new ArrayList<>();
        List<Double> heard = new ArrayList<>();
        try (StereoPairer p = new StereoPairer(boundMs)) {
            p.listener((l, r, skew, ok) -> heard.add(skew));
            for (int i = 0; i < s.leftNanos().length; i++) {
                if (!s.dropLeft().contains(i)) {
                    p.offerLeft(new TimedFrame(TestFrames.labelled(i), s.leftNanos()[i], i));
                }
                if (!s.dropRight().contains(i)) {
                    p.offerRight(new TimedFrame(TestFrames.labelled(i), s.rightNanos()[i], i));
                }
                drain(p, delivered, skews);
            }
            p.finish();
            drain(p, delivered, skews);
            return new Outcome(delivered, skews, p.stats(), heard.size(), heard);
        }
    }

    private static void drain(StereoPairer p, List<Integer> delivered, List<Double> skews) {
        for (StereoFrame next = p.poll(); next != null; next = p.poll()) {
            try (StereoFrame f = next) {
                int l = TestFrames.label(f.left());
                int r = TestFrames.label(f.right());
                assertThat(r).as("left and right of one pair come from the same exposure").isEqualTo(l);
                assertThat(f.sequence()).isEqualTo(delivered.size());
                delivered.add(l);
                skews.add(f.skewMillis());
            }
        }
    }

    private static void assertMatchesTruth(Stream s, double boundMs, Outcome o) {
        List<Integer> expected = new ArrayList<>();
        List<Double> expectedSkews = new ArrayList<>();
        int expectedDropped = 0;
        double maxDropped = 0;
        int unmatchedLeft = 0;
        int unmatchedRight = 0;
        for (int i = 0; i < s.leftNanos().length; i++) {
            boolean hasL = !s.dropLeft().contains(i);
            boolean hasR = !s.dropRight().contains(i);
            if (hasL && hasR) {
                double skew = Math.abs(s.leftNanos()[i] - s.rightNanos()[i]) / 1e6;
                if (skew <= boundMs) {
                    expected.add(i);
                    expectedSkews.add(skew);
                } else {
                    expectedDropped++;
                    maxDropped = Math.max(maxDropped, skew);
                }
            } else if (hasL) {
                unmatchedLeft++;
            } else if (hasR) {
                unmatchedRight++;
            }
        }
        assertThat(o.delivered()).isEqualTo(expected);
        assertThat(o.deliveredSkews()).isEqualTo(expectedSkews);
        PairingStats st = o.stats();
        assertThat(st.delivered()).isEqualTo(expected.size());
        assertThat(st.dropped()).isEqualTo(expectedDropped);
        assertThat(st.unmatchedLeft()).isEqualTo(unmatchedLeft);
        assertThat(st.unmatchedRight()).isEqualTo(unmatchedRight);
        assertThat(st.meanSkewMillis()).isCloseTo(expectedSkews.stream().mapToDouble(d -> d).average().orElse(0), within(1e-9));
        assertThat(st.maxSkewMillis()).isCloseTo(expectedSkews.stream().mapToDouble(d -> d).max().orElse(0), within(1e-9));
        assertThat(st.maxDroppedSkewMillis()).isCloseTo(maxDropped, within(1e-9));
        assertThat(o.listenerCalls()).as("every pair's skew is reported").isEqualTo(expected.size() + expectedDropped);
    }

    @Test
    void deliversExactlyThePairsWithinTheBoundUnderJitterAndDrops() {
        Stream s = stream(600, 6, 0, 0.05, 42);
        assertThat(s.dropLeft()).isNotEmpty();
        assertThat(s.dropRight()).isNotEmpty();
        Outcome o = runLive(s, 8);
        assertMatchesTruth(s, 8, o);
        // The case is not trivial: some pairs are over the bound and dropped.
        assertThat(o.stats().dropped()).isPositive();
        assertThat(o.stats().delivered()).isGreaterThan(300);
    }

    @Test
    void aConstantOffsetBetweenCamerasIsMeasuredAsSkew() {
        Stream s = stream(200, 1, 5, 0.0, 7);
        Outcome o = runLive(s, 12);
        assertMatchesTruth(s, 12, o);
        assertThat(o.stats().meanSkewMillis()).isCloseTo(5, within(0.5));
        assertThat(o.stats().dropped()).isZero();
    }

    @Test
    void aTightBoundDropsMostPairsAndSaysSo() {
        Stream s = stream(300, 6, 0, 0.03, 3);
        Outcome o = runLive(s, 2);
        assertMatchesTruth(s, 2, o);
        assertThat(o.stats().dropped()).isGreaterThan(o.stats().delivered());
    }

    @Test
    void aSilentCameraDoesNotGrowMemoryAndItsFramesCountAsUnmatched() {
        try (StereoPairer p = new StereoPairer(10)) {
            for (int i = 0; i < 100; i++) {
                p.offerLeft(new TimedFrame(TestFrames.labelled(i), i * PERIOD, i));
            }
            assertThat(p.poll()).isNull();
            p.finish();
            assertThat(p.stats().unmatchedLeft()).isEqualTo(100);
            assertThat(p.stats().delivered()).isZero();
        }
    }
}
