package io.github.stereostation.calibration;

import io.github.stereostation.UserInputException;
import io.github.stereostation.geometry.CameraIntrinsics;
import io.github.stereostation.geometry.Matrix3;
import io.github.stereostation.io.AtomicFiles;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Stereo calibrations as OpenCV FileStorage YAML, so {@code cv2.FileStorage(path, READ).getNode("K1").mat()}
 * works. Names follow OpenCV's stereo sample (K1, D1, K2, D2, R, T, E, F; R1, R2, P1, P2, Q for alpha 0),
 * plus the format version, board, image size and quality figures. Files are written atomically: a failed
 * save leaves the previous file untouched.
 */
public final class CalibrationFile {
    /** Identifies the file kind; {@link #VERSION} grows when a field changes meaning. */
    public static final String FORMAT = "stereo-station/stereo-calibration";
    public static final int VERSION = 1;

    private CalibrationFile() {
    }

    public static void write(StereoCalibration cal, Path file) throws IOException {
        AtomicFiles.write(file, render(cal));
    }

    static byte[] render(StereoCalibration cal) {
        RectificationGeometry g = RectificationGeometry.of(cal, 0);
        CalibrationQuality q = cal.quality();
        double[] e = essential(cal.rotation(), cal.translationMm());
        double[] f = fundamental(e, cal.left().cameraMatrix(), cal.right().cameraMatrix());
        return new OpenCvYaml.Writer()
                .comment("Stereo Station calibration: X_right = R * X_left + T, translations in mm.")
                .string("format", FORMAT)
                .integer("format_version", VERSION)
                .string("board", cal.board().toText())
                .integer("image_width", cal.imageWidth())
                .integer("image_height", cal.imageHeight())
                .matrix("K1", 3, 3, cal.left().cameraMatrix())
                .matrix("D1", 1, cal.left().distortion().length, cal.left().distortion())
                .matrix("K2", 3, 3, cal.right().cameraMatrix())
                .matrix("D2", 1, cal.right().distortion().length, cal.right().distortion())
                .matrix("R", 3, 3, cal.rotation())
                .matrix("T", 3, 1, cal.translationMm())
                .matrix("E", 3, 3, e)
                .matrix("F", 3, 3, f)
                .real("baseline_mm", cal.baselineMm())
                .comment("Rectification with alpha = 0 (only valid pixels), for OpenCV tools; Stereo Station recomputes it.")
                .matrix("R1", 3, 3, g.r1())
                .matrix("R2", 3, 3, g.r2())
                .matrix("P1", 3, 4, g.p1())
                .matrix("P2", 3, 4, g.p2())
                .matrix("Q", 4, 4, g.q())
                .comment("Quality: RMS reprojection errors and epipolar error after rectification, in pixels.")
                .integer("view_count", q.viewCount())
                .real("rms_left_px", q.rmsLeftPx())
                .real("rms_right_px", q.rmsRightPx())
                .real("rms_stereo_px", q.rmsStereoPx())
                .real("epipolar_mean_px", q.epipolarMeanPx())
                .real("epipolar_rms_px", q.epipolarRmsPx())
                .real("epipolar_max_px", q.epipolarMaxPx())
                .real("image_fill_left", q.imageFillLeft())
                .real("image_fill_right", q.imageFillRight())
                .bytes();
    }

    public static StereoCalibration read(Path file) {
        OpenCvYaml.Document doc = OpenCvYaml.Document.read(file);
        String format = doc.string("format");
        if (!FORMAT.equals(format)) {
            throw new UserInputException(file + ": not a stereo calibration (format is '" + format + "', expected '" + FORMAT + "')");
        }
        int version = doc.integer("format_version");
        if (version < 1 || version > VERSION) {
            throw new UserInputException(file + ": format_version " + version + " is not supported (this program reads 1.." + VERSION + ")");
        }
        BoardSpec board;
        try {
            board = BoardSpec.parse(doc.string("board"));
        } catch (UserInputException e) {
            throw new UserInputException(file + ": field 'board' is not a valid board spec: " + doc.string("board"));
        }
        int w = doc.integer("image_width");
        int h = doc.integer("image_height");
        requireImageSize(file, w, h);
        CameraIntrinsics left = intrinsics(doc, "K1", "D1", w, h);
        CameraIntrinsics right = intrinsics(doc, "K2", "D2", w, h);
        double[] r = doc.matrix("R", 3, 3);
        requireRotation(file, r);
        double[] t = doc.matrix("T", 3, 1);
        double baseline = Math.sqrt(t[0] * t[0] + t[1] * t[1] + t[2] * t[2]);
        if (!Double.isFinite(baseline) || baseline > 1e7) {
            throw new UserInputException(file + ": field 'T' is " + baseline + " mm long; expected a finite baseline");
        }
        if (baseline <= 0) {
            throw new UserInputException(file + ": field 'T' is zero; a stereo rig needs a baseline");
        }
        CalibrationQuality q = new CalibrationQuality(doc.integer("view_count"), doc.real("rms_left_px"),
                doc.real("rms_right_px"), doc.real("rms_stereo_px"), doc.real("epipolar_mean_px"),
                doc.real("epipolar_rms_px"), doc.real("epipolar_max_px"), doc.real("image_fill_left"),
                doc.real("image_fill_right"));
        return new StereoCalibration(board, left, right, r, t, q);
    }

    /** The largest image side a calibration may describe (rectification maps grow with its square). */
    public static final int MAX_IMAGE_SIDE = 20_000;
    /** Focal lengths beyond this many pixels are typing errors, not lenses. */
    public static final double MAX_FOCAL_PX = 1_000_000;
    /** Distortion models OpenCV knows: k1 k2 p1 p2 [k3 [k4 k5 k6 [s1..s4 [tx ty]]]]. */
    private static final java.util.Set<Integer> DISTORTION_TERMS = java.util.Set.of(4, 5, 8, 12, 14);

    static void requireImageSize(Path file, int w, int h) {
        if (w < 1 || h < 1 || w > MAX_IMAGE_SIDE || h > MAX_IMAGE_SIDE) {
            throw new UserInputException(file + ": image size " + w + "x" + h + "; expected 1 to " + MAX_IMAGE_SIDE
                    + " pixels a side");
        }
    }

    static CameraIntrinsics intrinsics(OpenCvYaml.Document doc, String kKey, String dKey, int w, int h) {
        double[] k = doc.matrix(kKey, 3, 3);
        double[] d = doc.matrix(dKey, 1, -1);
        if (!(k[0] > 0) || !(k[4] > 0) || k[1] != 0 || k[3] != 0 || k[6] != 0 || k[7] != 0 || k[8] != 1) {
            throw new UserInputException(doc.file() + ": field '" + kKey + "' is not a camera matrix [fx 0 cx; 0 fy cy; 0 0 1] with positive focal lengths");
        }
        if (!(k[0] <= MAX_FOCAL_PX) || !(k[4] <= MAX_FOCAL_PX)) {
            throw new UserInputException(doc.file() + ": field '" + kKey + "' has focal lengths " + k[0] + ", " + k[4]
                    + " px; expected up to " + (long) MAX_FOCAL_PX + " px");
        }
        if (!Double.isFinite(k[2]) || !Double.isFinite(k[5]) || Math.abs(k[2]) > 10.0 * w || Math.abs(k[5]) > 10.0 * h) {
            throw new UserInputException(doc.file() + ": field '" + kKey + "' has its principal point at (" + k[2] + ", "
                    + k[5] + "), far outside the " + w + "x" + h + " image");
        }
        if (!DISTORTION_TERMS.contains(d.length)) {
            throw new UserInputException(doc.file() + ": field '" + dKey + "' has " + d.length
                    + " distortion terms; expected 4, 5, 8, 12 or 14 (OpenCV's models)");
        }
        for (double v : d) {
            if (!Double.isFinite(v) || Math.abs(v) > 1e6) {
                throw new UserInputException(doc.file() + ": field '" + dKey + "' holds " + v
                        + "; expected finite distortion terms");
            }
        }
        return new CameraIntrinsics(w, h, k[0], k[4], k[2], k[5], d);
    }

    private static void requireRotation(Path file, double[] r) {
        // R R^T must be the identity and det(R) = +1; a hand-edited matrix usually breaks both.
        double worst = 0;
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double dot = 0;
                for (int k = 0; k < 3; k++) {
                    dot += r[3 * i + k] * r[3 * j + k];
                }
                worst = Math.max(worst, Math.abs(dot - (i == j ? 1 : 0)));
            }
        }
        double det = r[0] * (r[4] * r[8] - r[5] * r[7]) - r[1] * (r[3] * r[8] - r[5] * r[6]) + r[2] * (r[3] * r[7] - r[4] * r[6]);
        if (worst > 1e-6 || det < 0) {
            throw new UserInputException(file + ": field 'R' is not a rotation matrix (R*R^T differs from I by " + worst + ")");
        }
    }

    /** E = [T]x R. */
    static double[] essential(double[] r, double[] t) {
        double[] tx = {0, -t[2], t[1], t[2], 0, -t[0], -t[1], t[0], 0};
        return Matrix3.multiply(tx, r);
    }

    /** F = K2^-T E K1^-1. */
    static double[] fundamental(double[] e, double[] k1, double[] k2) {
        double[] k1inv = invertCamera(k1);
        double[] k2invT = Matrix3.transpose(invertCamera(k2));
        return Matrix3.multiply(Matrix3.multiply(k2invT, e), k1inv);
    }

    private static double[] invertCamera(double[] k) {
        double fx = k[0];
        double fy = k[4];
        double cx = k[2];
        double cy = k[5];
        return new double[]{1 / fx, 0, -cx / fx, 0, 1 / fy, -cy / fy, 0, 0, 1};
    }
}
