package io.github.stereostation.calibration;

import io.github.stereostation.OpenCvNative;
import io.github.stereostation.UserInputException;
import io.github.stereostation.geometry.CameraIntrinsics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The wizard's building blocks against constructed truth: blur width, stillness, novelty, coverage map, store. */
class WizardPartsTest {

    @BeforeAll
    static void load() {
        OpenCvNative.load();
    }

    @Test
    void edgeWidthTracksGaussianBlurWhateverTheContrast() {
        // A printed board at 40 px per square: sharp edges, then blurred by known sigmas.
        Mat board = BoardPrinter.render(BoardSpec.chessboard(5, 4, 10), 101.6, 5);
        Rect roi = new Rect(0, 0, board.cols(), board.rows());
        double sharp = BoardSharpness.edgeWidthPx(board, roi);
        assertThat(sharp).isBetween(1.0, 3.0);
        for (double sigma : new double[]{2, 4}) {
            Mat blurred = new Mat();
            Imgproc.GaussianBlur(board, blurred, new Size(0, 0), sigma);
            double w = BoardSharpness.edgeWidthPx(blurred, roi);
            // A Gaussian-blurred step is 2.5 sigma wide by this measure.
            assertThat(w).isCloseTo(2.5066 * sigma, within(0.2 * 2.5066 * sigma));
            // Halving the contrast (dim light) leaves the width alone.
            Mat dim = new Mat();
            blurred.convertTo(dim, -1, 0.5, 40);
            assertThat(BoardSharpness.edgeWidthPx(dim, roi)).isCloseTo(w, within(0.15 * w));
            blurred.release();
            dim.release();
        }
        board.release();
    }

    private static BoardCorners grid(int cols, int rows, double x0, double y0, double step, int w, int h) {
        int[] ids = new int[cols * rows];
        float[] xy = new float[2 * cols * rows];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = i;
            xy[2 * i] = (float) (x0 + (i % cols) * step);
            xy[2 * i + 1] = (float) (y0 + (i / cols) * step);
        }
        return new BoardCorners(ids, xy, w, h);
    }

    @Test
    void stillnessNeedsConsecutiveQuietFrames() {
        StillnessTracker t = new StillnessTracker(3, 1.0);
        assertThat(t.update(grid(4, 3, 10, 10, 20, 320, 240))).isFalse();
        assertThat(t.update(grid(4, 3, 10.5, 10, 20, 320, 240))).isFalse(); // 0.5 px: quiet 1
        assertThat(t.lastMotionPx()).isCloseTo(0.5, within(1e-6));
        assertThat(t.update(grid(4, 3, 10.5, 10.4, 20, 320, 240))).isFalse(); // quiet 2
        assertThat(t.update(grid(4, 3, 13, 10.4, 20, 320, 240))).isFalse(); // 2.5 px jump resets
        assertThat(t.update(grid(4, 3, 13, 10.4, 20, 320, 240))).isFalse();
        assertThat(t.update(grid(4, 3, 13, 10.4, 20, 320, 240))).isFalse();
        assertThat(t.update(grid(4, 3, 13, 10.4, 20, 320, 240))).isTrue(); // third quiet frame in a row
        assertThat(t.update(null)).isFalse(); // board lost
        assertThat(t.progress()).isZero();
        // A partly seen (ChArUco-like) board: motion over the corners both frames share.
        BoardCorners full = grid(4, 3, 13, 10.4, 20, 320, 240);
        BoardCorners part = full.select(new int[]{1, 2, 5, 6, 9});
        assertThat(StillnessTracker.maxMotionPx(full, part)).isZero();
        assertThat(StillnessTracker.maxMotionPx(part, grid(4, 3, 16, 10.4, 20, 320, 240))).isCloseTo(3.0, within(1e-5));
        assertThat(StillnessTracker.maxMotionPx(full, full.select(new int[]{0, 1, 2}))).isNaN();
    }

    @Test
    void noveltyIsDistanceToNearestTakenViewInTheMoreDifferentCamera() {
        BoardSpec board = BoardSpec.chessboard(4, 3, 25);
        BoardCorners a = grid(4, 3, 20, 20, 20, 320, 240);
        BoardCorners b = grid(4, 3, 200, 20, 20, 320, 240); // moved 180 px right: x measure +0.5625
        double[] ma = Coverage.viewMeasures(a, board);
        double[] mb = Coverage.viewMeasures(b, board);
        assertThat(PoseNovelty.distance(ma, mb)).isCloseTo(180.0 / 320, within(1e-6));
        assertThat(PoseNovelty.novelty(new double[][]{ma, ma}, List.of())).isInfinite();
        assertThat(PoseNovelty.novelty(new double[][]{ma, ma}, List.<double[][]>of(new double[][]{ma, ma}))).isZero();
        // Same in the left camera, different in the right: new by the right camera's measure.
        assertThat(PoseNovelty.novelty(new double[][]{ma, mb}, List.<double[][]>of(new double[][]{ma, ma})))
                .isCloseTo(180.0 / 320, within(1e-6));
        assertThat(PoseNovelty.novelty(new double[][]{mb, mb}, List.of(new double[][]{ma, ma}, new double[][]{mb, mb})))
                .isZero();
    }

    @Test
    void coverageMapCountsCornersPerCell() {
        BoardCorners a = grid(2, 2, 1, 1, 10, 100, 80); // corners at (1,1),(11,1),(1,11),(11,11)
        CoverageMap m = CoverageMap.of(List.of(a, a), 10, 8);
        assertThat(m.count(0, 0)).isEqualTo(2);
        assertThat(m.count(1, 0)).isEqualTo(2);
        assertThat(m.count(0, 1)).isEqualTo(2);
        assertThat(m.count(1, 1)).isEqualTo(2);
        assertThat(m.filledShare()).isCloseTo(4 / 80.0, within(1e-9));
    }

    @Test
    void storeKeepsThePreviousFileAsBackupAndRejectsBadNames(@TempDir Path dir) throws IOException {
        CalibrationStore store = new CalibrationStore(dir.resolve("calibration"));
        BoardSpec board = BoardSpec.chessboard(9, 6, 25);
        CameraIntrinsics k = new CameraIntrinsics(320, 240, 300, 300, 160, 120, new double[5]);
        SessionResult first = new SessionResult.Mono(new MonoCalibration(board, k, 0.2, List.of("v1"),
                new double[]{0.2}, Coverage.of(List.of(), board)), null);
        CameraIntrinsics k2 = new CameraIntrinsics(320, 240, 310, 310, 160, 120, new double[5]);
        SessionResult second = new SessionResult.Mono(new MonoCalibration(board, k2, 0.3, List.of("v1"),
                new double[]{0.3}, Coverage.of(List.of(), board)), null);
        Path file = store.save(first, "desk");
        assertThat(file).isEqualTo(dir.resolve("calibration").resolve("desk.yaml"));
        assertThat(Files.exists(CalibrationStore.backupOf(file))).isFalse();
        Path again = store.save(second, "desk.yaml");
        assertThat(again).isEqualTo(file);
        assertThat(MonoCalibration.loadIntrinsics(file).fxPx()).isEqualTo(310);
        Path bak = CalibrationStore.backupOf(file);
        assertThat(bak.getFileName().toString()).isEqualTo("desk.yaml.bak");
        assertThat(MonoCalibration.loadIntrinsics(copyAsYaml(bak)).fxPx()).isEqualTo(300);
        try (var files = Files.list(file.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("desk.yaml", "desk.yaml.bak", "desk.yaml.bak.yaml");
        }
        assertThatThrownBy(() -> store.save(first, "../elsewhere")).isInstanceOf(UserInputException.class)
                .hasMessageContaining("calibration name '../elsewhere'");
        assertThatThrownBy(() -> store.save(first, "")).isInstanceOf(UserInputException.class);
    }

    private static Path copyAsYaml(Path bak) throws IOException {
        Path y = bak.resolveSibling(bak.getFileName() + ".yaml");
        Files.copy(bak, y);
        return y;
    }
}
