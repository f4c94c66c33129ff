package io.github.stereostation.sim;

/** A flat printed board at a pose: a rectangle in the board's z = 0 plane, unlit (evenly lit) reflectance. */
final class BoardShape extends Shape {
    private final double[] r; // board -> camera
    private final double tx, ty, tz, nx, ny, nz;
    private final BoardPattern pattern;

    BoardShape(BoardTarget target, Pose pose) {
        r = pose.rotationMatrix();
        double[] t = pose.translationMm();
        tx = t[0];
        ty = t[1];
        tz = t[2];
        nx = r[2];
        ny = r[5];
        nz = r[8];
        pattern = BoardPattern.of(target);
    }

    @Override
    double intersect(double ox, double oy, double oz, double dx, double dy, double dz) {
        double den = nx * dx + ny * dy + nz * dz;
        if (den == 0) {
            return Double.POSITIVE_INFINITY;
        }
        double t = (nx * (tx - ox) + ny * (ty - oy) + nz * (tz - oz)) / den;
        if (!(t > T_MIN)) {
            return Double.POSITIVE_INFINITY;
        }
        double px = ox + t * dx - tx, py = oy + t * dy - ty, pz = oz + t * dz - tz;
        double bx = r[0] * px + r[3] * py + r[6] * pz;
        double by = r[1] * px + r[4] * py + r[7] * pz;
        if (bx < pattern.minX || bx > pattern.maxX || by < pattern.minY || by > pattern.maxY) {
            return Double.POSITIVE_INFINITY;
        }
        return t;
    }

    @Override
    void shade(double x, double y, double z, double[] rgb) {
        double px = x - tx, py = y - ty, pz = z - tz;
        double g = pattern.reflectance(r[0] * px + r[3] * py + r[6] * pz, r[1] * px + r[4] * py + r[7] * pz);
        rgb[0] = g;
        rgb[1] = g;
        rgb[2] = g;
    }
}
