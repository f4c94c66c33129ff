package io.github.stereostation.calibration;

import io.github.stereostation.geometry.CameraIntrinsics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What a stereo calibration run measured, for people and for a UI: per-view errors of the views kept, the
 * views dropped for a too high error, the images skipped because no board was found, each camera's coverage,
 * the quality figures and which stereo fit was used.
 */
public record CalibrationReport(List<ViewError> views, List<ViewError> dropped, List<String> skipped,
                                Coverage coverageLeft, Coverage coverageRight, CalibrationQuality quality,
                                String stereoFit) {

    public CalibrationReport {
        views = List.copyOf(views);
        dropped = List.copyOf(dropped);
        skipped = List.copyOf(skipped);
    }

    /** The same report also listing images in which no board was found. */
    public CalibrationReport withSkipped(List<String> skippedImages) {
        List<String> all = new ArrayList<>(skipped);
        all.addAll(skippedImages);
        return new CalibrationReport(views, dropped, all, coverageLeft, coverageRight, quality, stereoFit);
    }

    /** A plain-text report of this run and the calibration it produced. */
    public String describe(StereoCalibration cal) {
        StringBuilder sb = new StringBuilder();
        CalibrationQuality q = quality;
        f(sb, "Board %s, images %dx%d, %d views used%n", cal.board().toText(), cal.imageWidth(), cal.imageHeight(), q.viewCount());
        for (String s : skipped) {
            f(sb, "  skipped: %s%n", s);
        }
        for (ViewError d : dropped) {
            f(sb, "  dropped (error too high): %s  left %.3f px, right %.3f px%n", d.name(), d.leftRmsPx(), d.rightRmsPx());
        }
        f(sb, "Reprojection RMS: left %.3f px, right %.3f px, stereo %.3f px (%s)%n",
                q.rmsLeftPx(), q.rmsRightPx(), q.rmsStereoPx(), stereoFit);
        f(sb, "Epipolar error after rectification: mean %.3f px, RMS %.3f px, max %.3f px%n",
                q.epipolarMeanPx(), q.epipolarRmsPx(), q.epipolarMaxPx());
        camera(sb, "Left ", cal.left());
        camera(sb, "Right", cal.right());
        double[] t = cal.translationMm();
        f(sb, "Baseline %.3f mm  (T = [%.3f, %.3f, %.3f] mm, rotation %.3f deg)%n", cal.baselineMm(), t[0], t[1], t[2],
                Math.toDegrees(rotationAngle(cal.rotation())));
        coverage(sb, "left ", coverageLeft);
        coverage(sb, "right", coverageRight);
        sb.append("Per-view RMS error (px):\n");
        for (ViewError v : views) {
            f(sb, "  %-28s left %.3f  right %.3f%n", v.name(), v.leftRmsPx(), v.rightRmsPx());
        }
        return sb.toString();
    }

    private static void camera(StringBuilder sb, String name, CameraIntrinsics c) {
        f(sb, "%s camera: focal %.2f / %.2f px, principal point (%.2f, %.2f), distortion %s%n", name, c.fxPx(), c.fyPx(),
                c.cxPx(), c.cyPx(), Arrays.stream(c.distortion()).mapToObj(v -> String.format(Locale.ROOT, "%.4f", v)).toList());
    }

    private static void coverage(StringBuilder sb, String name, Coverage c) {
        f(sb, "Coverage %s: image %.0f %%, x %.0f %%, y %.0f %%, size %.0f %%, skew %.0f %%%n", name,
                100 * c.imageFill(), 100 * c.xProgress(), 100 * c.yProgress(), 100 * c.sizeProgress(), 100 * c.skewProgress());
    }

    static double rotationAngle(double[] r) {
        double cos = (r[0] + r[4] + r[8] - 1) / 2;
        return Math.acos(Math.max(-1, Math.min(1, cos)));
    }

    private static void f(StringBuilder sb, String fmt, Object... args) {
        sb.append(String.format(Locale.ROOT, fmt, args));
    }
}
