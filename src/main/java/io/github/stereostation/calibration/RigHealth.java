package io.github.stereostation.calibration;

import java.util.Locale;

/**
 * How well the current rectification fits the rig, from sparse matches on live rectified pairs.
 *
 * @param verdict            good, slightly off, moved, or unknown (too few matches yet)
 * @param rowErrorPx         median |y_left - y_right| of the matches, rectified pixels
 * @param sideRowErrorPx     90th percentile of |y_left - y_right|: a turn about the optical axis shows at the sides
 * @param disparityShiftPx   how far every disparity is shifted by a turn of the right camera about the vertical,
 *                           pixels (rows hardly show it; distances do); NaN when the matches cannot tell
 * @param depthErrorPercent  what that shift does to distances at the matches' median disparity, per cent (NaN
 *                           when unknown)
 * @param trendPxPerMinute   how fast the row error changes, pixels per minute (NaN until a few checks span 10 s)
 * @param matchCount         matches behind the figures
 */
public record RigHealth(Verdict verdict, double rowErrorPx, double sideRowErrorPx, double disparityShiftPx,
                        double depthErrorPercent, double trendPxPerMinute, int matchCount) {

    /** Median row error up to which the rectification counts as good. */
    public static final double GOOD_PX = 0.5;
    /** Median row error beyond which the rig has moved (matching degrades clearly). */
    public static final double MOVED_PX = 1.0;
    /** Row error at the sides beyond which the rig has moved. */
    public static final double MOVED_SIDES_PX = 1.0;
    /** A disparity shift beyond this (and well determined) means distances are off: moved. */
    public static final double MOVED_DISPARITY_PX = 1.0;

    public enum Verdict { UNKNOWN, GOOD, SLIGHTLY_OFF, MOVED }

    public static final RigHealth UNKNOWN = new RigHealth(Verdict.UNKNOWN, Double.NaN, Double.NaN, Double.NaN,
            Double.NaN, Double.NaN, 0);

    /** True when a refinement of the rectification would help. */
    public boolean needsRefinement() {
        return verdict == Verdict.MOVED || verdict == Verdict.SLIGHTLY_OFF;
    }

    /** One line in words and numbers, e.g. "rectification good: 0.2 px" or "rig moved: rows off by 1.6 px". */
    public String text() {
        String trend = Double.isFinite(trendPxPerMinute) && Math.abs(trendPxPerMinute) >= 0.1
                ? String.format(Locale.ROOT, ", %s %.1f px/min", trendPxPerMinute > 0 ? "rising" : "falling",
                Math.abs(trendPxPerMinute)) : "";
        return switch (verdict) {
            case UNKNOWN -> "rectification: checking (needs a textured view)";
            case GOOD -> String.format(Locale.ROOT, "rectification good: %.1f px", rowErrorPx) + trend;
            case SLIGHTLY_OFF -> String.format(Locale.ROOT, "rectification slightly off: rows off by %.1f px%s",
                    rowErrorPx, sides()) + trend;
            case MOVED -> "rig moved: " + movedWhat() + trend;
        };
    }

    private String movedWhat() {
        boolean rows = rowErrorPx > MOVED_PX || sideRowErrorPx > MOVED_SIDES_PX;
        String distances = Double.isFinite(depthErrorPercent) && Math.abs(disparityShiftPx) > MOVED_DISPARITY_PX
                ? String.format(Locale.ROOT, "distances off by about %.0f %% (disparity shifted %.1f px)",
                Math.abs(depthErrorPercent), Math.abs(disparityShiftPx)) : null;
        String rowText = String.format(Locale.ROOT, "rows off by %.1f px%s", rowErrorPx, sides());
        if (rows && distances != null) {
            return rowText + ", " + distances;
        }
        return rows || distances == null ? rowText : distances;
    }

    private String sides() {
        return sideRowErrorPx > 1.5 * rowErrorPx && sideRowErrorPx > GOOD_PX
                ? String.format(Locale.ROOT, " (%.1f px at the sides)", sideRowErrorPx) : "";
    }
}
