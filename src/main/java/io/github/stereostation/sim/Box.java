package io.github.stereostation.sim;

/** A box with the given centre and edge lengths (mm), turned by yawDegrees about the camera's vertical (y) axis. */
public record Box(Vec3 centerMm, Vec3 sizeMm, double yawDegrees, ProceduralTexture texture) implements Surface {
    public Box {
        if (!(sizeMm.x() > 0 && sizeMm.y() > 0 && sizeMm.z() > 0)) {
            throw new IllegalArgumentException("box sizes must be positive, got " + sizeMm);
        }
    }

    @Override
    public Box translated(Vec3 offsetMm) {
        return new Box(centerMm.plus(offsetMm), sizeMm, yawDegrees, texture);
    }
}
