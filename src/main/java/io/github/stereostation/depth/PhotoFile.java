package io.github.stereostation.depth;

import io.github.stereostation.OpenCvNative;
import io.github.stereostation.UserInputException;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;

/**
 * Reads one photo for mono depth without letting a huge file exhaust memory: the size is read from the file's
 * header first, and a photo over the pixel limit is decoded at 1/2, 1/4 or 1/8 size (JPEG decodes straight to
 * that size) and, if still too big, shrunk further, with a note saying so.
 *
 * @param bgr  8-bit BGR image (owned, hence AutoCloseable)
 * @param note what was changed ("decoded at 1/4 size: 12000x9000 -> 3000x2250"), empty when nothing
 */
public record PhotoFile(Mat bgr, String note) implements AutoCloseable {

    /** Photos whose header claims more pixels than this are refused outright (about 20 GB decoded). */
    public static final long REFUSE_PIXELS = 1L << 30;

    public static PhotoFile read(Path file) {
        return read(file, OnnxMonoDepthEstimator.DEFAULT_MAX_PIXELS);
    }

    public static PhotoFile read(Path file, long maxPixels) {
        OpenCvNative.load();
        if (!Files.isRegularFile(file)) {
            throw new UserInputException(file + ": photo not found");
        }
        if (!Files.isReadable(file)) {
            throw new UserInputException(file + ": photo is not readable");
        }
        long[] wh = headerSize(file);
        int reduce = 1;
        String note = "";
        if (wh != null) {
            long pixels = wh[0] * wh[1];
            if (pixels > REFUSE_PIXELS) {
                throw new UserInputException(file + ": the photo is " + wh[0] + "x" + wh[1]
                        + " pixels, too large to decode (limit " + REFUSE_PIXELS + " pixels)");
            }
            while (reduce < 8 && pixels / ((long) reduce * reduce) > maxPixels) {
                reduce *= 2;
            }
        }
        int flag = switch (reduce) {
            case 2 -> Imgcodecs.IMREAD_REDUCED_COLOR_2;
            case 4 -> Imgcodecs.IMREAD_REDUCED_COLOR_4;
            case 8 -> Imgcodecs.IMREAD_REDUCED_COLOR_8;
            default -> Imgcodecs.IMREAD_COLOR;
        };
        Mat img = Imgcodecs.imread(file.toString(), flag);
        if (img.empty()) {
            img.release();
            throw new UserInputException(file + ": cannot decode the photo (expected a PNG, JPEG, BMP, TIFF or"
                    + " another format OpenCV reads)");
        }
        if (reduce > 1) {
            note = "photo " + wh[0] + "x" + wh[1] + " decoded at 1/" + reduce + " size (" + img.cols() + "x"
                    + img.rows() + ") to stay under " + maxPixels + " pixels";
        }
        long pixels = (long) img.cols() * img.rows();
        if (pixels > maxPixels) {
            double s = Math.sqrt((double) maxPixels / pixels);
            Size size = new Size(Math.max(1, Math.floor(img.cols() * s)), Math.max(1, Math.floor(img.rows() * s)));
            Mat small = new Mat();
            Imgproc.resize(img, small, size, 0, 0, Imgproc.INTER_AREA);
            note = (note.isEmpty() ? "photo " + img.cols() + "x" + img.rows() : note) + " downscaled to "
                    + small.cols() + "x" + small.rows() + " (limit " + maxPixels + " pixels)";
            img.release();
            img = small;
        }
        return new PhotoFile(img, note);
    }

    /** Width and height from the header (without decoding pixels), or null when Java's readers do not know it. */
    static long[] headerSize(Path file) {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                return null;
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return null;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return new long[]{reader.getWidth(0), reader.getHeight(0)};
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return null; // unknown to Java: OpenCV decides below, and reports a failure in the user's words
        }
    }

    @Override
    public void close() {
        bgr.release();
    }
}
