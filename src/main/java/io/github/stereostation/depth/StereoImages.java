package io.github.stereostation.depth;

import io.github.stereostation.UserInputException;
import org.opencv.core.Mat;
import org.opencv.imgcodecs.Imgcodecs;

import java.nio.file.Files;
import java.nio.file.Path;

/** Reads input images with errors that name the file (OpenCV's imread just returns an empty Mat). */
public final class StereoImages {
    private StereoImages() {
    }

    /** Reads an 8-bit image as BGR (colour kept) or grey, as stored. */
    public static Mat readColour(Path file) {
        return read(file, Imgcodecs.IMREAD_COLOR);
    }

    /** Reads an 8-bit single-channel image (masks). */
    public static Mat readGrey(Path file) {
        return read(file, Imgcodecs.IMREAD_GRAYSCALE);
    }

    private static Mat read(Path file, int flags) {
        if (!Files.exists(file)) {
            throw new UserInputException(file + ": file not found");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new UserInputException(file + ": not a readable file");
        }
        Mat m = Imgcodecs.imread(file.toString(), flags);
        if (m.empty()) {
            throw new UserInputException(file + ": not an image OpenCV can read (expected PNG, JPEG, BMP, TIFF...)");
        }
        return m;
    }

    /** Reads a rectified pair and checks the sizes agree. The caller releases both Mats. */
    public static Mat[] readPair(Path left, Path right) {
        Mat l = readColour(left);
        Mat r;
        try {
            r = readColour(right);
        } catch (RuntimeException e) {
            l.release();
            throw e;
        }
        if (l.cols() != r.cols() || l.rows() != r.rows()) {
            String msg = right + ": size " + r.cols() + "x" + r.rows() + " differs from the left image " + left
                    + " (" + l.cols() + "x" + l.rows() + "); expected a rectified pair of equal size";
            l.release();
            r.release();
            throw new UserInputException(msg);
        }
        return new Mat[]{l, r};
    }
}
