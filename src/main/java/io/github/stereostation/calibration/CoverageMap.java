package io.github.stereostation.calibration;

import java.util.List;

/**
 * Where in one camera's image board corners have been collected: corner counts on a grid of cells, for the
 * wizard's coverage map. Immutable.
 */
public record CoverageMap(int columns, int rows, int[] counts) {

    public CoverageMap {
        if (counts.length != columns * rows) {
            throw new IllegalArgumentException("counts must hold columns x rows cells");
        }
        counts = counts.clone();
    }

    /** Counts the corners of all views on a {@code columns x rows} grid over the image. */
    public static CoverageMap of(List<BoardCorners> views, int columns, int rows) {
        int[] counts = new int[columns * rows];
        for (BoardCorners c : views) {
            for (int i = 0; i < c.count(); i++) {
                int gx = (int) Math.floor(c.x(i) / c.imageWidth() * columns);
                int gy = (int) Math.floor(c.y(i) / c.imageHeight() * rows);
                if (gx >= 0 && gx < columns && gy >= 0 && gy < rows) {
                    counts[gy * columns + gx]++;
                }
            }
        }
        return new CoverageMap(columns, rows, counts);
    }

    public int count(int column, int row) {
        return counts[row * columns + column];
    }

    /** Share of cells holding at least one corner. */
    public double filledShare() {
        int filled = 0;
        for (int c : counts) {
            filled += c > 0 ? 1 : 0;
        }
        return filled / (double) counts.length;
    }

    @Override
    public int[] counts() {
        return counts.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CoverageMap m && columns == m.columns && rows == m.rows
                && java.util.Arrays.equals(counts, m.counts);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(counts);
    }
}
