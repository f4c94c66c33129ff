package io.github.stereostation.calibration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The result of a board-free refinement: the calibration with the right camera turned back into place (same
 * intrinsics, same baseline length; the vertical principal point moved only when the data asked for it) and the
 * row error of the same matches before and after.
 *
 * @param calibration       the refined calibration
 * @param before            row error of the matches with the old calibration
 * @param after             row error of the matches with the refined calibration
 * @param turnDegrees       how far the right camera turned about the rectified x (baseline), y (vertical) and
 *                          z (optical) axes, degrees
 * @param disparityShiftPx  the disparity shift the turn about the vertical had caused, pixels
 * @param principalPointShiftPx change of the right camera's vertical principal point, pixels (0 when not estimated)
 * @param matchCount        matches used
 * @param pairCount         pairs they came from
 */
public record RefinedRectification(StereoCalibration calibration, RowError before, RowError after,
                                   double[] turnDegrees, double disparityShiftPx, double principalPointShiftPx,
                                   int matchCount, int pairCount) {

    /** Median and 90th percentile of |y_left - y_right| over matches, rectified pixels. */
    public record RowError(double medianPx, double p90Px) {
        public String text() {
            return String.format(Locale.ROOT, "%.2f px (90 %% within %.2f px)", medianPx, p90Px);
        }
    }

    /** Several lines for a report: before/after row error, the turn found and what it did to distances. */
    public String summary() {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "matches: %d from %d pairs%n", matchCount, pairCount));
        s.append("row error before: ").append(before.text()).append(System.lineSeparator());
        s.append("row error after:  ").append(after.text()).append(System.lineSeparator());
        s.append(String.format(Locale.ROOT, "right camera turned back by %.3f° about x (baseline), %.3f° about y "
                + "(vertical), %.3f° about z (optical axis)%n", turnDegrees[0], turnDegrees[1], turnDegrees[2]));
        s.append(String.format(Locale.ROOT, "disparity shift corrected: %.2f px%n", disparityShiftPx));
        if (principalPointShiftPx != 0) {
            s.append(String.format(Locale.ROOT, "right principal point moved by %.2f px vertically%n",
                    principalPointShiftPx));
        }
        s.append(String.format(Locale.ROOT, "intrinsics and baseline (%.2f mm) kept", calibration.baselineMm()));
        return s.toString();
    }

    /**
     * Writes the refined calibration to {@code file} atomically; a file already there is first kept as
     * {@code file.bak}.
     */
    public void save(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        CalibrationStore.keepBackup(file);
        calibration.save(file);
    }
}
