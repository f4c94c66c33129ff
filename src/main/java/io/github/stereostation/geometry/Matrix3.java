package io.github.stereostation.geometry;

/**
 * 3x3 matrices as row-major {@code double[9]}: products, transposes, applying one to a vector, and rotations
 * to and from OpenCV-style rotation vectors (axis times angle, radians).
 */
public final class Matrix3 {
    private Matrix3() {
    }

    public static double[] identity() {
        return new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1};
    }

    /** The rotation of a rotation vector {@code r} (axis times angle, radians), as OpenCV's Rodrigues gives it. */
    public static double[] fromRodrigues(double... r) {
        double theta = Math.sqrt(r[0] * r[0] + r[1] * r[1] + r[2] * r[2]);
        if (theta < 1e-15) {
            return identity();
        }
        double kx = r[0] / theta, ky = r[1] / theta, kz = r[2] / theta;
        double c = Math.cos(theta), s = Math.sin(theta), v = 1 - c;
        return new double[] {
                c + kx * kx * v, kx * ky * v - kz * s, kx * kz * v + ky * s,
                ky * kx * v + kz * s, c + ky * ky * v, ky * kz * v - kx * s,
                kz * kx * v - ky * s, kz * ky * v + kx * s, c + kz * kz * v};
    }

    /** The rotation vector of a rotation matrix (below 180 degrees). */
    public static double[] toRodrigues(double[] m) {
        double cos = Math.max(-1, Math.min(1, (m[0] + m[4] + m[8] - 1) / 2));
        double theta = Math.acos(cos);
        if (theta < 1e-12) {
            return new double[3];
        }
        double s = 2 * Math.sin(theta);
        if (Math.abs(s) < 1e-9) {
            throw new IllegalArgumentException("rotation of 180 degrees is not supported here");
        }
        return new double[] {
                (m[7] - m[5]) / s * theta, (m[2] - m[6]) / s * theta, (m[3] - m[1]) / s * theta};
    }

    /** The product {@code a b}. */
    public static double[] multiply(double[] a, double[] b) {
        double[] c = new double[9];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                c[i * 3 + j] = a[i * 3] * b[j] + a[i * 3 + 1] * b[3 + j] + a[i * 3 + 2] * b[6 + j];
            }
        }
        return c;
    }

    public static double[] transpose(double[] m) {
        return new double[] {m[0], m[3], m[6], m[1], m[4], m[7], m[2], m[5], m[8]};
    }

    /** {@code m} times the column vector (x, y, z). */
    public static double[] apply(double[] m, double x, double y, double z) {
        return new double[] {
                m[0] * x + m[1] * y + m[2] * z,
                m[3] * x + m[4] * y + m[5] * z,
                m[6] * x + m[7] * y + m[8] * z};
    }

    /** {@code m} times the column vector {@code v}. */
    public static double[] apply(double[] m, double[] v) {
        return apply(m, v[0], v[1], v[2]);
    }
}
