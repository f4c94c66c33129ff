package io.github.stereostation.calibration;

import io.github.stereostation.OpenCvNative;
import io.github.stereostation.UserInputException;
import io.github.stereostation.geometry.Matrix3;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Boards drawn by {@link BoardPrinter}, seen through a known homography: detected corners must match the
 * corners' true positions, known by construction (square edges at rounded mm positions, mapped by H).
 */
class BoardDetectionTest {
    private static final double DPI = 254; // 10 px per mm
    static final double DPI_FOR_VIEWS = DPI;
    private static final double MARGIN_MM = 20;

    @TempDir
    Path tmp;

    @BeforeAll
    static void load() {
        OpenCvNative.load();
    }

    /** True pixel position of inner corner id in the rendered board (pixel centres at integer coordinates). */
    static double[] truthInRender(BoardSpec b, int id) {
        double pxPerMm = DPI / 25.4;
        int margin = (int) Math.round(MARGIN_MM * pxPerMm);
        int c = id % b.innerCols() + 1;
        int r = id / b.innerCols() + 1;
        return new double[]{margin + Math.round(c * b.squareMm() * pxPerMm) - 0.5,
                margin + Math.round(r * b.squareMm() * pxPerMm) - 0.5};
    }

    /**
     * Warps the rendered board by H into a w x h camera image: warped at 4x resolution and averaged down
     * (so edges are anti-aliased like a real sensor's), then slightly blurred like a lens.
     */
    static Mat view(Mat board, double[] h, int w, int hh) {
        int s = 4;
        // Output pixel u is the mean of big pixels s*u .. s*u+s-1, whose centre is s*u + (s-1)/2.
        double[] up = {s, 0, (s - 1) / 2.0, 0, s, (s - 1) / 2.0, 0, 0, 1};
        Mat big = new Mat();
        Mat hm = MatValues.of(3, 3, Matrix3.multiply(up, h));
        Imgproc.warpPerspective(board, big, hm, new Size(w * s, hh * s), Imgproc.INTER_LINEAR,
                org.opencv.core.Core.BORDER_CONSTANT, new Scalar(200));
        Mat out = new Mat();
        Imgproc.resize(big, out, new Size(w, hh), 0, 0, Imgproc.INTER_AREA);
        Imgproc.GaussianBlur(out, out, new Size(3, 3), 0.6);
        MatValues.release(big, hm);
        return out;
    }

    static double[] homography(double scale, double tx, double ty, double tiltX, double tiltY, double rotDeg) {
        double a = Math.toRadians(rotDeg);
        double[] rs = {scale * Math.cos(a), -scale * Math.sin(a), tx, scale * Math.sin(a), scale * Math.cos(a), ty,
                tiltX, tiltY, 1};
        return rs;
    }

    @Test
    void chessboardCornersMatchTruthWithBothDetectors() {
        BoardSpec b = BoardSpec.chessboard(9, 6, 20);
        Mat board = BoardPrinter.render(b, DPI, MARGIN_MM);
        double[] h = homography(0.22, 60, 40, 0.00012, -0.00006, 4);
        Mat img = view(board, h, 640, 480);
        for (ChessboardDetector.Method m : ChessboardDetector.Method.values()) {
            BoardCorners c = new ChessboardDetector(b, m).detect(img).orElseThrow();
            assertThat(c.count()).isEqualTo(54);
            double worst = 0;
            double sum = 0;
            for (int i = 0; i < c.count(); i++) {
                double[] t = truthInRender(b, c.ids()[i]);
                // warpPerspective samples src at H^-1(dst) with pixel centres at integers: apply H directly.
                double[] p = UncalibratedRectifier.apply(h, t[0], t[1]);
                double e = Math.hypot(c.x(i) - p[0], c.y(i) - p[1]);
                worst = Math.max(worst, e);
                sum += e;
            }
            System.out.printf("%s: mean corner error %.3f px, worst %.3f px%n", m, sum / c.count(), worst);
            assertThat(sum / c.count()).isLessThan(m == ChessboardDetector.Method.CLASSIC_SUBPIX ? 0.1 : 0.2);
            assertThat(worst).isLessThan(0.5);
        }
        MatValues.release(board, img);
    }

    @Test
    void boardSeenUpsideDownIsNumberedFromTheLeftLikeTheOtherCamera() {
        BoardSpec b = BoardSpec.chessboard(9, 6, 20);
        Mat board = BoardPrinter.render(b, DPI, MARGIN_MM);
        Mat upright = view(board, homography(0.22, 60, 40, 0, 0, 3), 640, 480);
        Mat rotated = view(board, homography(0.22, 600, 440, 0, 0, 177), 640, 480);
        BoardCorners u = new ChessboardDetector(b).detect(upright).orElseThrow();
        BoardCorners r = new ChessboardDetector(b).detect(rotated).orElseThrow();
        assertThat(u.x(0)).isLessThan(u.x(8));
        assertThat(r.x(0)).isLessThan(r.x(8));
        MatValues.release(board, upright, rotated);
    }

    @Test
    void noBoardMeansEmptyNotAnError() {
        Mat gray = new Mat(240, 320, CvType.CV_8UC1, new Scalar(128));
        assertThat(new ChessboardDetector(BoardSpec.chessboard(9, 6, 20)).detect(gray)).isEmpty();
        assertThat(new CharucoBoardDetector(BoardSpec.charuco(5, 4, 30, 22, "DICT_4X4_50")).detect(gray)).isEmpty();
        gray.release();
    }

    @Test
    void charucoCornersMatchTruthAndPartialBoardsKeepTheirIds() {
        BoardSpec b = BoardSpec.charuco(7, 5, 30, 22, "DICT_4X4_50");
        Mat board = BoardPrinter.render(b, DPI, MARGIN_MM);
        double[] h = homography(0.2, 40, 30, 0.0001, 0.00005, -5);
        Mat img = view(board, h, 640, 480);
        BoardCorners c = new CharucoBoardDetector(b).detect(img).orElseThrow();
        assertThat(c.count()).isEqualTo(35);
        double worst = 0;
        for (int i = 0; i < c.count(); i++) {
            double[] t = UncalibratedRectifier.apply(h, truthInRender(b, c.ids()[i])[0], truthInRender(b, c.ids()[i])[1]);
            worst = Math.max(worst, Math.hypot(c.x(i) - t[0], c.y(i) - t[1]));
        }
        System.out.printf("ChArUco: worst corner error %.3f px%n", worst);
        assertThat(worst).isLessThan(0.3);
        // Cover the left half: the detector still returns the visible corners with the right ids.
        Imgproc.rectangle(img, new org.opencv.core.Point(0, 0), new org.opencv.core.Point(
                UncalibratedRectifier.apply(h, truthInRender(b, 3)[0], 0)[0], 479), new Scalar(255), -1);
        BoardCorners part = new CharucoBoardDetector(b).detect(img).orElseThrow();
        assertThat(part.count()).isBetween(CharucoBoardDetector.MIN_CORNERS, 34);
        for (int i = 0; i < part.count(); i++) {
            double[] t = truthInRender(b, part.ids()[i]);
            double[] p = UncalibratedRectifier.apply(h, t[0], t[1]);
            assertThat(Math.hypot(part.x(i) - p[0], part.y(i) - p[1])).isLessThan(0.5);
        }
        MatValues.release(board, img);
    }

    @Test
    void pngRecordsItsDpiAndPdfPageIsTheTrueSize() throws Exception {
        BoardSpec b = BoardSpec.chessboard(9, 6, 25);
        Path png = tmp.resolve("board.png");
        BoardPrinter.writePng(b, 300, 15, png);
        byte[] bytes = Files.readAllBytes(png);
        int at = indexOf(bytes, "pHYs".getBytes(StandardCharsets.US_ASCII));
        assertThat(at).isPositive();
        ByteBuffer bb = ByteBuffer.wrap(bytes, at + 4, 9);
        assertThat(bb.getInt()).isEqualTo((int) Math.round(300 / 0.0254));
        assertThat(bb.getInt()).isEqualTo((int) Math.round(300 / 0.0254));
        assertThat(bb.get()).isEqualTo((byte) 1);
        Mat decoded = Imgcodecs.imread(png.toString(), Imgcodecs.IMREAD_GRAYSCALE);
        assertThat(decoded.cols()).isEqualTo((int) Math.round((250 + 30) / 25.4 * 300));
        decoded.release();
        Path small = tmp.resolve("small.png");
        BoardPrinter.writePng(b, 60, 15, small);
        decoded = Imgcodecs.imread(small.toString(), Imgcodecs.IMREAD_GRAYSCALE);
        assertThat(new ChessboardDetector(b).detect(decoded)).isPresent();
        decoded.release();

        Path pdf = tmp.resolve("board.pdf");
        BoardPrinter.writePdf(b, 300, 15, pdf);
        String text = new String(Files.readAllBytes(pdf), StandardCharsets.ISO_8859_1);
        assertThat(text).startsWith("%PDF-1.4").endsWith("%%EOF\n");
        Matcher box = Pattern.compile("/MediaBox \\[0 0 ([0-9.]+) ([0-9.]+)]").matcher(text);
        assertThat(box.find()).isTrue();
        // 280 x 205 mm in points, to within one 300-dpi pixel.
        assertThat(Double.parseDouble(box.group(1))).isCloseTo(280 * 72 / 25.4, within(72 / 300.0));
        assertThat(Double.parseDouble(box.group(2))).isCloseTo(205 * 72 / 25.4, within(72 / 300.0));
        // Every cross-reference offset points at the object it names.
        int xref = Integer.parseInt(text.substring(text.indexOf("startxref\n") + 10, text.indexOf("\n%%EOF")).trim());
        assertThat(text.substring(xref)).startsWith("xref\n0 7\n");
        String[] rows = text.substring(xref).split("\n");
        for (int obj = 1; obj <= 6; obj++) {
            int off = Integer.parseInt(rows[2 + obj].substring(0, 10));
            assertThat(text.substring(off)).startsWith(obj + " 0 obj");
        }
        assertThat(text).contains("/Width " + (int) Math.round(280 / 25.4 * 300));
    }

    @Test
    void boardSpecTextRoundTripsAndBadSpecsNameTheOption() {
        for (String s : new String[]{"chess:9x6:25", "chess:7x5:24.5", "charuco:7x5:30:22:DICT_4X4_50", "charuco:11x8:15:11:DICT_5X5_100"}) {
            assertThat(BoardSpec.parse(s).toText()).isEqualTo(s);
        }
        assertThat(BoardSpec.parse("CHESS:9X6:25")).isEqualTo(BoardSpec.chessboard(9, 6, 25));
        for (String bad : new String[]{"chess:9x6", "chess:9x6:0", "chess:ax6:25", "chess:1x6:25", "dots:9x6:25",
                "charuco:7x5:30:40", "charuco:7x5:30:22:DICT_9X9_1", "charuco:20x20:30:22:DICT_4X4_50", ""}) {
            assertThatThrownBy(() -> BoardSpec.parse(bad)).isInstanceOf(UserInputException.class)
                    .hasMessageStartingWith("board");
        }
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
