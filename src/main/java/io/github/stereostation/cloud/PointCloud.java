package io.github.stereostation.cloud;

import java.util.Objects;

/**
 * A coloured point cloud in metres, in the left (reference) camera's frame: x right, y down, z forward
 * (OpenCV's camera convention). Positions are packed x,y,z per point; colours r,g,b per point (0..255 as
 * unsigned bytes) or {@code null} when the cloud has no colour. Plain Java arrays, no native memory.
 */
public record PointCloud(float[] positions, byte[] colors) {

    public PointCloud {
        Objects.requireNonNull(positions, "positions");
        if (positions.length % 3 != 0) {
            throw new IllegalArgumentException("positions length " + positions.length + " is not a multiple of 3");
        }
        if (colors != null && colors.length != positions.length) {
            throw new IllegalArgumentException("colors length " + colors.length + " != positions length " + positions.length);
        }
    }

    public int size() {
        return positions.length / 3;
    }

    public boolean hasColors() {
        return colors != null;
    }
}
