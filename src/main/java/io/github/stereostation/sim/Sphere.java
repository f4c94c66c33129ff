package io.github.stereostation.sim;

/** A sphere with centre and radius in mm. */
public record Sphere(Vec3 centerMm, double radiusMm, ProceduralTexture texture) implements Surface {
    public Sphere {
        if (!(radiusMm > 0)) {
            throw new IllegalArgumentException("radius must be positive, got " + radiusMm);
        }
    }

    @Override
    public Sphere translated(Vec3 offsetMm) {
        return new Sphere(centerMm.plus(offsetMm), radiusMm, texture);
    }
}
