package io.github.stereostation.cloud;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

import java.util.Arrays;
import java.util.Locale;

/**
 * Measuring in a disparity map of a rectified rig: the 3D distance between two pixels and a plane fitted to a
 * rectangle, each with the uncertainty that the disparity noise and the calibration give it.
 * <p>
 * A point is x = (u - cx)·Z/f, y = (v - cy)·Z/f, Z = f·B/(d + offset). Its disparity is read from a robust plane
 * fitted to the 7x7 pixels around it (a plane in space is a plane in (u, v, d)), which also gives the local
 * disparity noise as the RMS of the fit's inliers (at least {@link #MIN_DISPARITY_SIGMA_PX}: matchers err
 * together over their block, so averaging neighbours does not shrink it); σ_d adds the matcher's sub-pixel bias
 * {@link #SUBPIXEL_BIAS_PX} to it in quadrature. Every coordinate scales with
 * 1/(d + offset), so ∂P/∂d = -P/(d + offset), and the distance D = |P1 - P2| has
 * σ_D² = Σᵢ ((P1 - P2)·Pᵢ / (D·(dᵢ + offset)))²·σ_dᵢ² + (D·σ_scale)², where σ_scale is the relative
 * uncertainty of the calibration's scale (baseline and focal length). Distances are stated at 95 % (±1.96 σ).
 */
public final class StereoMeasure {
    /** Half-size of the window around a measured pixel. */
    static final int RADIUS = 3;
    /** Floor of the local disparity noise: sub-pixel interpolation and block effects of the matchers. */
    public static final double MIN_DISPARITY_SIGMA_PX = 0.1;
    /**
     * Systematic sub-pixel error of block and semi-global matchers (the parabola fit "locks" towards whole
     * pixels): the median error over the synthetic desk is -0.15 px with the default preset (-0.2 px on its back
     * wall). Noise averages out between neighbours; this does not, so it is added to every point's disparity
     * uncertainty.
     */
    public static final double SUBPIXEL_BIAS_PX = 0.15;
    /** Two-sided 95 % of a normal distribution. */
    public static final double Z95 = 1.96;

    private final double focalPx;
    private final double baselineMetres;
    private final double offsetPx;
    private final double cxPx;
    private final double cyPx;
    private final double scaleSigma;

    /**
     * @param scaleSigma relative uncertainty of the calibration's scale (0 for a rig known exactly, such as the
     *                   synthetic one; about 0.005 after a good board calibration)
     */
    public StereoMeasure(double focalPx, double baselineMetres, double offsetPx, double cxPx, double cyPx,
                         double scaleSigma) {
        if (!(focalPx > 0) || !(baselineMetres > 0) || !(scaleSigma >= 0)) {
            throw new IllegalArgumentException("need focal > 0, baseline > 0 and a scale uncertainty >= 0");
        }
        this.focalPx = focalPx;
        this.baselineMetres = baselineMetres;
        this.offsetPx = offsetPx;
        this.cxPx = cxPx;
        this.cyPx = cyPx;
        this.scaleSigma = scaleSigma;
    }

    /** A measured point: metres in the left rectified camera's frame, with its disparity and that one's noise. */
    public record Point(double x, double y, double z, double disparityPx, double disparitySigmaPx, int u, int v) {
    }

    /** A distance, metres, with its standard uncertainty. */
    public record Distance(Point a, Point b, double metres, double sigmaMetres) {
        /** Half-width of the 95 % interval, metres. */
        public double plusMinusMetres() {
            return Z95 * sigmaMetres;
        }

        /** "412.3 mm ± 2.1 mm (95 %)". */
        public String text() {
            return String.format(Locale.ROOT, "%.1f mm ± %.1f mm (95 %%)", 1000 * metres, 1000 * plusMinusMetres());
        }
    }

    /** A plane fitted to the points of a rectangle. */
    public record PlaneFit(double[] normal, double distanceMetres, double rmsMetres, double expectedRmsMetres,
                           double disparitySigmaPx, int points, int outliers) {
        /** "plane: RMS 1.8 mm over 5230 points (disparity noise 0.08 px predicts 1.7 mm), tilted 12.0° from facing". */
        public String text() {
            double tilt = Math.toDegrees(Math.acos(Math.min(1, Math.abs(normal[2]))));
            return String.format(Locale.ROOT, "plane: RMS %.1f mm over %d points (disparity noise %.2f px predicts "
                            + "%.1f mm), %.2f m away, tilted %.1f° from facing the camera", 1000 * rmsMetres, points,
                    disparitySigmaPx, 1000 * expectedRmsMetres, distanceMetres, tilt);
        }
    }

    /**
     * The point at pixel (u, v) of a CV_32F disparity map (NaN = none), or null when fewer than half of the
     * pixels around it have a disparity.
     */
    public Point point(float[] disparity, int width, int height, int u, int v) {
        int n = 0;
        double[] du = new double[(2 * RADIUS + 1) * (2 * RADIUS + 1)];
        double[] dv = new double[du.length];
        double[] d = new double[du.length];
        for (int y = Math.max(0, v - RADIUS); y <= Math.min(height - 1, v + RADIUS); y++) {
            for (int x = Math.max(0, u - RADIUS); x <= Math.min(width - 1, u + RADIUS); x++) {
                float value = disparity[y * width + x];
                if (Float.isFinite(value) && value + offsetPx > 0) {
                    du[n] = x - u;
                    dv[n] = y - v;
                    d[n] = value;
                    n++;
                }
            }
        }
        if (n < du.length / 2) {
            return null;
        }
        double[] fit = robustPlane(du, dv, d, n);
        if (fit == null || !(fit[0] + offsetPx > 0)) {
            return null;
        }
        double noise = Math.max(MIN_DISPARITY_SIGMA_PX, fit[3]);
        return at(u, v, fit[0], Math.sqrt(noise * noise + SUBPIXEL_BIAS_PX * SUBPIXEL_BIAS_PX));
    }

    /** The point at pixel (u, v) with disparity d (pixels) known to ±sigma (one standard deviation). */
    public Point at(int u, int v, double disparityPx, double sigmaPx) {
        double z = focalPx * baselineMetres / (disparityPx + offsetPx);
        return new Point((u - cxPx) * z / focalPx, (v - cyPx) * z / focalPx, z, disparityPx, sigmaPx, u, v);
    }

    /** Distance between two points with its uncertainty (disparity noise of both, calibration scale). */
    public Distance distance(Point a, Point b) {
        double dx = a.x - b.x, dy = a.y - b.y, dz = a.z - b.z;
        double dist = Math.sqrt(dx * dx + dy * dy + dz * dz);
        if (dist == 0) {
            return new Distance(a, b, 0, 0);
        }
        // ∂D/∂d_a = (P_a - P_b)·(-P_a/(d_a + offset)) / D, and with the opposite sign for b
        double ga = -(dx * a.x + dy * a.y + dz * a.z) / (dist * (a.disparityPx + offsetPx));
        double gb = (dx * b.x + dy * b.y + dz * b.z) / (dist * (b.disparityPx + offsetPx));
        double var = ga * ga * a.disparitySigmaPx * a.disparitySigmaPx + gb * gb * b.disparitySigmaPx * b.disparitySigmaPx
                + dist * dist * scaleSigma * scaleSigma;
        return new Distance(a, b, dist, Math.sqrt(var));
    }

    /**
     * Fits a plane to the points of the rectangle [x0, x1) x [y0, y1) (least squares on the orthogonal distances,
     * refitted without points more than 3 RMS off), with the RMS the disparity noise alone would give.
     *
     * @return the fit, or null when fewer than 10 pixels of the rectangle have a disparity
     */
    public PlaneFit fitPlane(float[] disparity, int width, int height, int x0, int y0, int x1, int y1) {
        x0 = Math.max(0, x0);
        y0 = Math.max(0, y0);
        x1 = Math.min(width, x1);
        y1 = Math.min(height, y1);
        int cap = Math.max(0, (x1 - x0) * (y1 - y0));
        double[] px = new double[cap], py = new double[cap], pz = new double[cap];
        double[] du = new double[cap], dv = new double[cap], dd = new double[cap];
        int n = 0;
        for (int v = y0; v < y1; v++) {
            for (int u = x0; u < x1; u++) {
                float d = disparity[v * width + u];
                if (Float.isFinite(d) && d + offsetPx > 0) {
                    Point p = at(u, v, d, 0);
                    px[n] = p.x;
                    py[n] = p.y;
                    pz[n] = p.z;
                    du[n] = u;
                    dv[n] = v;
                    dd[n] = d;
                    n++;
                }
            }
        }
        if (n < 10) {
            return null;
        }
        boolean[] keep = new boolean[n];
        Arrays.fill(keep, true);
        double[] plane = fit3d(px, py, pz, keep, n);
        double rms = rms(plane, px, py, pz, keep, n);
        int outliers = 0;
        for (int i = 0; i < n; i++) {
            double dist = Math.abs(plane[0] * px[i] + plane[1] * py[i] + plane[2] * pz[i] - plane[3]);
            keep[i] = dist <= 3 * rms;
            outliers += keep[i] ? 0 : 1;
        }
        plane = fit3d(px, py, pz, keep, n);
        rms = rms(plane, px, py, pz, keep, n);
        // the disparity noise: a plane in space is a plane in (u, v, d); its RMS there, carried to metres
        double[] dPlane = robustPlane(du, dv, dd, n);
        double sigmaD = dPlane == null ? Double.NaN : dPlane[3];
        double zMean = 0, meanDisparity = 0;
        int kept = 0;
        for (int i = 0; i < n; i++) {
            if (keep[i]) {
                zMean += pz[i] * pz[i];
                meanDisparity += dd[i];
                kept++;
            }
        }
        // σ_Z = Z²·σ_d/(f·B), seen along the plane's normal (RMS over the points)
        double expected = Math.sqrt(zMean / kept) * Math.sqrt(zMean / kept) * sigmaD / (focalPx * baselineMetres)
                * Math.abs(plane[2]);
        return new PlaneFit(new double[] {plane[0], plane[1], plane[2]}, plane[3], rms, expected, sigmaD, kept,
                outliers);
    }

    /** Plane n·p = c with |n| = 1 and n facing the camera (n_z < 0 flipped to c > 0): {nx, ny, nz, c}. */
    private static double[] fit3d(double[] x, double[] y, double[] z, boolean[] keep, int n) {
        double mx = 0, my = 0, mz = 0;
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (keep[i]) {
                mx += x[i];
                my += y[i];
                mz += z[i];
                k++;
            }
        }
        mx /= k;
        my /= k;
        mz /= k;
        double[] c = new double[9];
        for (int i = 0; i < n; i++) {
            if (keep[i]) {
                double a = x[i] - mx, b = y[i] - my, e = z[i] - mz;
                c[0] += a * a;
                c[1] += a * b;
                c[2] += a * e;
                c[4] += b * b;
                c[5] += b * e;
                c[8] += e * e;
            }
        }
        c[3] = c[1];
        c[6] = c[2];
        c[7] = c[5];
        Mat cov = new Mat(3, 3, CvType.CV_64F);
        Mat values = new Mat();
        Mat vectors = new Mat();
        try {
            cov.put(0, 0, c);
            Core.eigen(cov, values, vectors);
            double[] nrm = new double[3];
            vectors.get(2, 0, nrm); // eigenvalues descend: the last row is the normal
            double dist = nrm[0] * mx + nrm[1] * my + nrm[2] * mz;
            if (dist < 0) {
                nrm[0] = -nrm[0];
                nrm[1] = -nrm[1];
                nrm[2] = -nrm[2];
                dist = -dist;
            }
            return new double[] {nrm[0], nrm[1], nrm[2], dist};
        } finally {
            cov.release();
            values.release();
            vectors.release();
        }
    }

    private static double rms(double[] p, double[] x, double[] y, double[] z, boolean[] keep, int n) {
        double s = 0;
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (keep[i]) {
                double e = p[0] * x[i] + p[1] * y[i] + p[2] * z[i] - p[3];
                s += e * e;
                k++;
            }
        }
        return Math.sqrt(s / k);
    }

    /**
     * Least-squares d = a + b·u + c·v, refitted twice on the points within 3 robust sigmas (at least 0.5 px):
     * {a, b, c, RMS of the inliers}; null when degenerate.
     */
    static double[] robustPlane(double[] u, double[] v, double[] d, int n) {
        boolean[] keep = new boolean[n];
        Arrays.fill(keep, true);
        double[] p = null;
        for (int round = 0; round < 3; round++) {
            double[] m = new double[9];
            double[] r = new double[3];
            int k = 0;
            for (int i = 0; i < n; i++) {
                if (!keep[i]) {
                    continue;
                }
                double[] row = {1, u[i], v[i]};
                for (int a = 0; a < 3; a++) {
                    r[a] += row[a] * d[i];
                    for (int b = 0; b < 3; b++) {
                        m[3 * a + b] += row[a] * row[b];
                    }
                }
                k++;
            }
            if (k < 4) {
                return p;
            }
            double[] s = solve3(m, r);
            if (s == null) {
                return p;
            }
            double[] res = new double[n];
            double ss = 0;
            for (int i = 0; i < n; i++) {
                res[i] = Math.abs(d[i] - s[0] - s[1] * u[i] - s[2] * v[i]);
                if (keep[i]) {
                    ss += res[i] * res[i];
                }
            }
            p = new double[] {s[0], s[1], s[2], Math.sqrt(ss / k)};
            double[] sorted = res.clone();
            Arrays.sort(sorted);
            double limit = Math.max(0.5, 3 * 1.4826 * sorted[n / 2]);
            for (int i = 0; i < n; i++) {
                keep[i] = res[i] <= limit;
            }
        }
        return p;
    }

    private static double[] solve3(double[] m, double[] r) {
        double det = m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6])
                + m[2] * (m[3] * m[7] - m[4] * m[6]);
        if (Math.abs(det) < 1e-12) {
            return null;
        }
        double[] x = new double[3];
        for (int c = 0; c < 3; c++) {
            double[] t = m.clone();
            for (int row = 0; row < 3; row++) {
                t[3 * row + c] = r[row];
            }
            x[c] = (t[0] * (t[4] * t[8] - t[5] * t[7]) - t[1] * (t[3] * t[8] - t[5] * t[6])
                    + t[2] * (t[3] * t[7] - t[4] * t[6])) / det;
        }
        return x;
    }
}
