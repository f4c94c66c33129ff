package io.github.stereostation.cloud;

/**
 * Statistical outlier removal: for every point the mean distance to its k nearest neighbours; points whose
 * mean lies more than {@code stdRatio} standard deviations above the mean over all points are dropped.
 * Stray stereo mismatches float alone in space, so their neighbour distances stand out.
 * Non-finite points are dropped first.
 */
public record StatisticalOutlierFilter(int neighbours, double stdRatio) implements PointCloudFilter {

    /** Each point's neighbours are searched and averaged: a few dozen say as much as more, which only cost time. */
    public static final int MAX_NEIGHBOURS = 1000;

    public StatisticalOutlierFilter {
        if (neighbours < 1 || neighbours > MAX_NEIGHBOURS || !(stdRatio > 0)) {
            throw new IllegalArgumentException("need neighbours >= 1 and stdRatio > 0, got " + neighbours + ", " + stdRatio);
        }
    }

    @Override
    public PointCloud apply(PointCloud cloud) {
        PointCloud in = cloud.withoutNonFinite();
        int n = in.size();
        if (n <= neighbours) {
            return in;
        }
        KdTree tree = new KdTree(in.positions());
        double[] meanDist = new double[n];
        float[] d2 = new float[neighbours];
        double sum = 0, sumSq = 0;
        for (int i = 0; i < n; i++) {
            int found = tree.nearest(i, neighbours, d2);
            double s = 0;
            for (int j = 0; j < found; j++) {
                s += Math.sqrt(d2[j]);
            }
            meanDist[i] = s / found;
            sum += meanDist[i];
            sumSq += meanDist[i] * meanDist[i];
        }
        double mean = sum / n;
        double std = Math.sqrt(Math.max(0, sumSq / n - mean * mean));
        double limit = mean + stdRatio * std;
        boolean[] keep = new boolean[n];
        for (int i = 0; i < n; i++) {
            keep[i] = meanDist[i] <= limit;
        }
        return in.select(keep);
    }
}
