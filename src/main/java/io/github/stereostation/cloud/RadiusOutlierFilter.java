package io.github.stereostation.cloud;

/**
 * Radius outlier removal: keeps the points that have at least {@code minNeighbours} other points within
 * {@code radiusMetres}. Non-finite points are dropped first.
 */
public record RadiusOutlierFilter(double radiusMetres, int minNeighbours) implements PointCloudFilter {

    /** The search stops at this many neighbours per point; more only cost time. */
    public static final int MAX_NEIGHBOURS = 1000;

    public RadiusOutlierFilter {
        if (!(radiusMetres > 0) || minNeighbours < 1 || minNeighbours > MAX_NEIGHBOURS) {
            throw new IllegalArgumentException("need radius > 0 and minNeighbours >= 1, got " + radiusMetres + ", " + minNeighbours);
        }
    }

    @Override
    public PointCloud apply(PointCloud cloud) {
        PointCloud in = cloud.withoutNonFinite();
        int n = in.size();
        KdTree tree = new KdTree(in.positions());
        boolean[] keep = new boolean[n];
        for (int i = 0; i < n; i++) {
            keep[i] = tree.countWithin(i, (float) radiusMetres, minNeighbours) >= minNeighbours;
        }
        return in.select(keep);
    }
}
