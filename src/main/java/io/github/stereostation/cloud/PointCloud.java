package io.github.stereostation.cloud;

import java.util.Arrays;
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
    public boolean isEmpty() {
        return positions.length == 0;
    }

    /** Index of the first point with a NaN or infinite coordinate, or -1 when every point is finite. */
    public int firstNonFinite() {
        for (int i = 0; i < positions.length; i++) {
            if (!Float.isFinite(positions[i])) {
                return i / 3;
            }
        }
        return -1;
    }

    /** This cloud without points that have a NaN or infinite coordinate (this same object when there are none). */
    public PointCloud withoutNonFinite() {
        if (firstNonFinite() < 0) {
            return this;
        }
        int n = size();
        boolean[] keep = new boolean[n];
        for (int i = 0; i < n; i++) {
            keep[i] = Float.isFinite(positions[3 * i]) && Float.isFinite(positions[3 * i + 1])
                    && Float.isFinite(positions[3 * i + 2]);
        }
        return select(keep);
    }

    /** The points whose flag is set, in order (copies the data). */
    public PointCloud select(boolean[] keep) {
        if (keep.length != size()) {
            throw new IllegalArgumentException("keep has " + keep.length + " flags for " + size() + " points");
        }
        int k = 0;
        for (boolean b : keep) {
            if (b) {
                k++;
            }
        }
        float[] p = new float[3 * k];
        byte[] c = colors == null ? null : new byte[3 * k];
        int j = 0;
        for (int i = 0; i < keep.length; i++) {
            if (keep[i]) {
                System.arraycopy(positions, 3 * i, p, 3 * j, 3);
                if (c != null) {
                    System.arraycopy(colors, 3 * i, c, 3 * j, 3);
                }
                j++;
            }
        }
        return new PointCloud(p, c);
    }

    /** Axis-aligned bounds {minX, minY, minZ, maxX, maxY, maxZ} over finite points (NaNs when there are none). */
    public float[] bounds() {
        float[] b = {Float.NaN, Float.NaN, Float.NaN, Float.NaN, Float.NaN, Float.NaN};
        for (int i = 0; i < positions.length; i += 3) {
            float x = positions[i], y = positions[i + 1], z = positions[i + 2];
            if (!Float.isFinite(x) || !Float.isFinite(y) || !Float.isFinite(z)) {
                continue;
            }
            if (Float.isNaN(b[0])) {
                b[0] = b[3] = x;
                b[1] = b[4] = y;
                b[2] = b[5] = z;
            } else {
                b[0] = Math.min(b[0], x);
                b[1] = Math.min(b[1], y);
                b[2] = Math.min(b[2], z);
                b[3] = Math.max(b[3], x);
                b[4] = Math.max(b[4], y);
                b[5] = Math.max(b[5], z);
            }
        }
        return b;
    }

    /** Value equality over the contents (a record compares arrays by reference otherwise). */
    @Override
    public boolean equals(Object o) {
        return o instanceof PointCloud other && Arrays.equals(positions, other.positions)
                && Arrays.equals(colors, other.colors);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(positions) + Arrays.hashCode(colors);
    }

    @Override
    public String toString() {
        return "PointCloud[" + size() + " points" + (colors == null ? "" : ", rgb") + "]";
    }
}
