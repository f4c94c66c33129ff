package io.github.stereostation.depth;

import io.github.stereostation.io.ImageFiles;
import io.github.stereostation.UserInputException;
import org.opencv.core.Mat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * One rectified pair matched with a preset, and the files that keep the result: NAME.pfm (float pixels, NaN =
 * none), NAME.png (grey, near = light, none = black), NAME-colour.png (Turbo) and, when the matcher measures it,
 * NAME-confidence.png. The disparity command and the two-shot flow write their disparity here.
 *
 * @param matcher the matcher's one-line description
 * @param rangePx the disparity range searched (0 when the matcher does not say)
 * @param rangeChoice how the range was chosen ("given", or the estimate's words; empty when not said)
 * @param width   map width, pixels
 * @param height  map height, pixels
 * @param millis  matching time
 * @param files   the files' common stem, as {@code DIR/NAME.{png,pfm}}
 * @param coverage measured and filled shares of the map
 */
public record DisparityResultSet(String matcher, int rangePx, String rangeChoice, int width, int height,
                                 double millis, Path files, DisparityMap.Coverage coverage) {

    /**
     * Matches the pair and writes the files under {@code dir}; PNG and PFM files are written atomically.
     *
     * @throws UserInputException when the preset's range is not smaller than the image width
     */
    public static DisparityResultSet compute(Preset preset, Mat left, Mat right, Path dir, String name)
            throws IOException {
        if (preset.matcher().numDisparities() >= left.cols()) {
            throw new UserInputException("disparity range " + preset.matcher().numDisparities()
                    + " px is not smaller than the image width " + left.cols() + " px");
        }
        try (DisparityMatcher matcher = preset.createMatcher()) {
            long t0 = System.nanoTime();
            try (DisparityMap map = matcher.compute(left, right)) {
                double ms = (System.nanoTime() - t0) / 1e6;
                int range = matcher instanceof RangedMatcher r ? r.numDisparities() : 0;
                String choice = matcher instanceof RangedMatcher r ? r.rangeChoice() : "";
                write(dir, name, map, range);
                return new DisparityResultSet(matcher.describe(), range, choice, map.width(), map.height(), ms,
                        dir.resolve(name + ".{png,pfm}"), map.coverage());
            }
        }
    }

    /** Writes a map's files; the grey and colour scales top out at {@code rangePx} (or the largest disparity when 0). */
    public static void write(Path dir, String name, DisparityMap map, int rangePx) throws IOException {
        double top = rangePx > 0 ? rangePx : DisparityImages.maxFinite(map.disparity());
        Mat grey = DisparityImages.grey(map.disparity(), top);
        Mat colour = DisparityImages.colour(map.disparity(), top);
        try {
            Pfm.write(dir.resolve(name + ".pfm"), map.disparity());
            ImageFiles.writePng(dir.resolve(name + ".png"), grey);
            ImageFiles.writePng(dir.resolve(name + "-colour.png"), colour);
            if (map.confidence() != null) {
                ImageFiles.writePng(dir.resolve(name + "-confidence.png"), map.confidence());
            }
        } finally {
            grey.release();
            colour.release();
        }
    }

    /** "matcher, range N px (how), WxH, T ms, measured M %, filled F %, unknown U % -> DIR/NAME.{png,pfm}". */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s, range %d px%s, %dx%d, %.0f ms, measured %.1f %%, filled %.1f %%, "
                        + "unknown %.1f %% -> %s", matcher, rangePx, rangeChoice.isEmpty() ? "" : " (" + rangeChoice + ")",
                width, height, millis, coverage.measured(), coverage.filled(), coverage.unknown(), files);
    }
}
