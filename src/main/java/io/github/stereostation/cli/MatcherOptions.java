package io.github.stereostation.cli;

import io.github.stereostation.UserInputException;
import io.github.stereostation.config.StationSettings;
import io.github.stereostation.depth.MatcherSettings;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import io.github.stereostation.depth.FilterSettings;
import io.github.stereostation.depth.Preset;

/**
 * Matcher options shared by {@code disparity}, {@code eval} and {@code cloud}; unset options fall back to the
 * station settings ({@link ConfigOption}).
 */
final class MatcherOptions {

    @Option(names = "--preset", paramLabel = "NAME", split = ",",
            description = "Named matcher + filter set from config/presets/: fast (live loop), balanced, "
                    + "none (bare OpenCV SGBM). Default: matcher.preset in the settings file. "
                    + "eval accepts several, comma-separated, and compares them side by side.")
    List<String> presets;

    @Option(names = "--lr-check", negatable = true, fallbackValue = "true",
            description = "Left-right consistency check: match right-to-left too and reject pixels whose two "
                    + "disparities disagree (--no-lr-check switches it off). Default: the preset's choice.")
    Boolean lrCheck;

    @Option(names = "--fill", negatable = true, fallbackValue = "true",
            description = "Fill rejected pixels: occlusions from the background side (the farther neighbour), "
                    + "with the left-right check mismatches from the disparities around them "
                    + "(--no-fill switches it off). Default: the preset's choice.")
    Boolean fill;

    @Option(names = "--smoothing", negatable = true, fallbackValue = "true",
            description = "Edge-aware smoothing guided by the left image (--no-smoothing switches it off). "
                    + "Default: the preset's choice.")
    Boolean smoothing;

    @Option(names = "--downscale", paramLabel = "F",
            description = "Match at 1/F resolution and upsample (1 = full). Default: the preset's choice.")
    Integer downscale;

    @Option(names = "--matcher", paramLabel = "bm|sgbm",
            description = "Matching algorithm: sgbm (semi-global, colour) or bm (block matching, grey). "
                    + "Default: matcher.algorithm in the settings file.")
    String matcher;

    @Option(names = "--mode", paramLabel = "3way|hh|sgbm",
            description = "SGBM path layout: 3way (fast, default), hh (8 paths, full memory), sgbm (5 paths).")
    String mode;

    @Option(names = "--num-disparities", paramLabel = "N",
            description = "Disparity search range in pixels (OpenCV's numDisparities), rounded up to a multiple "
                    + "of 16. Default: estimated from the images.")
    Integer numDisparities;

    @Option(names = "--max-disparity", paramLabel = "PX",
            description = "Largest disparity expected in the scene (nearest object), in pixels; the range becomes "
                    + "PX+1 rounded up to 16. Default: matcher.maxDisparity in the settings file, 0 = estimate "
                    + "from the images with sparse feature matches.")
    Integer maxDisparity;

    @Option(names = "--block-size", paramLabel = "N",
            description = "Matching window side, odd: 1..21 for sgbm, 5..255 for bm. Default: "
                    + "matcher.blockSize in the settings file, else the preset's (3 in the shipped sgbm presets; "
                    + "15 for bm). "
                    + "SGBM penalties follow it: P1=8*cn*N^2, P2=32*cn*N^2.")
    Integer blockSize;

    @Option(names = "--uniqueness", paramLabel = "PCT",
            description = "Uniqueness ratio in percent (best cost must beat the second best by this much).")
    Integer uniqueness;

    @Option(names = "--speckle-window", paramLabel = "PX",
            description = "Largest blob removed as a speckle, in pixels (0 = off).")
    Integer speckleWindow;

    @Option(names = "--speckle-range", paramLabel = "PX",
            description = "Disparity step in pixels that still joins a speckle blob.")
    Integer speckleRange;

    /** The matcher settings these options describe, over {@code base}. */
    MatcherSettings resolve(MatcherSettings base) {
        MatcherSettings s = base;
        String algo = matcher != null ? matcher : null;
        if (algo != null) {
            MatcherSettings.Algorithm a = MatcherSettings.Algorithm.parse(algo, "--matcher");
            if (a != s.algorithm()) {
                s = MatcherSettings.defaults(a).withNumDisparities(s.numDisparities());
            }
        }
        if (mode != null) {
            s = s.withSgbmMode(MatcherSettings.SgbmMode.parse(mode, "--mode"));
        }
        if (numDisparities != null && maxDisparity != null) {
            throw new UserInputException("--num-disparities and --max-disparity: give one, not both");
        }
        if (numDisparities != null) {
            if (numDisparities <= 0) {
                throw new UserInputException("--num-disparities: " + numDisparities + " is not positive");
            }
            s = s.withNumDisparities(numDisparities);
        } else if (maxDisparity != null) {
            if (maxDisparity < 0) {
                throw new UserInputException("--max-disparity: " + maxDisparity
                        + " is negative; expected pixels, or 0 to estimate from the images");
            }
            s = s.withNumDisparities(maxDisparity == 0 ? 0 : maxDisparity + 1);
        }
        if (blockSize != null) {
            s = s.withBlockSize(blockSize);
        }
        if (uniqueness != null) {
            s = s.withUniqueness(uniqueness);
        }
        if (speckleWindow != null || speckleRange != null) {
            s = s.withSpeckle(speckleWindow != null ? speckleWindow : s.speckleWindow(),
                    speckleRange != null ? speckleRange : s.speckleRange());
        }
        return s;
    }

    /**
     * The presets named on the command line (or the settings' {@code matcher.preset}), with the settings'
     * matcher overrides and then these options applied.
     */
    List<Preset> resolvePresets(StationSettings settings) {
        StationSettings.Matcher station = settings.matcher();
        List<String> names = presets != null && !presets.isEmpty() ? presets : List.of(station.preset());
        List<Preset> out = new ArrayList<>();
        for (String n : names) {
            Preset p = Preset.load(n, station);
            p = p.withMatcher(resolve(p.matcher()));
            FilterSettings f = p.filters();
            if (downscale != null) {
                if (downscale < 1 || downscale > 8) {
                    throw new UserInputException("--downscale: " + downscale + " is out of range; expected 1 to 8");
                }
                f = f.withDownscale(downscale);
            }
            if (lrCheck != null) {
                f = f.withLeftRightCheck(lrCheck);
            }
            if (fill != null) {
                f = f.withFillHoles(fill);
            }
            if (smoothing != null) {
                f = f.withSmoothing(smoothing);
            }
            out.add(p.withFilters(f));
        }
        return out;
    }

    /** Whether the user fixed the range on the command line or in the settings. */
    boolean rangeGiven(StationSettings settings) {
        return numDisparities != null || (maxDisparity != null && maxDisparity > 0)
                || (maxDisparity == null && settings.matcher().maxDisparity() > 0);
    }
}
