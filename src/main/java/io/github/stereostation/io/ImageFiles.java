package io.github.stereostation.io;

import org.opencv.core.CvException;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;

import java.io.IOException;
import java.nio.file.Path;

/** PNG images: encoded in memory by OpenCV, then written atomically ({@link AtomicFiles}). */
public final class ImageFiles {
    private ImageFiles() {
    }

    /** The image as PNG bytes (8- or 16-bit, grey, BGR or BGRA). */
    public static byte[] encodePng(Mat image) throws IOException {
        MatOfByte buf = new MatOfByte();
        try {
            if (image.empty() || !Imgcodecs.imencode(".png", image, buf)) {
                throw new IOException(cannotEncode(image));
            }
            return buf.toArray();
        } catch (CvException e) {
            // A depth or channel count PNG has no form for: OpenCV asserts instead of returning false.
            throw new IOException(cannotEncode(image), e);
        } finally {
            buf.release();
        }
    }

    private static String cannotEncode(Mat image) {
        return "OpenCV could not encode the " + image.cols() + "x" + image.rows() + " " + CvType.typeToString(image.type())
                + " image as PNG";
    }

    /** Writes the image as a PNG file: the file holds the old content or the whole new image, never part. */
    public static void writePng(Path file, Mat image) throws IOException {
        byte[] png;
        try {
            png = encodePng(image);
        } catch (IOException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
        AtomicFiles.write(file, png);
    }
}
