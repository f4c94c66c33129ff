package io.github.stereostation.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * What the synthetic rig looks at: textured surfaces in the LEFT camera frame (mm, x right, y down, z forward)
 * and the colour seen where a ray hits nothing (ground truth is NaN there).
 */
public record SyntheticScene(List<Surface> surfaces, Rgb background) {

    public SyntheticScene {
        surfaces = List.copyOf(surfaces);
        if (background == null) {
            background = new Rgb(0.15, 0.15, 0.15);
        }
    }

    public SyntheticScene(List<Surface> surfaces) {
        this(surfaces, null);
    }

    /** This scene plus more surfaces. */
    public SyntheticScene with(Surface... more) {
        List<Surface> all = new ArrayList<>(surfaces);
        all.addAll(List.of(more));
        return new SyntheticScene(all, background);
    }

    /** Texture detail suited to a surface seen at about zMm: its finest wavelength is zMm/110 (5 px at f=560). */
    static ProceduralTexture textureFor(Random rng, double zMm) {
        return ProceduralTexture.random(rng, zMm / 110);
    }

    /**
     * A desk: back wall at 2.5 m, the table/floor plane 300 mm below the cameras (strongly slanted in view),
     * three boxes standing on it at 0.7 to 1.6 m and a ball. With the desk rig at 640x480 (f=560, B=60)
     * disparities run from about 13 px (wall) to about 50 px (nearest box and the bottom rows of the table).
     */
    public static SyntheticScene desk(long seed) {
        return deskAt(seed, 0);
    }

    /**
     * The desk scene at a moment in time: the left box slides sideways (±120 mm, period 5 s) and the ball
     * rolls slowly toward the cameras and back (±100 mm, period 7 s); everything else stays still.
     */
    public static SyntheticScene deskAt(long seed, double seconds) {
        Random rng = new Random(seed);
        double floorY = 300;
        List<Surface> s = new ArrayList<>();
        s.add(Plane.frontoParallel(2500, textureFor(rng, 2500)));
        s.add(new Plane(new Vec3(0, floorY, 0), new Vec3(0, -1, 0), textureFor(rng, 1000)));
        double slide = 120 * Math.sin(2 * Math.PI * seconds / 5);
        s.add(new Box(new Vec3(-250 + slide, floorY - 100, 1000), new Vec3(220, 200, 220), 20, textureFor(rng, 950)));
        s.add(new Box(new Vec3(230, floorY - 140, 1500), new Vec3(300, 280, 260), -25, textureFor(rng, 1450)));
        s.add(new Box(new Vec3(40, floorY - 60, 760), new Vec3(120, 120, 120), 35, textureFor(rng, 720)));
        double roll = 100 * Math.sin(2 * Math.PI * seconds / 7);
        s.add(new Sphere(new Vec3(380, floorY - 160, 1250 + roll), 160, textureFor(rng, 1150)));
        return new SyntheticScene(s);
    }

    /** One textured plane facing the cameras at depth zMm, filling the whole view. */
    public static SyntheticScene frontoParallelPlane(double zMm, long seed) {
        Random rng = new Random(seed);
        return new SyntheticScene(List.of(Plane.frontoParallel(zMm, textureFor(rng, zMm))));
    }

    /**
     * One textured plane through (0, 0, centerZMm), turned by yawDegrees about the vertical axis (positive:
     * the right side goes farther away) and pitchDegrees about the horizontal axis (positive: the bottom goes
     * farther away).
     */
    public static SyntheticScene slantedPlane(double centerZMm, double yawDegrees, double pitchDegrees, long seed) {
        Random rng = new Random(seed);
        double yaw = Math.toRadians(yawDegrees), pitch = Math.toRadians(pitchDegrees);
        // normal of z = c + x tan(yaw) + y tan(pitch), facing the camera
        Vec3 n = new Vec3(Math.tan(yaw), Math.tan(pitch), -1);
        return new SyntheticScene(List.of(new Plane(new Vec3(0, 0, centerZMm), n, textureFor(rng, centerZMm))));
    }

    /** A ball in front of a fronto-parallel background plane at backgroundZMm. */
    public static SyntheticScene sphere(Vec3 centerMm, double radiusMm, double backgroundZMm, long seed) {
        Random rng = new Random(seed);
        return new SyntheticScene(List.of(
                Plane.frontoParallel(backgroundZMm, textureFor(rng, backgroundZMm)),
                new Sphere(centerMm, radiusMm, textureFor(rng, centerMm.z()))));
    }

    /** {@link #sphere(Vec3, double, double, long)} with the centre as {x, y, z} in mm. */
    public static SyntheticScene sphere(double[] centerMm, double radiusMm, double backgroundZMm, long seed) {
        return sphere(Vec3.of(centerMm), radiusMm, backgroundZMm, seed);
    }

    /**
     * A depth step: a fronto-parallel near plane at zNearMm covering the left half of the left view (x &lt; 0),
     * over a far plane at zFarMm. The depth edge is the vertical line through the left camera's principal
     * point. With the near half on the left, the right camera sees an occluded band of the far plane beside
     * the edge; the left view has none except its left border.
     */
    public static SyntheticScene step(double zNearMm, double zFarMm, long seed) {
        return step(zNearMm, zFarMm, true, seed);
    }

    /**
     * A depth step with the near half on the left (x &lt; 0) or the right (x &gt; 0) of the left view. With the
     * near half on the RIGHT, the left view holds the classic occluded band: far-plane pixels just left of
     * the edge that the right camera cannot see (about fx·B·(1/zNear - 1/zFar) px wide).
     */
    public static SyntheticScene step(double zNearMm, double zFarMm, boolean nearOnLeft, long seed) {
        if (!(zNearMm > 0 && zFarMm > zNearMm)) {
            throw new IllegalArgumentException("need 0 < zNear < zFar, got " + zNearMm + ", " + zFarMm);
        }
        Random rng = new Random(seed);
        Surface far = Plane.frontoParallel(zFarMm, textureFor(rng, zFarMm));
        double big = 100 * zFarMm; // far beyond any view; the near plane is a thin box ending at x = 0
        double thick = Math.min(1, (zFarMm - zNearMm) / 4);
        double cx = nearOnLeft ? -big / 2 : big / 2;
        Surface near = new Box(new Vec3(cx, 0, zNearMm + thick / 2), new Vec3(big, big, thick), 0,
                textureFor(rng, zNearMm));
        return new SyntheticScene(List.of(far, near));
    }
}
