package io.github.stereostation.cloud;

import org.opencv.core.Mat;

/**
 * Every choice between a disparity map and the cloud or mesh a user keeps, in one value, so the {@code cloud}
 * command and the live station's snapshots (both through {@code depth.StereoReconstruction}) build clouds the
 * same way. The one-photo flow has no disparity and uses only the meshing rule.
 *
 * @param range             depth window in metres; points outside are dropped
 * @param minConfidence     pixels whose matcher confidence (0..255) is below this are dropped (0 keeps all)
 * @param smoothRadiusPx    edge-preserving depth smoothing window radius on the grid (0 = off)
 * @param outlierNeighbours statistical outlier removal: neighbours per point (0 = off)
 * @param outlierStdRatio   statistical outlier removal: standard deviations above the mean distance
 * @param radiusMetres      radius outlier removal: search radius (0 = off)
 * @param radiusMinPoints   radius outlier removal: neighbours a point needs within the radius
 * @param voxelMetres       voxel down-sampling cube size (0 = off)
 * @param maxDepthJump      meshing: largest relative depth step a triangle may span
 */
public record CloudRecipe(DepthRange range, int minConfidence, int smoothRadiusPx, int outlierNeighbours,
                          double outlierStdRatio, double radiusMetres, int radiusMinPoints, double voxelMetres,
                          double maxDepthJump) {

    /** Relative depth step up to which neighbours are averaged by the smoothing. */
    public static final double SMOOTHING_STEP = 0.03;

    public static CloudRecipe defaults() {
        return new CloudRecipe(DepthRange.DEFAULT, 0, 0, 0, 2.0, 0, 1, 0, 0.05);
    }

    public CloudRecipe {
        if (minConfidence < 0 || smoothRadiusPx < 0 || outlierNeighbours < 0 || radiusMetres < 0 || voxelMetres < 0) {
            throw new IllegalArgumentException("recipe values must not be negative");
        }
        if (!(maxDepthJump > 0)) {
            throw new IllegalArgumentException("maxDepthJump must be > 0, got " + maxDepthJump);
        }
    }

    public CloudRecipe withRange(DepthRange r) {
        return new CloudRecipe(r, minConfidence, smoothRadiusPx, outlierNeighbours, outlierStdRatio, radiusMetres,
                radiusMinPoints, voxelMetres, maxDepthJump);
    }

    public CloudRecipe withMinConfidence(int c) {
        return new CloudRecipe(range, c, smoothRadiusPx, outlierNeighbours, outlierStdRatio, radiusMetres,
                radiusMinPoints, voxelMetres, maxDepthJump);
    }

    public CloudRecipe withSmoothing(int radiusPx) {
        return new CloudRecipe(range, minConfidence, radiusPx, outlierNeighbours, outlierStdRatio, radiusMetres,
                radiusMinPoints, voxelMetres, maxDepthJump);
    }

    public CloudRecipe withStatisticalOutliers(int neighbours, double stdRatio) {
        return new CloudRecipe(range, minConfidence, smoothRadiusPx, neighbours, stdRatio, radiusMetres,
                radiusMinPoints, voxelMetres, maxDepthJump);
    }

    public CloudRecipe withRadiusOutliers(double radius, int minPoints) {
        return new CloudRecipe(range, minConfidence, smoothRadiusPx, outlierNeighbours, outlierStdRatio, radius,
                minPoints, voxelMetres, maxDepthJump);
    }

    public CloudRecipe withVoxel(double voxel) {
        return new CloudRecipe(range, minConfidence, smoothRadiusPx, outlierNeighbours, outlierStdRatio, radiusMetres,
                radiusMinPoints, voxel, maxDepthJump);
    }

    public CloudRecipe withMaxDepthJump(double jump) {
        return new CloudRecipe(range, minConfidence, smoothRadiusPx, outlierNeighbours, outlierStdRatio, radiusMetres,
                radiusMinPoints, voxelMetres, jump);
    }

    /** True when a point filter (outliers, voxels) is on; those apply to point clouds, not to meshes. */
    public boolean filtersPoints() {
        return outlierNeighbours > 0 || radiusMetres > 0 || voxelMetres > 0;
    }

    /**
     * The pixel grid of points: reprojection through Q, the depth window, the confidence cut (when a
     * confidence map is given and minConfidence > 0) and the smoothing.
     */
    public OrganizedCloud grid(Mat disparity, Mat confidence, Mat q, Mat leftImage) {
        OrganizedCloud g = CloudBuilder.fromDisparity(disparity, q, leftImage, range);
        if (minConfidence > 0 && confidence != null) {
            g = CloudBuilder.dropLowConfidence(g, confidence, minConfidence);
        }
        if (smoothRadiusPx > 0) {
            g = new DepthSmoother(smoothRadiusPx, SMOOTHING_STEP).apply(g);
        }
        return g;
    }

    /** The grid's points through the outlier filters and down-sampling that are switched on. */
    public PointCloud points(OrganizedCloud grid) {
        return pointFilter().apply(grid.toPointCloud());
    }

    /** The grid meshed, cutting triangles across depth jumps over {@link #maxDepthJump()}. */
    public TriangleMesh mesh(OrganizedCloud grid) {
        return new GridMesher(maxDepthJump).mesh(grid);
    }

    public PointCloudFilter pointFilter() {
        PointCloudFilter f = c -> c;
        if (outlierNeighbours > 0) {
            f = f.then(new StatisticalOutlierFilter(outlierNeighbours, outlierStdRatio));
        }
        if (radiusMetres > 0) {
            f = f.then(new RadiusOutlierFilter(radiusMetres, radiusMinPoints));
        }
        if (voxelMetres > 0) {
            f = f.then(new VoxelDownsampler(voxelMetres));
        }
        return f;
    }
}
