package io.github.stereostation.calibration;

import io.github.stereostation.OpenCvNative;
import io.github.stereostation.UserInputException;
import io.github.stereostation.cli.StereoStation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What users get wrong: images without a board, too few views, unpaired images, mixed sizes, unreadable
 * files, damaged calibration files. Each gives one clear line, and a failed run leaves the old file alone.
 */
class BadInputTest {
    static final BoardSpec BOARD = BoardSpec.chessboard(9, 6, 25);
    static final int W = 480;
    static final int H = 360;
    static final double[] K = {420, 0, 241, 0, 418, 178, 0, 0, 1};

    @TempDir
    Path tmp;

    @BeforeAll
    static void load() {
        OpenCvNative.load();
    }

    /** Writes n stereo pairs (left01.png/right01.png, ...) of a 60 mm rig looking at the board. */
    static void writePairs(Path dir, int n) throws Exception {
        Files.createDirectories(dir);
        Mat board = BoardPrinter.render(BOARD, PlanarBoardViews.DPI, PlanarBoardViews.MARGIN_MM);
        double[] rc = PlanarBoardViews.rotation(0.5, -1.0, 0.3);
        double[] tc = {-60, 0.5, 0.8};
        double[] identity = {1, 0, 0, 0, 1, 0, 0, 0, 1};
        double[] zero = {0, 0, 0};
        java.util.Random rnd = new java.util.Random(7);
        for (int i = 1; i <= n; i++) {
            double[] r = PlanarBoardViews.rotation(rnd.nextDouble() * 50 - 25, rnd.nextDouble() * 50 - 25, rnd.nextDouble() * 20 - 10);
            double[] c = {4 * 25, 2.5 * 25, 0};
            double z = 480 + rnd.nextDouble() * 250;
            double[] t = {-(r[0] * c[0] + r[1] * c[1]) + 30 + (rnd.nextDouble() - 0.5) * z * 0.35,
                    -(r[3] * c[0] + r[4] * c[1]) + (rnd.nextDouble() - 0.5) * z * 0.25, -(r[6] * c[0] + r[7] * c[1]) + z};
            Mat l = PlanarBoardViews.render(board, BOARD, K, r, t, identity, zero, W, H);
            Mat rr = PlanarBoardViews.render(board, BOARD, K, r, t, rc, tc, W, H);
            Imgcodecs.imwrite(dir.resolve(String.format("left%02d.png", i)).toString(), l);
            Imgcodecs.imwrite(dir.resolve(String.format("right%02d.png", i)).toString(), rr);
            MatValues.release(l, rr);
        }
        board.release();
    }

    static void writeBlank(Path file) {
        Mat blank = new Mat(H, W, CvType.CV_8UC1, new Scalar(140));
        Imgcodecs.imwrite(file.toString(), blank);
        blank.release();
    }

    @Test
    void imagesWithoutABoardAreReportedAndTheRestCalibrate() throws Exception {
        Path dir = tmp.resolve("shots");
        writePairs(dir, 7);
        writeBlank(dir.resolve("right03.png"));
        Files.writeString(dir.resolve("left05.png"), "this is not a PNG");
        CalibrationImages.Detected found = CalibrationImages.detect(CalibrationImages.inFolder(dir),
                BoardDetector.forBoard(BOARD));
        assertThat(found.views()).hasSize(5);
        assertThat(found.skipped()).hasSize(2);
        assertThat(found.skipped().get(0)).contains("right03.png").contains("no chess:9x6:25 board found");
        assertThat(found.skipped().get(1)).contains("left05.png").contains("not a readable image");
        StereoCalibrator.Result r = StereoCalibrator.calibrate(found.views(), BOARD);
        // Ideal planar views: the rig's 60 mm baseline comes back.
        assertThat(r.calibration().baselineMm()).isBetween(58.0, 62.0);
        assertThat(r.calibration().quality().rmsStereoPx()).isLessThan(0.3);
        String text = r.report().withSkipped(found.skipped()).describe(r.calibration());
        assertThat(text).contains("skipped: " + found.skipped().get(0));
    }

    @Test
    void tooFewViewsLeftRightMismatchAndMixedSizesAreClearErrors() throws Exception {
        Path dir = tmp.resolve("few");
        writePairs(dir, 4);
        CalibrationImages.Detected few = CalibrationImages.detect(CalibrationImages.inFolder(dir), BoardDetector.forBoard(BOARD));
        assertThatThrownBy(() -> StereoCalibrator.calibrate(few.views(), BOARD))
                .isInstanceOf(UserInputException.class).hasMessageContaining("only 4 usable stereo views")
                .hasMessageContaining("at least " + StereoCalibrator.MIN_VIEWS);

        Files.delete(dir.resolve("right04.png"));
        assertThatThrownBy(() -> CalibrationImages.inFolder(dir)).isInstanceOf(UserInputException.class)
                .hasMessageContaining("4 images").hasMessageContaining("3");

        Path mixed = tmp.resolve("mixed");
        writePairs(mixed, 2);
        Mat big = new Mat(480, 640, CvType.CV_8UC1, new Scalar(100));
        Imgcodecs.imwrite(mixed.resolve("right02.png").toString(), big);
        big.release();
        assertThatThrownBy(() -> CalibrationImages.detect(CalibrationImages.inFolder(mixed), BoardDetector.forBoard(BOARD)))
                .isInstanceOf(UserInputException.class).hasMessageContaining("right02.png").hasMessageContaining("640x480");
        assertThatThrownBy(() -> CalibrationImages.inFolder(tmp.resolve("nowhere")))
                .isInstanceOf(UserInputException.class).hasMessageContaining("not a folder");
    }

    @Test
    void failedCalibrateRunExitsTwoAndLeavesThePreviousFileUntouched() throws Exception {
        Path good = tmp.resolve("good");
        writePairs(good, 6);
        Path out = tmp.resolve("rig.yaml");
        assertThat(run("calibrate", good.toString(), "--board", "chess:9x6:25", "--out", out.toString())).isZero();
        StereoCalibration saved = StereoCalibration.load(out);
        assertThat(saved.quality().viewCount()).isEqualTo(6);
        byte[] before = Files.readAllBytes(out);

        Path bad = tmp.resolve("bad");
        writePairs(bad, 3);
        StringWriter err = new StringWriter();
        assertThat(run(err, "calibrate", bad.toString(), "--board", "chess:9x6:25", "--out", out.toString())).isEqualTo(2);
        assertThat(err.toString()).startsWith("error: only 3 usable stereo views").hasLineCount(1);
        assertThat(run("calibrate", good.toString(), "--board", "chess:9x6", "--out", out.toString())).isEqualTo(2);
        assertThat(run("calibrate", good.toString(), "--board", "chess:9x6:25", "--out", out.toString(), "--stereo-fit", "x")).isEqualTo(2);
        assertThat(Files.readAllBytes(out)).isEqualTo(before);

        // Rectify: a damaged calibration and images of the wrong size are exit code 2 too.
        Path damaged = tmp.resolve("damaged.yaml");
        Files.write(damaged, java.util.Arrays.copyOf(before, before.length / 2));
        Path outDir = tmp.resolve("rect");
        StringWriter err2 = new StringWriter();
        assertThat(run(err2, "rectify", "--calibration", damaged.toString(), good.resolve("left01.png").toString(),
                good.resolve("right01.png").toString(), "--out", outDir.toString())).isEqualTo(2);
        assertThat(err2.toString()).contains(damaged.toString());
        Path wrong = tmp.resolve("wrong.png");
        Mat big = new Mat(480, 640, CvType.CV_8UC1, new Scalar(100));
        Imgcodecs.imwrite(wrong.toString(), big);
        big.release();
        StringWriter err3 = new StringWriter();
        assertThat(run(err3, "rectify", "--calibration", out.toString(), wrong.toString(), wrong.toString(),
                "--out", outDir.toString())).isEqualTo(2);
        assertThat(err3.toString()).contains("640x480").contains("480x360");
        assertThat(run("rectify", "--calibration", out.toString(), good.resolve("left01.png").toString(),
                good.resolve("right01.png").toString(), "--out", outDir.toString(), "--guides", "8")).isZero();
        try (var s = Files.list(outDir)) {
            assertThat(s.map(p -> p.getFileName().toString()).sorted().toList())
                    .isEqualTo(List.of("left01_pair.png", "left01_rect.png", "right01_rect.png"));
        }
    }

    private static int run(String... args) {
        return run(new StringWriter(), args);
    }

    private static int run(StringWriter err, String... args) {
        CommandLine cl = StereoStation.commandLine();
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }
}
