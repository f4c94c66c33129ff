package io.github.stereostation.calibration;

import io.github.stereostation.geometry.Matrix3;

/**
 * The small turn of the right camera (and, optionally, a vertical shift of its image) that best explains the
 * row errors of matches on a rectified pair. In the rectified frames the baseline runs along x, so a left ray
 * l and the right ray r of the same point lie on the same row when the turned right ray R(ω)·r has the same
 * y/z as l. Each axis leaves its own pattern in the rows (rectified pixel x, y from the principal point, focal f):
 * <ul>
 *   <li>about x (the baseline; pitch): every row shifts by about f·ω (2.9 px for 0.3° at f = 560 px);</li>
 *   <li>about z (the optical axis; roll): rows tilt, the shift grows with x (x·ω: ±1.7 px at the sides);</li>
 *   <li>about y (the vertical; yaw): rows barely move (x·y/f·ω, under 0.7 px in the corners) but every
 *       disparity shifts by f·ω, so distances go wrong by several per cent; only that faint pattern shows it.</li>
 * </ul>
 * Solved by Gauss-Newton on the rectified row error with Huber weights, so a few mismatches do not pull it.
 *
 * @param rotation            ω, radians, about the rectified right camera's x, y, z axes
 * @param verticalShiftPx     shift of the right image's rows, rectified pixels (0 when not estimated)
 * @param shiftEstimated      whether the shift was estimated (the data separated it from a turn about x)
 * @param sigmaRotation       standard errors of ω, radians
 * @param residualRmsPx       RMS row error left after the fit (inliers), pixels
 * @param count               matches used
 */
record RowAlignmentFit(double[] rotation, double verticalShiftPx, boolean shiftEstimated, double[] sigmaRotation,
                       double residualRmsPx, int count) {

    /** Fewer matches than this give no fit. */
    static final int MIN_MATCHES = 12;

    /**
     * Fits matches given as normalized rectified coordinates: left (x, y) and right (x, y) per match, i.e.
     * ((u - cx) / f, (v - cy) / f).
     *
     * @param focalPx  rectified focal length, to weigh residuals in pixels
     * @param tryShift also try a vertical shift and keep it when the data clearly ask for it
     */
    static RowAlignmentFit of(double[] left, double[] right, double focalPx, boolean tryShift) {
        int n = left.length / 2;
        if (n < MIN_MATCHES) {
            return null;
        }
        RowAlignmentFit turn = solve(left, right, focalPx, false);
        if (!tryShift) {
            return turn;
        }
        RowAlignmentFit both = solve(left, right, focalPx, true);
        // keep the shift only when it explains clearly more than noise would, and is more than a trace
        double ssrTurn = turn.residualRmsPx * turn.residualRmsPx * turn.count;
        double ssrBoth = both.residualRmsPx * both.residualRmsPx * both.count;
        double noise = ssrBoth / Math.max(1, both.count - 4);
        boolean significant = (ssrTurn - ssrBoth) / Math.max(noise, 1e-12) > 25 && Math.abs(both.verticalShiftPx) > 0.1;
        return significant ? both : turn;
    }

    private static RowAlignmentFit solve(double[] left, double[] right, double f, boolean withShift) {
        int n = left.length / 2;
        int k = withShift ? 4 : 3;
        double[] p = new double[k];
        double[] w = new double[n];
        java.util.Arrays.fill(w, 1);
        double[] e = new double[n];
        double[][] jac = new double[n][k];
        double scale = 1;
        double[][] normal = new double[k][k];
        for (int iter = 0; iter < 12; iter++) {
            residuals(left, right, f, p, e, jac);
            scale = Math.max(0.02, 1.4826 * medianAbs(e));
            double huber = 1.5 * scale;
            for (int i = 0; i < n; i++) {
                double a = Math.abs(e[i]);
                w[i] = a <= huber ? 1 : huber / a;
            }
            normal = new double[k][k];
            double[] rhs = new double[k];
            for (int i = 0; i < n; i++) {
                for (int a = 0; a < k; a++) {
                    rhs[a] -= w[i] * jac[i][a] * e[i];
                    for (int b = 0; b < k; b++) {
                        normal[a][b] += w[i] * jac[i][a] * jac[i][b];
                    }
                }
            }
            double[] step = solveLinear(normal, rhs);
            if (step == null) {
                return null;
            }
            double size = 0;
            for (int a = 0; a < k; a++) {
                p[a] += step[a];
                size += Math.abs(step[a]);
            }
            if (size < 1e-10) {
                break;
            }
        }
        residuals(left, right, f, p, e, jac);
        double ss = 0;
        int inliers = 0;
        for (int i = 0; i < n; i++) {
            if (Math.abs(e[i]) <= 3 * scale) {
                ss += e[i] * e[i];
                inliers++;
            }
        }
        double rms = Math.sqrt(ss / Math.max(1, inliers));
        double[][] inverse = invert(normal);
        double[] sigma = new double[3];
        for (int a = 0; a < 3; a++) {
            sigma[a] = inverse == null ? Double.POSITIVE_INFINITY : Math.sqrt(Math.max(0, inverse[a][a])) * rms;
        }
        return new RowAlignmentFit(new double[] {p[0], p[1], p[2]}, withShift ? p[3] : 0, withShift, sigma, rms, inliers);
    }

    /** Row error (pixels) of each match for parameters p, and its derivatives. */
    private static void residuals(double[] left, double[] right, double f, double[] p, double[] e, double[][] jac) {
        double[] rot = Matrix3.fromRodrigues(p[0], p[1], p[2]);
        int n = e.length;
        for (int i = 0; i < n; i++) {
            double rx = right[2 * i], ry = right[2 * i + 1];
            // r' = R r with r = (rx, ry, 1)
            double x = rot[0] * rx + rot[1] * ry + rot[2];
            double y = rot[3] * rx + rot[4] * ry + rot[5];
            double z = rot[6] * rx + rot[7] * ry + rot[8];
            double shift = p.length > 3 ? p[3] : 0;
            e[i] = f * (y / z - left[2 * i + 1]) + shift;
            // d r' / d ω_j = -[r']x e_j  for a rotation applied on the left: δr' = δω × r'
            // d(y/z) = (dy z - y dz) / z²; δω × r' = (δωy z - δωz y, δωz x - δωx z, δωx y - δωy x)
            double z2 = z * z;
            jac[i][0] = f * ((-z) * z - y * y) / z2;      // δωx: dy = -z, dz = y
            jac[i][1] = f * (0 * z - y * (-x)) / z2;      // δωy: dy = 0, dz = -x
            jac[i][2] = f * (x * z - y * 0) / z2;         // δωz: dy = x, dz = 0
            if (p.length > 3) {
                jac[i][3] = 1;
            }
        }
    }

    private static double medianAbs(double[] v) {
        double[] a = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            a[i] = Math.abs(v[i]);
        }
        java.util.Arrays.sort(a);
        return a.length == 0 ? 0 : a[a.length / 2];
    }

    private static double[] solveLinear(double[][] a, double[] b) {
        double[][] inv = invert(a);
        if (inv == null) {
            return null;
        }
        double[] x = new double[b.length];
        for (int i = 0; i < b.length; i++) {
            for (int j = 0; j < b.length; j++) {
                x[i] += inv[i][j] * b[j];
            }
        }
        return x;
    }

    /** Gauss-Jordan inverse of a small matrix; null when singular. */
    private static double[][] invert(double[][] a) {
        int n = a.length;
        double[][] m = new double[n][2 * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], 0, m[i], 0, n);
            m[i][n + i] = 1;
        }
        for (int c = 0; c < n; c++) {
            int pivot = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) {
                    pivot = r;
                }
            }
            if (Math.abs(m[pivot][c]) < 1e-300) {
                return null;
            }
            double[] t = m[c];
            m[c] = m[pivot];
            m[pivot] = t;
            double d = m[c][c];
            for (int j = 0; j < 2 * n; j++) {
                m[c][j] /= d;
            }
            for (int r = 0; r < n; r++) {
                if (r != c && m[r][c] != 0) {
                    double g = m[r][c];
                    for (int j = 0; j < 2 * n; j++) {
                        m[r][j] -= g * m[c][j];
                    }
                }
            }
        }
        double[][] inv = new double[n][n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(m[i], n, inv[i], 0, n);
        }
        return inv;
    }
}
