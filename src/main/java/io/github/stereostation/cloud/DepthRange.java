package io.github.stereostation.cloud;

/** Points whose depth (z, metres) lies outside [minMetres, maxMetres] are dropped when a cloud is built. */
public record DepthRange(double minMetres, double maxMetres) {
    public static final DepthRange ANY = new DepthRange(0, Double.POSITIVE_INFINITY);

    /**
     * Farthest depth kept unless asked otherwise: beyond it a desk rig's disparities are under a pixel, so depths
     * are noise, and a few such points make every viewer zoom out until the scene is a dot.
     */
    public static final double DEFAULT_MAX_METRES = 100;

    /** The window a cloud keeps by default. */
    public static final DepthRange DEFAULT = new DepthRange(0, DEFAULT_MAX_METRES);

    public DepthRange {
        if (!(minMetres >= 0) || !(maxMetres > minMetres)) {
            throw new IllegalArgumentException("depth range needs 0 <= min < max, got " + minMetres + ".." + maxMetres);
        }
    }

    public boolean contains(double zMetres) {
        return zMetres >= minMetres && zMetres <= maxMetres;
    }
}
