package io.github.stereostation.calibration;

import org.opencv.core.Mat;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * Watches a live rig's rectification: every few frames it matches sparse features on the rectified pair and
 * measures how far matches are from the same row, fits the turn of the right camera that would explain it
 * ({@link RowAlignmentFit}) to see a disparity shift that rows hardly show, and keeps the last minute of checks
 * for the trend. The reported figures are the median of the last three checks, so one poor frame (a hand in
 * front of the cameras) does not flip the verdict. Thread-safe; owns the matcher's scratch Mats (AutoCloseable).
 */
public final class RigHealthMonitor implements AutoCloseable {
    /** Checks kept for the trend. */
    static final long WINDOW_NANOS = 60_000_000_000L;
    /** Fewer matches than this in a check tell nothing. */
    static final int MIN_MATCHES = 30;

    private final double focalPx;
    private final double cxPx;
    private final double cyPx;
    private final int everyFrames;
    private final StereoFeatureMatcher matcher = new StereoFeatureMatcher();
    private final Deque<Sample> samples = new ArrayDeque<>();
    private volatile RigHealth latest = RigHealth.UNKNOWN;

    private record Sample(long nanos, double rowErrorPx, double sidePx, double shiftPx, double shiftSigmaPx,
                          double medianDisparityPx, int count) {
    }

    /**
     * @param focalPx     focal length of the rectified views, pixels
     * @param cxPx        principal point of the rectified views (both; zero disparity at infinity)
     * @param everyFrames check one frame in this many
     */
    public RigHealthMonitor(double focalPx, double cxPx, double cyPx, int everyFrames) {
        if (!(focalPx > 0) || everyFrames < 1) {
            throw new IllegalArgumentException("need focal > 0 and a check every >= 1 frames");
        }
        this.focalPx = focalPx;
        this.cxPx = cxPx;
        this.cyPx = cyPx;
        this.everyFrames = everyFrames;
    }

    /** For pairs rectified with this geometry (its left projection's focal length and principal point). */
    public static RigHealthMonitor forGeometry(RectificationGeometry g, int everyFrames) {
        return new RigHealthMonitor(g.p1()[0], g.p1()[2], g.p1()[6], everyFrames);
    }

    /** Whether frame number {@code frame} (counting from 0) is one to check. */
    public boolean due(long frame) {
        return frame % everyFrames == 0;
    }

    public RigHealth latest() {
        return latest;
    }

    /** Checks one rectified pair taken at {@code nanos} (any monotonic clock) and returns the updated health. */
    public RigHealth check(Mat rectifiedLeft, Mat rectifiedRight, long nanos) {
        FeatureMatches m;
        synchronized (matcher) {
            m = matcher.match(rectifiedLeft, rectifiedRight);
        }
        return add(m, nanos);
    }

    /** Adds the matches of one rectified pair taken at {@code nanos}; returns the updated health. */
    public synchronized RigHealth add(FeatureMatches m, long nanos) {
        while (!samples.isEmpty() && samples.peekFirst().nanos < nanos - WINDOW_NANOS) {
            samples.removeFirst();
        }
        if (m.count() >= MIN_MATCHES) {
            samples.addLast(sample(m, nanos));
        }
        latest = summarize();
        return latest;
    }

    private Sample sample(FeatureMatches m, long nanos) {
        int n = m.count();
        double[] dy = m.rowDifferences();
        double[] abs = new double[n];
        double[] disparity = new double[n];
        double[] l = new double[2 * n];
        double[] r = new double[2 * n];
        for (int i = 0; i < n; i++) {
            abs[i] = Math.abs(dy[i]);
            disparity[i] = m.left()[2 * i] - m.right()[2 * i];
            l[2 * i] = (m.left()[2 * i] - cxPx) / focalPx;
            l[2 * i + 1] = (m.left()[2 * i + 1] - cyPx) / focalPx;
            r[2 * i] = (m.right()[2 * i] - cxPx) / focalPx;
            r[2 * i + 1] = (m.right()[2 * i + 1] - cyPx) / focalPx;
        }
        Arrays.sort(abs);
        Arrays.sort(disparity);
        RowAlignmentFit fit = RowAlignmentFit.of(l, r, focalPx, false);
        double shift = fit == null ? Double.NaN : focalPx * fit.rotation()[1];
        double sigma = fit == null ? Double.NaN : focalPx * fit.sigmaRotation()[1];
        return new Sample(nanos, percentile(abs, 0.5), percentile(abs, 0.9), shift, sigma, percentile(disparity, 0.5), n);
    }

    private RigHealth summarize() {
        if (samples.isEmpty()) {
            return RigHealth.UNKNOWN;
        }
        Sample[] recent = samples.stream().skip(Math.max(0, samples.size() - 3)).toArray(Sample[]::new);
        double row = median(recent, Sample::rowErrorPx);
        double side = median(recent, Sample::sidePx);
        double shift = median(recent, Sample::shiftPx);
        double sigma = median(recent, Sample::shiftSigmaPx);
        double disparity = median(recent, Sample::medianDisparityPx);
        int count = (int) median(recent, s -> s.count);
        boolean shiftKnown = Double.isFinite(shift) && Double.isFinite(sigma) && Math.abs(shift) > 4 * sigma;
        double depthPercent = shiftKnown && disparity > 1 ? 100 * shift / disparity : Double.NaN;
        RigHealth.Verdict v;
        if (row > RigHealth.MOVED_PX || side > RigHealth.MOVED_SIDES_PX
                || (shiftKnown && Math.abs(shift) > RigHealth.MOVED_DISPARITY_PX)) {
            v = RigHealth.Verdict.MOVED;
        } else if (row > RigHealth.GOOD_PX || side > 2 * RigHealth.GOOD_PX) {
            v = RigHealth.Verdict.SLIGHTLY_OFF;
        } else {
            v = RigHealth.Verdict.GOOD;
        }
        return new RigHealth(v, row, side, shiftKnown ? shift : Double.NaN, depthPercent, trend(), count);
    }

    /** Least-squares slope of the row error over the window, px per minute; NaN until 5 checks span 10 s. */
    private double trend() {
        if (samples.size() < 5 || samples.peekLast().nanos - samples.peekFirst().nanos < 10_000_000_000L) {
            return Double.NaN;
        }
        long t0 = samples.peekFirst().nanos;
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        int n = 0;
        for (Sample s : samples) {
            double x = (s.nanos - t0) / 60e9;
            sx += x;
            sy += s.rowErrorPx;
            sxx += x * x;
            sxy += x * s.rowErrorPx;
            n++;
        }
        double den = n * sxx - sx * sx;
        return den > 0 ? (n * sxy - sx * sy) / den : Double.NaN;
    }

    private static double median(Sample[] s, java.util.function.ToDoubleFunction<Sample> f) {
        double[] v = Arrays.stream(s).mapToDouble(f).toArray();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    static double percentile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
    }

    @Override
    public void close() {
        synchronized (matcher) {
            matcher.close();
        }
    }
}
