package io.github.stereostation.sim;

/** A 3D vector or point; in the sim, positions are millimetres in the LEFT camera frame (x right, y down, z forward). */
public record Vec3(double x, double y, double z) {
    public static final Vec3 ZERO = new Vec3(0, 0, 0);

    public Vec3 plus(Vec3 o) {
        return new Vec3(x + o.x, y + o.y, z + o.z);
    }

    public double dot(Vec3 o) {
        return x * o.x + y * o.y + z * o.z;
    }

    public double norm() {
        return Math.sqrt(dot(this));
    }

    public Vec3 normalized() {
        double n = norm();
        return new Vec3(x / n, y / n, z / n);
    }

    public double[] toArray() {
        return new double[] {x, y, z};
    }

    public static Vec3 of(double[] v) {
        if (v.length != 3) {
            throw new IllegalArgumentException("need 3 components, got " + v.length);
        }
        return new Vec3(v[0], v[1], v[2]);
    }
}
