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
        long[] wh = PhotoFile.headerSize(file);
        if (wh != null && wh[0] * wh[1] > PhotoFile.REFUSE_PIXELS) {
            throw new UserInputException(file + ": the image is " + wh[0] + "x" + wh[1] + " pixels, too large to decode"
                    + " (limit " + PhotoFile.REFUSE_PIXELS / 1_000_000 + " megapixels)");
        }
        Mat m = Imgcodecs.imread(file.toString(), flags);
        if (m.empty()) {
            throw new UserInputException(file + ": not an image OpenCV can read (expected PNG, JPEG, BMP, TIFF...)");
        }
        return m;
    }

    /** Refuses, from its header and before decoding, an image too large to match; unknown headers pass. */
    public static void requireMatchable(Path file) {
        long[] wh = headerSize(file).orElse(null);
        if (wh != null && wh[0] * wh[1] > MAX_MATCH_PIXELS) {
            throw new UserInputException(String.format(java.util.Locale.ROOT,
                    "%s: %dx%d is %.0f megapixels, over the %d this program matches (about %.1f GB of memory and"
                            + " long minutes); downscale the pair first", file, wh[0], wh[1], wh[0] * wh[1] / 1e6,
                    MAX_MATCH_PIXELS / 1_000_000, wh[0] * wh[1] * (double) MATCH_BYTES_PER_PIXEL / 1e9));
        }
    }

    /** Width and height from the file's header without decoding it, or empty when Java's readers do not know it. */
    public static java.util.Optional<long[]> headerSize(Path file) {
        return java.util.Optional.ofNullable(Files.isRegularFile(file) ? PhotoFile.headerSize(file) : null);
    }

    /**
     * The largest pair this program matches: about 3 GB of working memory at {@link #MATCH_BYTES_PER_PIXEL} and
     * minutes of matching; 8 times Middlebury's full-size scenes, or a 50-megapixel camera.
     */
    public static final long MAX_MATCH_PIXELS = 50_000_000L;
    /** Measured working set of the balanced preset per pixel (images, costs, both disparity maps, filters). */
    static final int MATCH_BYTES_PER_PIXEL = 64;

    /** Reads a rectified pair and checks the sizes agree, and that it is small enough to match. The caller releases both Mats. */
    public static Mat[] readPair(Path left, Path right) {
        requireMatchable(left);
        requireMatchable(right);
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
