package io.github.stereostation.cloud;

import java.util.Arrays;

/**
 * A cloud that keeps the image grid: one xyz (metres) per pixel, row-major, NaN where the pixel has no point,
 * and optional rgb per pixel. Meshing and depth smoothing need the neighbours the grid gives; everything
 * else uses the compact {@link PointCloud} from {@link #toPointCloud()}.
 */
public record OrganizedCloud(int width, int height, float[] positions, byte[] colors) {

    public OrganizedCloud {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("grid must be at least 1x1, got " + width + "x" + height);
        }
        if (positions.length != 3 * width * height) {
            throw new IllegalArgumentException("positions length " + positions.length + " != 3*" + width + "*" + height);
        }
        if (colors != null && colors.length != positions.length) {
            throw new IllegalArgumentException("colors length " + colors.length + " != positions length " + positions.length);
        }
    }

    /**
     * Java heap a cloud of this many pixels takes on its way to a file: the grid (positions and colours), the
     * compact cloud, and a filter's copy, 15 bytes a point each, plus room for the writer.
     */
    public static final int HEAP_BYTES_PER_PIXEL = 64;

    /** Refuses a grid the Java heap cannot hold, before any work, saying how to give it more. */
    public static void requireHeapFor(long pixels, String what) {
        long need = pixels * HEAP_BYTES_PER_PIXEL;
        long max = Runtime.getRuntime().maxMemory();
        if (need > max) {
            throw new io.github.stereostation.UserInputException(String.format(java.util.Locale.ROOT,
                    "%s: a cloud of %.0f megapixels needs about %.1f GB of Java heap, more than the %.1f GB this run has;"
                            + " downscale the images or give Java more with STEREO_STATION_JAVA_OPTS=-Xmx%dg",
                    what, pixels / 1e6, need / 1e9, max / 1e9, (long) Math.ceil(need * 1.5 / 1e9)));
        }
    }

    /** True when pixel {@code i} (row-major index) holds a point. */
    public boolean isValid(int i) {
        return !Float.isNaN(positions[3 * i + 2]);
    }

    public int validCount() {
        int n = 0;
        for (int i = 0, len = width * height; i < len; i++) {
            if (isValid(i)) {
                n++;
            }
        }
        return n;
    }

    /** Clears pixel {@code i} so it holds no point. */
    public void invalidate(int i) {
        positions[3 * i] = Float.NaN;
        positions[3 * i + 1] = Float.NaN;
        positions[3 * i + 2] = Float.NaN;
    }

    /** The valid points, in row-major pixel order, as a compact cloud (copies the data). */
    public PointCloud toPointCloud() {
        int n = validCount();
        float[] p = new float[3 * n];
        byte[] c = colors == null ? null : new byte[3 * n];
        int k = 0;
        for (int i = 0, len = width * height; i < len; i++) {
            if (isValid(i)) {
                System.arraycopy(positions, 3 * i, p, 3 * k, 3);
                if (c != null) {
                    System.arraycopy(colors, 3 * i, c, 3 * k, 3);
                }
                k++;
            }
        }
        return new PointCloud(p, c);
    }

    public OrganizedCloud copy() {
        return new OrganizedCloud(width, height, positions.clone(), colors == null ? null : colors.clone());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OrganizedCloud other && width == other.width && height == other.height
                && Arrays.equals(positions, other.positions) && Arrays.equals(colors, other.colors);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(positions) + Arrays.hashCode(colors);
    }

    @Override
    public String toString() {
        return "OrganizedCloud[" + width + "x" + height + ", " + validCount() + " points]";
    }
}
