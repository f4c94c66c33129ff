package io.github.stereostation.ui;

/**
 * A camera orbiting a target point, for looking at clouds in the capture camera's frame (x right, y down,
 * z forward). With yaw = pitch = 0 it looks along +z with y down, so a camera whose target sits {@code distance}
 * in front of the origin sees the cloud exactly as the capture camera did. Immutable: each gesture returns a
 * new camera.
 */
public record OrbitCamera(double targetX, double targetY, double targetZ, double distance, double yaw, double pitch,
                          double fovYDegrees) {

    private static final double MAX_PITCH = Math.toRadians(89);

    public OrbitCamera {
        if (!(distance > 0) || !(fovYDegrees > 1 && fovYDegrees < 179)) {
            throw new IllegalArgumentException("camera needs distance > 0 and 1 < fov < 179, got " + distance + ", " + fovYDegrees);
        }
        pitch = Math.max(-MAX_PITCH, Math.min(MAX_PITCH, pitch));
    }

    /**
     * The starting view for a cloud with these bounds {minX, minY, minZ, maxX, maxY, maxZ}. A cloud in front of
     * the capture camera is seen from the capture camera itself (eye at the origin, looking along +z) and
     * orbits around the point on the optical axis at the bounds' middle depth; any other cloud is seen from a
     * distance that fits its bounding box.
     */
    public static OrbitCamera looking(float[] bounds, double fovYDegrees) {
        if (Float.isNaN(bounds[0])) {
            return new OrbitCamera(0, 0, 1, 1, 0, 0, fovYDegrees);
        }
        double cz = (bounds[2] + bounds[5]) / 2;
        if (bounds[2] > 0) {
            return new OrbitCamera(0, 0, cz, cz, 0, 0, fovYDegrees);
        }
        double cx = (bounds[0] + bounds[3]) / 2, cy = (bounds[1] + bounds[4]) / 2;
        double radius = 0.5 * Math.sqrt(sq(bounds[3] - bounds[0]) + sq(bounds[4] - bounds[1]) + sq(bounds[5] - bounds[2]));
        double fit = Math.max(1e-3, 1.2 * radius / Math.tan(Math.toRadians(fovYDegrees) / 2));
        return new OrbitCamera(cx, cy, cz, fit, 0, 0, fovYDegrees);
    }

    /** The same view distance and angles about another target (NaN coordinates leave the target as it is). */
    public OrbitCamera centredOn(double x, double y, double z) {
        if (Double.isNaN(x) || Double.isNaN(y) || Double.isNaN(z)) {
            return this;
        }
        return new OrbitCamera(x, y, z, distance, yaw, pitch, fovYDegrees);
    }

    /** Rotates around the target: yaw about the vertical, pitch about the horizontal axis (radians). */
    public OrbitCamera orbit(double dYaw, double dPitch) {
        return new OrbitCamera(targetX, targetY, targetZ, distance, yaw + dYaw, pitch + dPitch, fovYDegrees);
    }

    /** Moves the target in the view plane; {@code dx, dy} are fractions of the visible height at the target. */
    public OrbitCamera pan(double dx, double dy) {
        double scale = 2 * distance * Math.tan(Math.toRadians(fovYDegrees) / 2);
        double[] r = rotation();
        // camera right = first row of R, camera down = second row (R maps world to view)
        double wx = -(r[0] * dx + r[3] * dy) * scale;
        double wy = -(r[1] * dx + r[4] * dy) * scale;
        double wz = -(r[2] * dx + r[5] * dy) * scale;
        return new OrbitCamera(targetX + wx, targetY + wy, targetZ + wz, distance, yaw, pitch, fovYDegrees);
    }

    /** Multiplies the distance to the target by {@code factor} (below 1 moves closer). */
    public OrbitCamera zoom(double factor) {
        return new OrbitCamera(targetX, targetY, targetZ, Math.max(1e-4, distance * factor), yaw, pitch, fovYDegrees);
    }

    /** World-to-view rotation, row-major 3x3: R = Rx(pitch) * Ry(yaw). */
    public double[] rotation() {
        double cy = Math.cos(yaw), sy = Math.sin(yaw), cp = Math.cos(pitch), sp = Math.sin(pitch);
        // Ry(yaw) = [cy 0 sy; 0 1 0; -sy 0 cy], Rx(pitch) = [1 0 0; 0 cp -sp; 0 sp cp] (y down, so +pitch looks up)
        return new double[]{
                cy, 0, sy,
                -sp * -sy, cp, -sp * cy,
                cp * -sy, sp, cp * cy};
    }

    /** Where the eye is, in the cloud's frame: the target minus distance times the view axis. */
    public double[] eye() {
        double[] r = rotation();
        return new double[]{targetX - distance * r[6], targetY - distance * r[7], targetZ - distance * r[8]};
    }

    /** Focal length in pixels for an image {@code heightPx} tall. */
    public double focalPx(int heightPx) {
        return heightPx / 2.0 / Math.tan(Math.toRadians(fovYDegrees) / 2);
    }

    private static double sq(double v) {
        return v * v;
    }
}
