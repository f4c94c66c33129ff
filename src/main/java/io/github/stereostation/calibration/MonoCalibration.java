package io.github.stereostation.calibration;

import io.github.stereostation.UserInputException;
import io.github.stereostation.geometry.CameraIntrinsics;
import io.github.stereostation.io.AtomicFiles;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A single camera's calibration: intrinsics, the board used, the overall RMS reprojection error and each
 * view's error (same order as {@code viewNames}). Saved as OpenCV YAML with ROS-style names
 * ({@code camera_matrix}, {@code distortion_coefficients}).
 */
public record MonoCalibration(BoardSpec board, CameraIntrinsics intrinsics, double rmsPx, List<String> viewNames,
                              double[] viewRmsPx, Coverage coverage) {
    public static final String FORMAT = "stereo-station/mono-calibration";

    public MonoCalibration {
        viewNames = List.copyOf(viewNames);
        viewRmsPx = viewRmsPx.clone();
    }

    @Override
    public double[] viewRmsPx() {
        return viewRmsPx.clone();
    }

    public void save(Path file) throws IOException {
        AtomicFiles.write(file, new OpenCvYaml.Writer()
                .comment("Stereo Station single-camera calibration")
                .string("format", FORMAT)
                .integer("format_version", 1)
                .string("board", board.toText())
                .integer("image_width", intrinsics.width())
                .integer("image_height", intrinsics.height())
                .matrix("camera_matrix", 3, 3, intrinsics.cameraMatrix())
                .matrix("distortion_coefficients", 1, intrinsics.distortion().length, intrinsics.distortion())
                .integer("view_count", viewNames.size())
                .real("rms_px", rmsPx)
                .real("image_fill", coverage.imageFill())
                .bytes());
    }

    /**
     * Reads the intrinsics of a camera from a mono calibration file, or the left camera of a stereo one.
     */
    public static CameraIntrinsics loadIntrinsics(Path file) {
        OpenCvYaml.Document doc = OpenCvYaml.Document.read(file);
        String format = doc.string("format");
        if (CalibrationFile.FORMAT.equals(format)) {
            return StereoCalibration.load(file).left();
        }
        if (!FORMAT.equals(format)) {
            throw new UserInputException(file + ": not a calibration file (format is '" + format + "')");
        }
        int w = doc.integer("image_width");
        int h = doc.integer("image_height");
        CalibrationFile.requireImageSize(file, w, h);
        return CalibrationFile.intrinsics(doc, "camera_matrix", "distortion_coefficients", w, h);
    }
}
