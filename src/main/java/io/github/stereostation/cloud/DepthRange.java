package io.github.stereostation.cloud;

/** Points whose depth (z, metres) lies outside [minMetres, maxMetres] are dropped when a cloud is built. */
public record DepthRange(double minMetres, double maxMetres) {
    public static final DepthRange ANY = new DepthRange(0, Double.POSITIVE_INFINITY);

    public DepthRange {
        if (!(minMetres >= 0) || !(maxMetres > minMetres)) {
            throw new IllegalArgumentException("depth range needs 0 <= min < max, got " + minMetres + ".." + maxMetres);
        }
    }

    public boolean contains(double zMetres) {
        return zMetres >= minMetres && zMetres <= maxMetres;
    }
}
