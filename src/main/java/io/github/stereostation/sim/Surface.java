package io.github.stereostation.sim;

/**
 * A textured surface of a synthetic scene, positioned in millimetres in the LEFT camera frame
 * (x right, y down, z forward). Surfaces are plain descriptions; the renderer compiles them for ray casting.
 */
public sealed interface Surface permits Plane, Box, Sphere {

    ProceduralTexture texture();

    /** The same surface moved by an offset (mm); its texture moves with it. */
    Surface translated(Vec3 offsetMm);
}
