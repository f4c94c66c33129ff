package io.github.stereostation.depth;

import org.opencv.core.CvType;
import org.opencv.core.Mat;

import java.util.Arrays;
import java.util.Optional;
import java.util.Random;

/**
 * The affine map {@code disparity = scale * monoInverseDepth + shift} that turns a relative mono estimate into
 * stereo disparity. Mono networks give inverse depth up to an unknown scale and shift, and disparity is
 * proportional to inverse depth, so one scale and one shift per image is the whole relation.
 *
 * <p>Fitted robustly: RANSAC over pairs of confident stereo pixels finds a model most pixels agree with, then
 * iteratively reweighted least squares (Tukey's biweight, scale from the median absolute residual) refines it,
 * so wrong stereo matches and mono artefacts do not pull the fit.
 *
 * @param scale        pixels of disparity per unit of mono inverse depth (positive)
 * @param shift        disparity at mono value 0, pixels
 * @param samples      pixel pairs used
 * @param inliers      pairs within 3 robust sigmas of the final fit
 * @param rmsResidualPx root-mean-square residual of the inliers, disparity pixels
 */
public record ScaleShiftFit(double scale, double shift, int samples, int inliers, double rmsResidualPx) {

    /** Fewer usable pixels than this and no fit is attempted. */
    public static final int MIN_SAMPLES = 50;
    /** Larger images are sampled on a grid down to about this many pairs; the fit does not need more. */
    public static final int MAX_SAMPLES = 40_000;

    public double disparityOf(double mono) {
        return scale * mono + shift;
    }

    /**
     * Fits over pixels where the disparity is finite and positive, the mono value finite, and {@code confident}
     * (CV_8U, null = every such pixel) is non-zero. Empty when fewer than {@link #MIN_SAMPLES} pixels qualify or
     * the mono map is flat over them.
     */
    public static Optional<ScaleShiftFit> fit(Mat monoInverse, Mat disparity, Mat confident) {
        if (monoInverse.type() != CvType.CV_32FC1 || disparity.type() != CvType.CV_32FC1) {
            throw new IllegalArgumentException("mono and disparity must be CV_32FC1");
        }
        if (!monoInverse.size().equals(disparity.size())
                || (confident != null && !confident.size().equals(disparity.size()))) {
            throw new IllegalArgumentException("mono " + monoInverse.size() + ", disparity " + disparity.size()
                    + (confident == null ? "" : ", mask " + confident.size()) + " differ in size");
        }
        int n = (int) disparity.total();
        float[] m = new float[n];
        float[] d = new float[n];
        monoInverse.get(0, 0, m);
        disparity.get(0, 0, d);
        byte[] ok = null;
        if (confident != null) {
            ok = new byte[n];
            confident.get(0, 0, ok);
        }
        int usable = 0;
        for (int i = 0; i < n; i++) {
            if (usable(m, d, ok, i)) {
                usable++;
            }
        }
        int stride = Math.max(1, (int) Math.ceil((double) usable / MAX_SAMPLES));
        double[] xs = new double[Math.min(usable, MAX_SAMPLES + 1)];
        double[] ys = new double[xs.length];
        int k = 0;
        int seen = 0;
        for (int i = 0; i < n && k < xs.length; i++) {
            if (usable(m, d, ok, i) && seen++ % stride == 0) {
                xs[k] = m[i];
                ys[k] = d[i];
                k++;
            }
        }
        return fit(Arrays.copyOf(xs, k), Arrays.copyOf(ys, k));
    }

    private static boolean usable(float[] m, float[] d, byte[] ok, int i) {
        return (ok == null || ok[i] != 0) && Float.isFinite(m[i]) && Float.isFinite(d[i]) && d[i] > 0;
    }

    /** Robust fit of {@code y = scale * x + shift} with a positive scale. */
    public static Optional<ScaleShiftFit> fit(double[] x, double[] y) {
        int n = x.length;
        if (n < MIN_SAMPLES) {
            return Optional.empty();
        }
        double[] sortedX = x.clone();
        Arrays.sort(sortedX);
        double xSpread = sortedX[(int) (0.95 * (n - 1))] - sortedX[(int) (0.05 * (n - 1))];
        if (!(xSpread > 0)) {
            return Optional.empty();
        }
        double[] sortedY = y.clone();
        Arrays.sort(sortedY);
        // Inlier band for RANSAC: 1 px, or 3 % of a typical disparity when disparities are large.
        double band = Math.max(1.0, 0.03 * sortedY[n / 2]);

        Random random = new Random(0x5EED);
        double bestS = Double.NaN;
        double bestT = Double.NaN;
        int bestCount = -1;
        for (int it = 0; it < 300; it++) {
            int i = random.nextInt(n);
            int j = random.nextInt(n);
            double dx = x[j] - x[i];
            if (Math.abs(dx) < 0.05 * xSpread) {
                continue; // too close together to pin down a slope
            }
            double s = (y[j] - y[i]) / dx;
            if (!(s > 0)) {
                continue;
            }
            double t = y[i] - s * x[i];
            int count = 0;
            for (int q = 0; q < n; q++) {
                if (Math.abs(y[q] - (s * x[q] + t)) < band) {
                    count++;
                }
            }
            if (count > bestCount) {
                bestCount = count;
                bestS = s;
                bestT = t;
            }
        }
        if (bestCount < 0) {
            return Optional.empty();
        }
        // Least squares on the RANSAC inliers, then Tukey-weighted refinement over all pairs.
        double[] w = new double[n];
        for (int q = 0; q < n; q++) {
            w[q] = Math.abs(y[q] - (bestS * x[q] + bestT)) < band ? 1 : 0;
        }
        double[] st = weightedLine(x, y, w);
        if (st == null) {
            return Optional.empty();
        }
        double[] r = new double[n];
        double sigma = 0;
        for (int it = 0; it < 15; it++) {
            for (int q = 0; q < n; q++) {
                r[q] = y[q] - (st[0] * x[q] + st[1]);
            }
            sigma = Math.max(1e-9, 1.4826 * medianAbs(r));
            double c = 4.685 * sigma;
            for (int q = 0; q < n; q++) {
                double u = r[q] / c;
                w[q] = Math.abs(u) < 1 ? (1 - u * u) * (1 - u * u) : 0;
            }
            double[] next = weightedLine(x, y, w);
            if (next == null) {
                break;
            }
            boolean converged = Math.abs(next[0] - st[0]) <= 1e-9 * Math.abs(st[0])
                    && Math.abs(next[1] - st[1]) <= 1e-9 * (Math.abs(st[1]) + 1);
            st = next;
            if (converged) {
                break;
            }
        }
        if (!(st[0] > 0)) {
            return Optional.empty();
        }
        int inliers = 0;
        double sq = 0;
        for (int q = 0; q < n; q++) {
            double res = y[q] - (st[0] * x[q] + st[1]);
            if (Math.abs(res) < 3 * sigma) {
                inliers++;
                sq += res * res;
            }
        }
        return Optional.of(new ScaleShiftFit(st[0], st[1], n, inliers, inliers == 0 ? Double.NaN : Math.sqrt(sq / inliers)));
    }

    /** Weighted least-squares line; null when the weighted x values have no spread. */
    private static double[] weightedLine(double[] x, double[] y, double[] w) {
        double sw = 0;
        double sx = 0;
        double sy = 0;
        for (int q = 0; q < x.length; q++) {
            sw += w[q];
            sx += w[q] * x[q];
            sy += w[q] * y[q];
        }
        if (sw <= 0) {
            return null;
        }
        double mx = sx / sw;
        double my = sy / sw;
        double sxx = 0;
        double sxy = 0;
        for (int q = 0; q < x.length; q++) {
            double dx = x[q] - mx;
            sxx += w[q] * dx * dx;
            sxy += w[q] * dx * (y[q] - my);
        }
        if (!(sxx > 0)) {
            return null;
        }
        double s = sxy / sxx;
        return new double[]{s, my - s * mx};
    }

    private static double medianAbs(double[] r) {
        double[] a = new double[r.length];
        for (int i = 0; i < r.length; i++) {
            a[i] = Math.abs(r[i]);
        }
        Arrays.sort(a);
        return a[a.length / 2];
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "disparity = %.4f * mono %+.4f (%d of %d pixels agree, rms %.3f px)",
                scale, shift, inliers, samples, rmsResidualPx);
    }
}
