package io.github.stereostation.calibration;

/** 3x3 rotation matrices as row-major double[9], from rotation vectors (axis times angle, radians). */
final class Rotations {
    private Rotations() {
    }

    static double[] fromVector(double x, double y, double z) {
        double theta = Math.sqrt(x * x + y * y + z * z);
        if (theta < 1e-15) {
            return new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1};
        }
        double kx = x / theta, ky = y / theta, kz = z / theta;
        double c = Math.cos(theta), s = Math.sin(theta), v = 1 - c;
        return new double[] {
                c + kx * kx * v, kx * ky * v - kz * s, kx * kz * v + ky * s,
                ky * kx * v + kz * s, c + ky * ky * v, ky * kz * v - kx * s,
                kz * kx * v - ky * s, kz * ky * v + kx * s, c + kz * kz * v};
    }

    static double[] multiply(double[] a, double[] b) {
        return CalibrationFile.mul3(a, b);
    }

    static double[] transpose(double[] m) {
        return new double[] {m[0], m[3], m[6], m[1], m[4], m[7], m[2], m[5], m[8]};
    }

    static double[] apply(double[] m, double[] v) {
        return new double[] {
                m[0] * v[0] + m[1] * v[1] + m[2] * v[2],
                m[3] * v[0] + m[4] * v[1] + m[5] * v[2],
                m[6] * v[0] + m[7] * v[1] + m[8] * v[2]};
    }
}
