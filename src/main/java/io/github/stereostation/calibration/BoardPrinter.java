package io.github.stereostation.calibration;

import io.github.stereostation.InvalidValueException;
import io.github.stereostation.OpenCvNative;
import io.github.stereostation.io.AtomicFiles;
import io.github.stereostation.io.ImageFiles;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Draws a calibration board at a true physical size and writes it as a PNG carrying its resolution (pHYs
 * chunk) or as a one-page PDF whose page is the board plus margin, in points (1 mm = 72/25.4 pt), so a
 * printer at 100 % scale reproduces the square size. The PDF is written by hand: one gray image XObject and
 * one line of text in a standard font, no library needed.
 */
public final class BoardPrinter {
    /** The values' names, as messages and {@link InvalidValueException#field()} give them. */
    public static final String DPI = "resolution";
    public static final String MARGIN = "margin";

    private BoardPrinter() {
    }

    /** The board as an 8-bit gray image with a white margin, {@code dpi} pixels per inch. */
    public static Mat render(BoardSpec board, double dpi, double marginMm) {
        OpenCvNative.load();
        if (!(dpi >= 50 && dpi <= 2400)) {
            throw new InvalidValueException(DPI, "resolution " + dpi + " dpi must be between 50 and 2400");
        }
        if (!(marginMm >= 0 && marginMm <= 200)) {
            throw new InvalidValueException(MARGIN, "margin " + marginMm + " mm must be between 0 and 200");
        }
        double pxPerMm = dpi / 25.4;
        int margin = (int) Math.round(marginMm * pxPerMm);
        int w = (int) Math.round(board.widthMm() * pxPerMm);
        int h = (int) Math.round(board.heightMm() * pxPerMm);
        if ((long) (w + 2 * margin) * (h + 2 * margin) > 400_000_000L) {
            throw new InvalidValueException(DPI, "board at " + dpi + " dpi would be " + (w + 2 * margin) + "x"
                    + (h + 2 * margin) + " pixels; choose a lower resolution");
        }
        Mat img = new Mat(h + 2 * margin, w + 2 * margin, CvType.CV_8UC1, new Scalar(255));
        if (board.kind() == BoardSpec.Kind.CHESSBOARD) {
            for (int r = 0; r < board.squaresY(); r++) {
                for (int c = 0; c < board.squaresX(); c++) {
                    if ((r + c) % 2 == 0) {
                        // Square edges rounded from mm, so rounding errors never accumulate across the board.
                        int x0 = margin + (int) Math.round(c * board.squareMm() * pxPerMm);
                        int x1 = margin + (int) Math.round((c + 1) * board.squareMm() * pxPerMm);
                        int y0 = margin + (int) Math.round(r * board.squareMm() * pxPerMm);
                        int y1 = margin + (int) Math.round((r + 1) * board.squareMm() * pxPerMm);
                        Imgproc.rectangle(img, new Point(x0, y0), new Point(x1 - 1, y1 - 1), new Scalar(0), -1);
                    }
                }
            }
        } else {
            Mat inner = new Mat();
            CharucoBoardDetector.openCvBoard(board).generateImage(new Size(w, h), inner, 0, 1);
            inner.copyTo(img.submat(margin, margin + h, margin, margin + w));
            inner.release();
        }
        return img;
    }

    /** Writes the board as PNG with its resolution recorded, atomically. */
    public static void writePng(BoardSpec board, double dpi, double marginMm, Path file) throws IOException {
        Mat img = render(board, dpi, marginMm);
        try {
            AtomicFiles.write(file, withDpi(ImageFiles.encodePng(img), dpi));
        } finally {
            img.release();
        }
    }

    /** Inserts a pHYs chunk (pixels per metre) right after the PNG header chunk. */
    static byte[] withDpi(byte[] png, double dpi) {
        int ihdrEnd = 8 + 8 + 13 + 4;
        long ppm = Math.round(dpi / 0.0254);
        ByteBuffer data = ByteBuffer.allocate(9).putInt((int) ppm).putInt((int) ppm).put((byte) 1);
        byte[] chunk = chunk("pHYs", data.array());
        byte[] out = new byte[png.length + chunk.length];
        System.arraycopy(png, 0, out, 0, ihdrEnd);
        System.arraycopy(chunk, 0, out, ihdrEnd, chunk.length);
        System.arraycopy(png, ihdrEnd, out, ihdrEnd + chunk.length, png.length - ihdrEnd);
        return out;
    }

    private static byte[] chunk(String type, byte[] data) {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        return ByteBuffer.allocate(12 + data.length).putInt(data.length).put(t).put(data).putInt((int) crc.getValue()).array();
    }

    /** Writes the board as a one-page PDF at true size, atomically. */
    public static void writePdf(BoardSpec board, double dpi, double marginMm, Path file) throws IOException {
        Mat img = render(board, dpi, marginMm);
        try {
            byte[] gray = new byte[(int) img.total()];
            img.get(0, 0, gray);
            double ptPerMm = 72 / 25.4;
            // The page is exactly the image at its resolution, so one pixel is 72/dpi points.
            double pageW = img.cols() * 72.0 / dpi;
            double pageH = img.rows() * 72.0 / dpi;
            String caption = board.kind() == BoardSpec.Kind.CHESSBOARD
                    ? String.format(Locale.ROOT, "%s  -  %dx%d inner corners, squares %s mm: print at 100 %% (no fit to page) and measure",
                    board.toText(), board.innerCols(), board.innerRows(), trim(board.squareMm()))
                    : String.format(Locale.ROOT, "%s  -  squares %s mm, markers %s mm: print at 100 %% (no fit to page) and measure",
                    board.toText(), trim(board.squareMm()), trim(board.markerMm()));
            AtomicFiles.write(file, pdf(gray, img.cols(), img.rows(), pageW, pageH, caption, marginMm * ptPerMm));
        } finally {
            img.release();
        }
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    static byte[] pdf(byte[] gray, int w, int h, double pageW, double pageH, String caption, double marginPt) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        deflater.setInput(gray);
        deflater.finish();
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        byte[] buf = new byte[1 << 16];
        while (!deflater.finished()) {
            compressed.write(buf, 0, deflater.deflate(buf));
        }
        deflater.end();
        byte[] image = compressed.toByteArray();
        // Caption below the board inside the margin, small enough to fit a 10 mm margin.
        double fontPt = Math.max(4, Math.min(8, marginPt * 0.4));
        String text = caption.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)");
        String content = String.format(Locale.ROOT, "q %.4f 0 0 %.4f 0 0 cm /Im0 Do Q%n", pageW, pageH)
                + (marginPt >= 8 ? String.format(Locale.ROOT, "BT /F1 %.1f Tf %.2f %.2f Td (%s) Tj ET%n", fontPt,
                marginPt, Math.max(1, (marginPt - fontPt) / 2), text) : "");
        byte[] contentBytes = content.getBytes(StandardCharsets.ISO_8859_1);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Integer> offsets = new ArrayList<>();
        write(out, "%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n");
        offsets.add(out.size());
        write(out, "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
        offsets.add(out.size());
        write(out, "2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n");
        offsets.add(out.size());
        write(out, String.format(Locale.ROOT, "3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.4f %.4f] "
                + "/Resources << /XObject << /Im0 4 0 R >> /Font << /F1 6 0 R >> >> /Contents 5 0 R >>\nendobj\n", pageW, pageH));
        offsets.add(out.size());
        write(out, String.format(Locale.ROOT, "4 0 obj\n<< /Type /XObject /Subtype /Image /Width %d /Height %d "
                + "/ColorSpace /DeviceGray /BitsPerComponent 8 /Interpolate false /Filter /FlateDecode /Length %d >>\nstream\n", w, h, image.length));
        out.writeBytes(image);
        write(out, "\nendstream\nendobj\n");
        offsets.add(out.size());
        write(out, "5 0 obj\n<< /Length " + contentBytes.length + " >>\nstream\n");
        out.writeBytes(contentBytes);
        write(out, "\nendstream\nendobj\n");
        offsets.add(out.size());
        write(out, "6 0 obj\n<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>\nendobj\n");
        int xref = out.size();
        StringBuilder sb = new StringBuilder("xref\n0 7\n0000000000 65535 f \n");
        for (int off : offsets) {
            sb.append(String.format(Locale.ROOT, "%010d 00000 n \n", off));
        }
        sb.append("trailer\n<< /Size 7 /Root 1 0 R >>\nstartxref\n").append(xref).append("\n%%EOF\n");
        write(out, sb.toString());
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
    }
}
