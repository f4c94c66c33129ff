package io.github.stereostation.depth;

import io.github.stereostation.UserInputException;
import io.github.stereostation.geometry.DisparityToDepth;
import org.opencv.core.Mat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A Middlebury {@code calib.txt}: {@code cam0=[f 0 cx; 0 f cy; 0 0 1]}, {@code cam1=[...]}, {@code doffs},
 * {@code baseline} (mm), {@code width}, {@code height}, {@code ndisp}. For a rectified pair the depth of a
 * left pixel with disparity d is {@code Z[mm] = baseline * f / (d + doffs)}, where doffs = cx1 - cx0.
 * Older scenes carry only width/height/ndisp; {@link #isMetric()} tells them apart.
 */
public record MiddleburyCalib(double focalPx, double cx0Px, double cyPx, double cx1Px, double doffsPx,
                              double baselineMm, int width, int height, int ndisp) {

    /** Reads calib.txt; fields a scene lacks are NaN (floating) or 0 (integer). */
    public static MiddleburyCalib read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UserInputException(file + ": cannot read calib.txt (" + e.getMessage() + ")", e);
        }
        Map<String, String> kv = new HashMap<>();
        for (String line : text.split("\\R")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                kv.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
            }
        }
        if (kv.isEmpty()) {
            throw new UserInputException(file + ": not a Middlebury calib.txt (expected key=value lines such as cam0=..., baseline=...)");
        }
        double f = Double.NaN, cx0 = Double.NaN, cy = Double.NaN, cx1 = Double.NaN;
        if (kv.containsKey("cam0")) {
            double[] k0 = matrix(kv.get("cam0"), file, "cam0");
            f = k0[0];
            if (!(f >= MIN_FOCAL_PX && f <= MAX_FOCAL_PX)) {
                throw new UserInputException(file + ": cam0 focal length " + k0[0] + " px; expected "
                        + (int) MIN_FOCAL_PX + " to " + (int) MAX_FOCAL_PX + " px");
            }
            cx0 = k0[2];
            cy = k0[5];
        }
        if (kv.containsKey("cam1")) {
            cx1 = matrix(kv.get("cam1"), file, "cam1")[2];
        }
        double doffs = number(kv, "doffs", file, Double.NaN);
        if (Double.isNaN(doffs) && !Double.isNaN(cx0) && !Double.isNaN(cx1)) {
            doffs = cx1 - cx0;
        }
        return new MiddleburyCalib(f, cx0, cy, cx1, doffs, number(kv, "baseline", file, Double.NaN),
                (int) number(kv, "width", file, 0), (int) number(kv, "height", file, 0),
                (int) number(kv, "ndisp", file, 0));
    }

    /** Focal lengths outside this range (pixels) are typing errors: no lens and sensor give them. */
    public static final double MIN_FOCAL_PX = 1;
    public static final double MAX_FOCAL_PX = 1_000_000;

    /** True when focal length, principal point, doffs and baseline are all known (a metric calib.txt). */
    public boolean isMetric() {
        return Double.isFinite(focalPx) && Double.isFinite(cx0Px) && Double.isFinite(cyPx)
                && Double.isFinite(doffsPx) && Double.isFinite(baselineMm) && baselineMm > 0;
    }

    /** Depth in metres of a left pixel with disparity {@code d} px: baseline * f / (d + doffs), mm to m. */
    public double depthMetres(double disparityPx) {
        return baselineMm * focalPx / (disparityPx + doffsPx) / 1000.0;
    }

    /**
     * The 4x4 reprojection matrix (CV_64F, millimetres) in OpenCV's {@code stereoRectify} form, so that
     * [X Y Z W] = Q [x y d 1] gives Z/W = baseline * f / (d + doffs). The caller releases it.
     */
    public Mat q(Path source) {
        if (!isMetric()) {
            throw new UserInputException(source + ": calib.txt has no metric calibration (needs cam0, cam1 or doffs, and baseline)");
        }
        return new DisparityToDepth(focalPx, baselineMm / 1000.0, doffsPx, cx0Px, cyPx).qMat();
    }

    private static double[] matrix(String value, Path file, String key) {
        String inner = value.replace("[", " ").replace("]", " ").replace(";", " ").trim();
        String[] parts = inner.split("\\s+");
        if (parts.length != 9) {
            throw new UserInputException(file + ": " + key + " must be a 3x3 matrix [f 0 cx; 0 f cy; 0 0 1], got '" + value + "'");
        }
        double[] m = new double[9];
        for (int i = 0; i < 9; i++) {
            try {
                m[i] = Double.parseDouble(parts[i]);
            } catch (NumberFormatException e) {
                throw new UserInputException(file + ": " + key + " has a non-number '" + parts[i] + "'");
            }
        }
        return m;
    }

    private static double number(Map<String, String> kv, String key, Path file, double absent) {
        String v = kv.get(key);
        if (v == null) {
            return absent;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new UserInputException(file + ": " + key + " must be a number, got '" + v + "'");
        }
    }
}
