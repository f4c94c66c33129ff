package io.github.stereostation.depth;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Switches and parameters of the post-processing chain that runs after a matcher. Every stage can be off.
 *
 * @param leftRightCheck     match right→left too and reject pixels whose two disparities disagree
 * @param leftRightTolerance largest |dL − dR| in pixels still counted as consistent
 * @param fillHoles          give rejected pixels a disparity: occlusions that of the background side (smaller
 *                           neighbour); with the left-right check, mismatches the median of the nearest
 *                           disparities around them ({@link MismatchFill})
 * @param smoothing          edge-aware smoothing guided by the left image: pixels the matcher lent to the near
 *                           side of a depth edge given back ({@link DepthEdgeSnap}), a colour-weighted median
 *                           for low-confidence pixels and a robust joint-bilateral mean for all pixels
 * @param medianRadius       half window of the weighted median (pixels)
 * @param bilateralRadius    half window of the robust mean (pixels); 0 = skip that step
 * @param colourSigma        colour distance (sum of |ΔB|+|ΔG|+|ΔR|) at which a neighbour's weight falls to 1/e
 * @param downscale          match at up to 1/downscale resolution and upsample (1 = full resolution); the
 *                           factor shrinks so the matched image stays at least
 *                           {@link FilteredMatcher#MIN_MATCH_WIDTH} px wide
 * @param detail             0..1: when above 0, the right image's histogram is first mapped onto the left's
 *                           ({@link ExposureMatch}: gain, exposure, tone curve), then this share of each
 *                           image's local brightness (a median, {@link DetailStep#WINDOW_PX})
 *                           is removed before matching, so that glare and vignetting that differ between
 *                           the two cameras do not look like different surfaces (0 = match the images as
 *                           they are)
 * @param globalSmoothing    strength (lambda) of the edge-aware global smoother ({@link FastGlobalSmoother})
 *                           run after the other steps; 0 = off
 * @param fillUntextured     keep the guesses in large regions without texture (blank walls, sky); off, they
 *                           stay without a disparity, because no camera pair can measure them
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record FilterSettings(boolean leftRightCheck, double leftRightTolerance, boolean fillHoles,
                             boolean smoothing, int medianRadius, int bilateralRadius, double colourSigma,
                             int downscale, double detail, double globalSmoothing,
                             boolean fillUntextured) {

    public FilterSettings {
        if (leftRightTolerance < 0) {
            throw new IllegalArgumentException("leftRightTolerance must not be negative");
        }
        if (medianRadius < 0 || bilateralRadius < 0) {
            throw new IllegalArgumentException("filter radii must not be negative");
        }
        colourSigma = colourSigma <= 0 ? 30 : colourSigma;
        downscale = downscale <= 0 ? 1 : downscale;
        if (detail < 0 || detail > 1) {
            throw new IllegalArgumentException("detail " + detail + " is out of range 0..1");
        }
        if (globalSmoothing < 0) {
            throw new IllegalArgumentException("globalSmoothing must not be negative");
        }
    }

    /** The chain without the photometric and global steps (both off). */
    public FilterSettings(boolean leftRightCheck, double leftRightTolerance, boolean fillHoles, boolean smoothing,
                          int medianRadius, int bilateralRadius, double colourSigma, int downscale) {
        this(leftRightCheck, leftRightTolerance, fillHoles, smoothing, medianRadius, bilateralRadius, colourSigma,
                downscale, 0, 0, false);
    }

    /** Every stage off: the matcher's output as it is. */
    public static FilterSettings none() {
        return new FilterSettings(false, 1, false, false, 0, 0, 30, 1);
    }

    public boolean any() {
        return leftRightCheck || fillHoles || smoothing || downscale > 1 || detail > 0 || globalSmoothing > 0;
    }

    public FilterSettings withLeftRightCheck(boolean on) {
        return new FilterSettings(on, leftRightTolerance, fillHoles, smoothing, medianRadius, bilateralRadius,
                colourSigma, downscale, detail, globalSmoothing, fillUntextured);
    }

    public FilterSettings withFillHoles(boolean on) {
        return new FilterSettings(leftRightCheck, leftRightTolerance, on, smoothing, medianRadius, bilateralRadius,
                colourSigma, downscale, detail, globalSmoothing, fillUntextured);
    }

    public FilterSettings withSmoothing(boolean on) {
        return new FilterSettings(leftRightCheck, leftRightTolerance, fillHoles, on, medianRadius, bilateralRadius,
                colourSigma, downscale, detail, globalSmoothing, fillUntextured);
    }

    public FilterSettings withDownscale(int factor) {
        return new FilterSettings(leftRightCheck, leftRightTolerance, fillHoles, smoothing, medianRadius,
                bilateralRadius, colourSigma, factor, detail, globalSmoothing, fillUntextured);
    }

    public FilterSettings withDetail(double share) {
        return new FilterSettings(leftRightCheck, leftRightTolerance, fillHoles, smoothing, medianRadius,
                bilateralRadius, colourSigma, downscale, share, globalSmoothing, fillUntextured);
    }

    public FilterSettings withGlobalSmoothing(double lambda) {
        return new FilterSettings(leftRightCheck, leftRightTolerance, fillHoles, smoothing, medianRadius,
                bilateralRadius, colourSigma, downscale, detail, lambda, fillUntextured);
    }

    public FilterSettings withFillUntextured(boolean on) {
        return new FilterSettings(leftRightCheck, leftRightTolerance, fillHoles, smoothing, medianRadius,
                bilateralRadius, colourSigma, downscale, detail, globalSmoothing, on);
    }

    /** These settings with the photometric and global-smoothing choices of {@code other}. */
    public FilterSettings withStepsOf(FilterSettings other) {
        return withDetail(other.detail()).withGlobalSmoothing(other.globalSmoothing())
                .withFillUntextured(other.fillUntextured());
    }
}
