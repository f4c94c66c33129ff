package io.github.stereostation.depth;

import org.opencv.core.Mat;
import org.opencv.core.MatOfKeyPoint;
import org.opencv.core.KeyPoint;
import org.opencv.features2d.ORB;
import org.opencv.imgproc.Imgproc;

import java.util.Arrays;

/**
 * Chooses the disparity search range from the images themselves, so nobody has to guess numDisparities:
 * sparse ORB matches that lie on the same row (rectified pair), pass a ratio test and agree with their
 * neighbours give a sample of true disparities; the largest of them plus a margin, rounded up to OpenCV's multiple of 16, is the range.
 */
public final class DisparityRangeEstimator {

    /** Result of an estimate: the range and how it was found. */
    public record Estimate(int numDisparities, int matches, double largestMatchedDisparity, boolean fallback) {
    }

    private static final int MIN_MATCHES = 12;
    private static final double RATIO = 0.75;
    private static final double ROW_TOLERANCE_PX = 2.0;
    private static final int MIN_SUPPORT = 2;

    private DisparityRangeEstimator() {
    }

    /** Estimates the range for a rectified pair (8-bit grey or BGR, same size). */
    public static Estimate estimate(Mat left, Mat right) {
        int width = left.cols();
        Mat gl = grey(left);
        Mat gr = grey(right);
        ORB orb = ORB.create(3000);
        MatOfKeyPoint kl = new MatOfKeyPoint();
        MatOfKeyPoint kr = new MatOfKeyPoint();
        Mat dl = new Mat();
        Mat dr = new Mat();
        Mat noMask = new Mat();
        try {
            orb.detectAndCompute(gl, noMask, kl, dl);
            orb.detectAndCompute(gr, noMask, kr, dr);
            double[] dx = rowMatches(kl.toArray(), dl, kr.toArray(), dr);
            int n = dx.length;
            int maxRange = Math.max(16, width / 16 * 16);
            if (n < MIN_MATCHES) {
                // too little texture to measure: a quarter of the width covers typical desk rigs
                int fallback = Math.min(maxRange, MatcherSettings.roundUpTo16(Math.max(64, width / 4)));
                return new Estimate(fallback, n, Double.NaN, true);
            }
            // outliers are already gone (see supported()), so the largest supported match is the nearest
            // textured surface; the margin covers untextured surfaces a little nearer than any feature
            double p = Arrays.stream(dx).max().orElse(0);
            int range = MatcherSettings.roundUpTo16((int) Math.ceil(p * 1.08 + 6));
            return new Estimate(Math.min(maxRange, Math.max(16, range)), n, p, false);
        } finally {
            if (gl != left) {
                gl.release();
            }
            if (gr != right) {
                gr.release();
            }
            kl.release();
            kr.release();
            dl.release();
            dr.release();
            noMask.release();
        }
    }

    /**
     * Matches each left feature only against right features on the same rows (|dy| within tolerance) with
     * a non-negative disparity: the epipolar constraint shrinks the candidate set, so the ratio test rejects
     * far fewer true matches on repetitive texture than an unconstrained nearest-neighbour search would.
     */
    static double[] rowMatches(KeyPoint[] pl, Mat dl, KeyPoint[] pr, Mat dr) {
        if (pl.length == 0 || pr.length == 0 || dl.empty() || dr.empty()) {
            return new double[0];
        }
        int bytes = dl.cols();
        byte[] a = new byte[pl.length * bytes];
        byte[] b = new byte[pr.length * bytes];
        dl.get(0, 0, a);
        dr.get(0, 0, b);
        Integer[] order = new Integer[pr.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (i, j) -> Double.compare(pr[i].pt.y, pr[j].pt.y));
        double[] ys = new double[order.length];
        for (int i = 0; i < order.length; i++) {
            ys[i] = pr[order[i]].pt.y;
        }
        double[] mx = new double[pl.length];
        double[] my = new double[pl.length];
        double[] md = new double[pl.length];
        int n = 0;
        for (int i = 0; i < pl.length; i++) {
            double y = pl[i].pt.y;
            double x = pl[i].pt.x;
            int lo = lowerBound(ys, y - ROW_TOLERANCE_PX);
            int best = Integer.MAX_VALUE;
            int second = Integer.MAX_VALUE;
            double bestDx = 0;
            for (int k = lo; k < ys.length && ys[k] <= y + ROW_TOLERANCE_PX; k++) {
                int j = order[k];
                double d = x - pr[j].pt.x;
                if (d < 0) {
                    continue;
                }
                int dist = hamming(a, i * bytes, b, j * bytes, bytes);
                if (dist < best) {
                    second = best;
                    best = dist;
                    bestDx = d;
                } else if (dist < second) {
                    second = dist;
                }
            }
            if (best < 64 && best < RATIO * second) {
                mx[n] = x;
                my[n] = y;
                md[n++] = bestDx;
            }
        }
        return supported(mx, my, md, n);
    }

    /**
     * Keeps matches whose disparity at least {@link #MIN_SUPPORT} nearby matches agree with: surfaces are
     * locally smooth, while a wrong match on repetitive texture lands on an isolated, arbitrary disparity.
     */
    private static double[] supported(double[] x, double[] y, double[] d, int n) {
        double maxX = 0;
        for (int i = 0; i < n; i++) {
            maxX = Math.max(maxX, x[i]);
        }
        double radius = Math.max(24, maxX * 0.05);
        double[] out = new double[n];
        int kept = 0;
        for (int i = 0; i < n; i++) {
            int support = 0;
            double tol = Math.max(2, 0.05 * d[i]);
            for (int j = 0; j < n && support < MIN_SUPPORT; j++) {
                if (j != i && Math.abs(x[j] - x[i]) <= radius && Math.abs(y[j] - y[i]) <= radius
                        && Math.abs(d[j] - d[i]) <= tol) {
                    support++;
                }
            }
            if (support >= MIN_SUPPORT) {
                out[kept++] = d[i];
            }
        }
        return Arrays.copyOf(out, kept);
    }

    private static int lowerBound(double[] sorted, double v) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static int hamming(byte[] a, int ia, byte[] b, int ib, int len) {
        int d = 0;
        for (int k = 0; k < len; k++) {
            d += Integer.bitCount((a[ia + k] ^ b[ib + k]) & 0xff);
        }
        return d;
    }

    static Mat grey(Mat m) {
        if (m.channels() == 1) {
            return m;
        }
        Mat g = new Mat();
        Imgproc.cvtColor(m, g, m.channels() == 4 ? Imgproc.COLOR_BGRA2GRAY : Imgproc.COLOR_BGR2GRAY);
        return g;
    }
}
