package io.github.stereostation.sim;

/**
 * Lens distortion in OpenCV's 5-coefficient model (k1, k2, p1, p2, k3): for a normalized point (x, y) with
 * r² = x² + y², the distorted point is x·(1 + k1 r² + k2 r⁴ + k3 r⁶) + 2 p1 x y + p2 (r² + 2x²) and
 * y·(1 + k1 r² + k2 r⁴ + k3 r⁶) + p1 (r² + 2y²) + 2 p2 x y.
 */
public record Distortion(double k1, double k2, double p1, double p2, double k3) {
    public static final Distortion NONE = new Distortion(0, 0, 0, 0, 0);

    public boolean isNone() {
        return k1 == 0 && k2 == 0 && p1 == 0 && p2 == 0 && k3 == 0;
    }

    /** The coefficients in OpenCV's order. */
    public double[] toArray() {
        return new double[] {k1, k2, p1, p2, k3};
    }

    /** Distorts a normalized point; writes (xd, yd) into out[0..1]. */
    void distort(double x, double y, double[] out) {
        double r2 = x * x + y * y;
        double radial = 1 + r2 * (k1 + r2 * (k2 + r2 * k3));
        out[0] = x * radial + 2 * p1 * x * y + p2 * (r2 + 2 * x * x);
        out[1] = y * radial + p1 * (r2 + 2 * y * y) + 2 * p2 * x * y;
    }

    /** Jacobian of {@link #distort} at (x, y), row-major into j[0..3]: dxd/dx, dxd/dy, dyd/dx, dyd/dy. */
    void jacobian(double x, double y, double[] j) {
        double r2 = x * x + y * y;
        double radial = 1 + r2 * (k1 + r2 * (k2 + r2 * k3));
        double dRadial = k1 + r2 * (2 * k2 + 3 * k3 * r2); // d(radial)/d(r²)
        j[0] = radial + 2 * x * x * dRadial + 2 * p1 * y + 6 * p2 * x;
        j[1] = 2 * x * y * dRadial + 2 * p1 * x + 2 * p2 * y;
        j[2] = 2 * x * y * dRadial + 2 * p1 * x + 2 * p2 * y;
        j[3] = radial + 2 * y * y * dRadial + 6 * p1 * y + 2 * p2 * x;
    }
}
