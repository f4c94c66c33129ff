package io.github.stereostation.sim;

/** An infinite plane through {@code pointMm} with the given normal (normalized on construction). */
public record Plane(Vec3 pointMm, Vec3 normal, ProceduralTexture texture) implements Surface {
    public Plane {
        normal = normal.normalized();
    }

    /** A fronto-parallel plane at depth zMm. */
    public static Plane frontoParallel(double zMm, ProceduralTexture texture) {
        return new Plane(new Vec3(0, 0, zMm), new Vec3(0, 0, -1), texture);
    }

    @Override
    public Plane translated(Vec3 offsetMm) {
        return new Plane(pointMm.plus(offsetMm), normal, texture);
    }
}
