package io.github.stereostation.calibration;

import io.github.stereostation.UserInputException;
import io.github.stereostation.geometry.CameraIntrinsics;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A calibrated stereo rig, as OpenCV's {@code stereoCalibrate} defines it: both cameras' intrinsics and the
 * pose of the right camera relative to the left ({@code X_right = R X_left + T}, T in millimetres when the
 * board's squares are given in mm), plus the board it was made with and its quality figures.
 * Saved as OpenCV FileStorage YAML ({@link CalibrationFile}).
 */
public record StereoCalibration(BoardSpec board, CameraIntrinsics left, CameraIntrinsics right,
                                double[] rotation, double[] translationMm, CalibrationQuality quality) {

    public StereoCalibration {
        if (left.width() != right.width() || left.height() != right.height()) {
            throw new IllegalArgumentException("left and right image sizes differ");
        }
        if (rotation.length != 9 || translationMm.length != 3) {
            throw new IllegalArgumentException("R must be 3x3 and T 3x1");
        }
        rotation = rotation.clone();
        translationMm = translationMm.clone();
    }

    public int imageWidth() {
        return left.width();
    }

    public int imageHeight() {
        return left.height();
    }

    /** Distance between the two optical centres in mm (|T|). */
    public double baselineMm() {
        return Math.sqrt(translationMm[0] * translationMm[0] + translationMm[1] * translationMm[1]
                + translationMm[2] * translationMm[2]);
    }

    @Override
    public double[] rotation() {
        return rotation.clone();
    }

    @Override
    public double[] translationMm() {
        return translationMm.clone();
    }

    /**
     * Fails with a clear message when frames of {@code width x height} (from {@code source}) are not the
     * size this calibration was made for: a calibration does not carry over to another resolution.
     */
    public void requireImageSize(int width, int height, String source) {
        if (width != imageWidth() || height != imageHeight()) {
            throw new UserInputException(source + " is " + width + "x" + height + " but the calibration was made for "
                    + imageWidth() + "x" + imageHeight() + " images; calibrate again at this resolution");
        }
    }

    /** Writes this calibration atomically as OpenCV FileStorage YAML. */
    public void save(Path file) throws IOException {
        CalibrationFile.write(this, file);
    }

    /** Reads a calibration written by {@link #save}; a damaged or hand-broken file is a {@link UserInputException}. */
    public static StereoCalibration load(Path file) {
        return CalibrationFile.read(file);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StereoCalibration s && board.equals(s.board) && left.equals(s.left)
                && right.equals(s.right) && Arrays.equals(rotation, s.rotation)
                && Arrays.equals(translationMm, s.translationMm) && quality.equals(s.quality);
    }

    @Override
    public int hashCode() {
        return left.hashCode() * 31 + Arrays.hashCode(translationMm);
    }
}
