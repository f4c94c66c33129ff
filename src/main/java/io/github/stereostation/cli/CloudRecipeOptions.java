package io.github.stereostation.cli;

import io.github.stereostation.UserInputException;
import io.github.stereostation.cloud.CloudRecipe;
import io.github.stereostation.cloud.DepthRange;
import io.github.stereostation.cloud.RadiusOutlierFilter;
import io.github.stereostation.cloud.StatisticalOutlierFilter;
import io.github.stereostation.cloud.DepthSmoother;
import picocli.CommandLine.Option;

/**
 * The options that shape a cloud once the disparity is known ({@code @Mixin CloudRecipeOptions recipe;}): depth
 * window, confidence cut, smoothing, outlier filters, down-sampling and the mesh's depth-jump limit, checked and
 * turned into one {@link CloudRecipe}.
 */
public final class CloudRecipeOptions {

    @Option(names = "--max-depth-jump", paramLabel = "RATIO", defaultValue = "0.05",
            description = "Largest relative depth step one mesh triangle may span (default: ${DEFAULT-VALUE}).")
    double maxDepthJump;

    @Option(names = "--min-depth", paramLabel = "M", defaultValue = "0",
            description = "Drop points nearer than this many metres (default: ${DEFAULT-VALUE}).")
    double minDepth;

    @Option(names = "--max-depth", paramLabel = "M", defaultValue = "" + DepthRange.DEFAULT_MAX_METRES,
            description = "Drop points farther than this many metres (default: ${DEFAULT-VALUE}; farther points come "
                    + "from disparities under a pixel and make every viewer zoom out; Infinity keeps them).")
    double maxDepth;

    @Option(names = "--min-confidence", paramLabel = "C", defaultValue = "0",
            description = "Drop pixels whose matcher confidence (0..255) is below C (default: ${DEFAULT-VALUE} = keep all).")
    int minConfidence;

    @Option(names = "--smooth", paramLabel = "PX", defaultValue = "0",
            description = "Edge-preserving depth smoothing over a (2*PX+1)^2 window before anything else (0 = off).")
    int smoothRadius;

    @Option(names = "--outliers", paramLabel = "K,STD",
            description = "Statistical outlier removal: drop points whose mean distance to K neighbours is more "
                    + "than STD standard deviations above average (e.g. 16,2). Points only.")
    String statistical;

    @Option(names = "--radius-outliers", paramLabel = "R,N",
            description = "Radius outlier removal: keep points with at least N neighbours within R metres. Points only.")
    String radius;

    @Option(names = "--voxel", paramLabel = "M", description = "Down-sample to one point per cube of M metres. Points only.")
    Double voxel;

    /** The recipe these options describe; a value out of range is a user error naming its option. */
    public CloudRecipe recipe() {
        if (!(maxDepth > minDepth) || minDepth < 0) {
            throw new UserInputException("--min-depth/--max-depth: expected 0 <= min < max, got " + minDepth + " and " + maxDepth);
        }
        if (minConfidence < 0 || minConfidence > 255) {
            throw new UserInputException("--min-confidence: expected 0..255, got " + minConfidence);
        }
        if (smoothRadius < 0 || smoothRadius > DepthSmoother.MAX_RADIUS_PX) {
            throw new UserInputException("--smooth: expected a radius of 0 to " + DepthSmoother.MAX_RADIUS_PX
                    + " pixels, got " + smoothRadius);
        }
        if (!(maxDepthJump > 0)) {
            throw new UserInputException("--max-depth-jump: expected a ratio > 0, got " + maxDepthJump);
        }
        CloudRecipe r = CloudRecipe.defaults().withRange(new DepthRange(minDepth, maxDepth)).withMinConfidence(minConfidence)
                .withSmoothing(smoothRadius).withMaxDepthJump(maxDepthJump);
        if (statistical != null) {
            String expected = "--outliers: expected K,STD with K from 1 to " + StatisticalOutlierFilter.MAX_NEIGHBOURS
                    + " and STD > 0, e.g. 16,2";
            double[] v = pair(statistical, expected);
            if (v[0] < 1 || v[0] > StatisticalOutlierFilter.MAX_NEIGHBOURS || v[0] != Math.rint(v[0]) || !(v[1] > 0)) {
                throw new UserInputException(expected + "; got " + statistical);
            }
            r = r.withStatisticalOutliers((int) v[0], v[1]);
        }
        if (radius != null) {
            String expected = "--radius-outliers: expected R,N with R > 0 metres and N from 1 to "
                    + RadiusOutlierFilter.MAX_NEIGHBOURS + ", e.g. 0.02,4";
            double[] v = pair(radius, expected);
            if (!(v[0] > 0) || v[1] < 1 || v[1] > RadiusOutlierFilter.MAX_NEIGHBOURS || v[1] != Math.rint(v[1])) {
                throw new UserInputException(expected + "; got " + radius);
            }
            r = r.withRadiusOutliers(v[0], (int) v[1]);
        }
        if (voxel != null) {
            if (!(voxel > 0)) {
                throw new UserInputException("--voxel: expected a cube size > 0 metres, got " + voxel);
            }
            r = r.withVoxel(voxel);
        }
        return r;
    }

    private static double[] pair(String text, String expected) {
        String[] parts = text.split(",");
        if (parts.length != 2) {
            throw new UserInputException(expected + "; got " + text);
        }
        try {
            return new double[]{Double.parseDouble(parts[0].trim()), Double.parseDouble(parts[1].trim())};
        } catch (NumberFormatException e) {
            throw new UserInputException(expected + "; got " + text);
        }
    }
}
