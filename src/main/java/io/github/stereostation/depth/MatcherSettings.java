package io.github.stereostation.depth;

import io.github.stereostation.InvalidValueException;
import io.github.stereostation.UserInputException;

import java.util.Locale;

/**
 * Parameters of one OpenCV matcher run. Penalties are not stored: they follow from block size and channel
 * count the way OpenCV's own sample derives them (P1 = 8·cn·bs², P2 = 32·cn·bs²), so changing the block size
 * can never leave them inconsistent.
 *
 * @param algorithm        block matching (StereoBM, grey) or semi-global matching (StereoSGBM, colour)
 * @param sgbmMode         path layout of SGBM (ignored by BM)
 * @param numDisparities   disparity search range in pixels, a multiple of 16; 0 = estimate from the images
 * @param blockSize        matching window side, odd
 * @param uniquenessRatio  percent by which the best cost must beat the second best
 * @param speckleWindow    largest blob (pixels) removed as a speckle; 0 = off
 * @param speckleRange     disparity step (pixels) that still joins a blob
 * @param disp12MaxDiff    OpenCV's internal left-right check tolerance in pixels; negative = off
 * @param preFilterCap     clip of the x-derivative prefilter
 */
public record MatcherSettings(Algorithm algorithm, SgbmMode sgbmMode, int numDisparities, int blockSize,
                              int uniquenessRatio, int speckleWindow, int speckleRange, int disp12MaxDiff,
                              int preFilterCap) {

    public enum Algorithm {
        BM, SGBM;

        @com.fasterxml.jackson.annotation.JsonCreator
        public static Algorithm fromText(String s) {
            return parse(s, "matcher.algorithm");
        }

        public static Algorithm parse(String s, String option) {
            return switch (s.toLowerCase(Locale.ROOT)) {
                case "bm" -> BM;
                case "sgbm" -> SGBM;
                default -> throw new UserInputException(option + ": unknown matcher '" + s + "'; valid: bm, sgbm");
            };
        }
    }

    /** SGBM variants: 5 paths (OpenCV default), full 8 paths (Hirschmüller), or the 3-way parallel version. */
    public enum SgbmMode {
        SGBM(0), HH(1), THREE_WAY(2);

        public final int opencvMode;

        SgbmMode(int opencvMode) {
            this.opencvMode = opencvMode;
        }

        @com.fasterxml.jackson.annotation.JsonCreator
        public static SgbmMode fromText(String s) {
            return parse(s, "matcher.sgbmMode");
        }

        public static SgbmMode parse(String s, String option) {
            return switch (s.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "")) {
                case "sgbm" -> SGBM;
                case "hh" -> HH;
                case "3way", "threeway" -> THREE_WAY;
                default -> throw new UserInputException(option + ": unknown SGBM mode '" + s
                        + "'; valid: sgbm, hh, 3way");
            };
        }
    }

    /** The values' names, as messages and {@link InvalidValueException#field()} give them. */
    public static final String ALGORITHM = "matcher algorithm";
    public static final String BLOCK_SIZE = "block size";
    public static final String DISPARITY_RANGE = "disparity range";
    public static final String UNIQUENESS = "uniqueness ratio";
    public static final String SPECKLE_WINDOW = "speckle window";
    public static final String SPECKLE_RANGE = "speckle range";
    public static final String PRE_FILTER_CAP = "pre-filter cap";

    public static final int BM_MIN_BLOCK = 5;
    public static final int BM_MAX_BLOCK = 255;
    public static final int SGBM_MIN_BLOCK = 1;
    public static final int SGBM_MAX_BLOCK = 21;

    public MatcherSettings {
        if (algorithm == null) {
            throw new InvalidValueException(ALGORITHM, "matcher algorithm missing; valid: bm, sgbm");
        }
        sgbmMode = sgbmMode == null ? SgbmMode.THREE_WAY : sgbmMode;
        int lo = algorithm == Algorithm.BM ? BM_MIN_BLOCK : SGBM_MIN_BLOCK;
        int hi = algorithm == Algorithm.BM ? BM_MAX_BLOCK : SGBM_MAX_BLOCK;
        if (blockSize % 2 == 0 || blockSize < lo || blockSize > hi) {
            throw new InvalidValueException(BLOCK_SIZE, "block size " + blockSize + " must be odd, between " + lo
                    + " and " + hi + " for " + algorithm.name().toLowerCase(Locale.ROOT));
        }
        if (numDisparities < 0) {
            throw new InvalidValueException(DISPARITY_RANGE, "disparity range " + numDisparities
                    + " must not be negative: a number of pixels, or 0 to estimate it from the images");
        }
        if (uniquenessRatio < 0 || uniquenessRatio > 100) {
            throw new InvalidValueException(UNIQUENESS, "uniqueness ratio " + uniquenessRatio
                    + " must be between 0 and 100 (percent)");
        }
        if (speckleWindow < 0) {
            throw new InvalidValueException(SPECKLE_WINDOW, "speckle window " + speckleWindow + " must not be negative");
        }
        if (speckleRange < 0) {
            throw new InvalidValueException(SPECKLE_RANGE, "speckle range " + speckleRange + " must not be negative");
        }
        if (preFilterCap < 1 || preFilterCap > 63) {
            throw new InvalidValueException(PRE_FILTER_CAP, "pre-filter cap " + preFilterCap + " must be between 1 and 63");
        }
    }

    /**
     * Refuses a fixed disparity range that does not fit in the image: OpenCV needs it below the image width.
     *
     * @throws InvalidValueException naming the {@link #DISPARITY_RANGE}
     */
    public static void checkRangeFits(int numDisparities, int imageWidth) {
        if (numDisparities >= imageWidth) {
            throw new InvalidValueException(DISPARITY_RANGE, "disparity range " + numDisparities
                    + " px must be smaller than the image width " + imageWidth + " px; at most "
                    + Math.max(16, (imageWidth - 1) / 16 * 16));
        }
    }

    /** Good-without-tuning SGBM: colour, small window, OpenCV-sample uniqueness/speckle values, range from images. */
    public static MatcherSettings defaultSgbm() {
        return new MatcherSettings(Algorithm.SGBM, SgbmMode.THREE_WAY, 0, 5, 10, 100, 2, 1, 63);
    }

    /** Tuned StereoBM: larger window (BM has no smoothness term), textured-area uniqueness. */
    public static MatcherSettings defaultBm() {
        return new MatcherSettings(Algorithm.BM, SgbmMode.THREE_WAY, 0, 15, 15, 100, 2, 1, 31);
    }

    public static MatcherSettings defaults(Algorithm algorithm) {
        return algorithm == Algorithm.BM ? defaultBm() : defaultSgbm();
    }

    /** The range rounded up to OpenCV's multiple of 16 (0 stays 0 = automatic). */
    public static int roundUpTo16(int disparities) {
        return (disparities + 15) / 16 * 16;
    }

    public MatcherSettings withNumDisparities(int n) {
        return new MatcherSettings(algorithm, sgbmMode, roundUpTo16(n), blockSize, uniquenessRatio, speckleWindow,
                speckleRange, disp12MaxDiff, preFilterCap);
    }

    public MatcherSettings withBlockSize(int bs) {
        return new MatcherSettings(algorithm, sgbmMode, numDisparities, bs, uniquenessRatio, speckleWindow,
                speckleRange, disp12MaxDiff, preFilterCap);
    }

    public MatcherSettings withSgbmMode(SgbmMode m) {
        return new MatcherSettings(algorithm, m, numDisparities, blockSize, uniquenessRatio, speckleWindow,
                speckleRange, disp12MaxDiff, preFilterCap);
    }

    public MatcherSettings withUniqueness(int u) {
        return new MatcherSettings(algorithm, sgbmMode, numDisparities, blockSize, u, speckleWindow,
                speckleRange, disp12MaxDiff, preFilterCap);
    }

    public MatcherSettings withSpeckle(int window, int range) {
        return new MatcherSettings(algorithm, sgbmMode, numDisparities, blockSize, uniquenessRatio, window,
                range, disp12MaxDiff, preFilterCap);
    }

    public MatcherSettings withDisp12MaxDiff(int d) {
        return new MatcherSettings(algorithm, sgbmMode, numDisparities, blockSize, uniquenessRatio, speckleWindow,
                speckleRange, d, preFilterCap);
    }

    /** Small-penalty P1 = 8·cn·bs² (cn = channels seen by the matcher). */
    public int p1(int channels) {
        return 8 * channels * blockSize * blockSize;
    }

    /** Large-penalty P2 = 32·cn·bs². */
    public int p2(int channels) {
        return 32 * channels * blockSize * blockSize;
    }

    /** Builds the matcher these settings describe. */
    public DisparityMatcher createMatcher() {
        return algorithm == Algorithm.BM ? new BlockMatcher(this) : new SemiGlobalMatcher(this);
    }

    public String describe() {
        return algorithm == Algorithm.BM
                ? "bm block=" + blockSize
                : "sgbm-" + sgbmMode.name().toLowerCase(Locale.ROOT).replace("three_way", "3way")
                + " block=" + blockSize;
    }
}
