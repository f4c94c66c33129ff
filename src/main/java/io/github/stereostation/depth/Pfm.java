package io.github.stereostation.depth;

import io.github.stereostation.UserInputException;
import io.github.stereostation.io.AtomicFiles;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Portable Float Map, the Middlebury format for float disparity: a text header ("Pf" grey or "PF" colour,
 * "W H", scale whose sign gives the byte order: negative = little-endian), then rows of float32 stored
 * bottom-to-top. Only single-channel ("Pf") maps are read and written here.
 */
public final class Pfm {
    /** A float per pixel in one Java array, read from one byte array: at most 2^31 bytes of data. */
    static final long MAX_PIXELS = Integer.MAX_VALUE / 4;

    private Pfm() {
    }

    /** Reads a single-channel PFM into a CV_32F Mat (top row first); infinities are kept as they are. */
    public static Mat read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UserInputException(file + ": cannot read PFM file (" + e.getMessage() + ")", e);
        }
        int[] pos = {0};
        String magic = token(bytes, pos, file);
        if (!magic.equals("Pf")) {
            throw new UserInputException(file + ": not a single-channel PFM (header starts with '" + magic
                    + "', expected 'Pf')");
        }
        int width = parseInt(token(bytes, pos, file), file, "width");
        int height = parseInt(token(bytes, pos, file), file, "height");
        double scale;
        String scaleText = token(bytes, pos, file);
        try {
            scale = Double.parseDouble(scaleText);
        } catch (NumberFormatException e) {
            throw new UserInputException(file + ": malformed PFM scale '" + scaleText + "'");
        }
        if (scale == 0 || Double.isNaN(scale)) {
            throw new UserInputException(file + ": malformed PFM scale '" + scaleText + "'");
        }
        pos[0]++; // the single whitespace byte after the scale
        if (width <= 0 || height <= 0 || (double) width * height > MAX_PIXELS) {
            throw new UserInputException(file + ": PFM header says " + width + "x" + height + " pixels; expected 1 to "
                    + MAX_PIXELS + " pixels");
        }
        long expected = (long) width * height * 4;
        if (bytes.length - pos[0] < expected) {
            throw new UserInputException(file + ": truncated PFM: header says " + width + "x" + height
                    + " (" + expected + " bytes of data) but only " + Math.max(0, bytes.length - pos[0]) + " follow");
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes, pos[0], (int) expected)
                .order(scale < 0 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        float[] data = new float[width * height];
        for (int row = height - 1; row >= 0; row--) {
            for (int x = 0; x < width; x++) {
                data[row * width + x] = buf.getFloat();
            }
        }
        Mat m = new Mat(height, width, CvType.CV_32F);
        m.put(0, 0, data);
        return m;
    }

    /** Writes a CV_32F single-channel Mat as little-endian PFM, atomically. */
    public static void write(Path file, Mat disparity) throws IOException {
        if (disparity.type() != CvType.CV_32F) {
            throw new IllegalArgumentException("PFM needs CV_32F, got " + CvType.typeToString(disparity.type()));
        }
        int w = disparity.cols();
        int h = disparity.rows();
        float[] data = new float[w * h];
        disparity.get(0, 0, data);
        ByteArrayOutputStream out = new ByteArrayOutputStream(w * h * 4 + 32);
        out.writeBytes(("Pf\n" + w + " " + h + "\n-1.0\n").getBytes(StandardCharsets.US_ASCII));
        ByteBuffer row = ByteBuffer.allocate(w * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int y = h - 1; y >= 0; y--) {
            row.clear();
            for (int x = 0; x < w; x++) {
                row.putFloat(data[y * w + x]);
            }
            out.write(row.array(), 0, w * 4);
        }
        AtomicFiles.write(file, out.toByteArray());
    }

    private static String token(byte[] b, int[] pos, Path file) {
        int i = pos[0];
        while (i < b.length && Character.isWhitespace(b[i])) {
            i++;
        }
        int start = i;
        while (i < b.length && !Character.isWhitespace(b[i]) && i - start < 32) {
            i++;
        }
        if (start == i) {
            throw new UserInputException(file + ": truncated PFM header");
        }
        pos[0] = i;
        return new String(b, start, i - start, StandardCharsets.US_ASCII);
    }

    private static int parseInt(String s, Path file, String what) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new UserInputException(file + ": malformed PFM " + what + " '" + s + "'");
        }
    }
}
