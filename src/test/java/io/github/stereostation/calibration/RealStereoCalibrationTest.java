package io.github.stereostation.calibration;

import io.github.stereostation.OpenCvNative;
import io.github.stereostation.SharedData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * OpenCV's own stereo sample pairs (9x6 inner corners, square size unknown so 1.0): every view must be
 * detected, the stereo RMS stay at or below 0.5 px (plain OpenCV gets 0.45 px) and the rectified epipolar
 * error at or below 0.5 px. Reference values from plain OpenCV 4.6 (shared/data/calib/meta.json):
 * fx 536.1 / 542.4 px, T = (-3.344, 0.042, 0.053) squares.
 */
class RealStereoCalibrationTest {
    private static final BoardSpec BOARD = BoardSpec.chessboard(9, 6, 1.0);
    private static List<ViewPair> classicViews;

    @BeforeAll
    static void detect() {
        OpenCvNative.load();
        Path dir = SharedData.require("calib/opencv_left_right");
        List<CalibrationImages.ImagePair> pairs = CalibrationImages.inFolder(dir);
        assertThat(pairs).hasSize(13);
        CalibrationImages.Detected classic = CalibrationImages.detect(pairs, new ChessboardDetector(BOARD));
        assertThat(classic.skipped()).isEmpty();
        classicViews = classic.views();
    }

    @Test
    void everyViewDetectedAndStereoQualityWithinLimits() {
        StereoCalibrator.Result r = StereoCalibrator.calibrate(classicViews, BOARD);
        CalibrationQuality q = r.calibration().quality();
        System.out.println(r.report().describe(r.calibration()));
        assertThat(q.viewCount()).isEqualTo(13);
        assertThat(q.rmsStereoPx()).isLessThanOrEqualTo(0.5);
        assertThat(q.epipolarMeanPx()).isLessThanOrEqualTo(0.5);
        assertThat(q.rmsLeftPx()).isLessThanOrEqualTo(0.5);
        assertThat(q.rmsRightPx()).isLessThanOrEqualTo(0.5);
        // Agreement with plain OpenCV on the same images, within what corner detection differences allow.
        StereoCalibration c = r.calibration();
        assertThat(c.left().fxPx()).isCloseTo(536.07, within(536.07 * 0.02));
        assertThat(c.right().fxPx()).isCloseTo(542.35, within(542.35 * 0.02));
        assertThat(c.baselineMm()).isCloseTo(3.344, within(3.344 * 0.02));
        assertThat(c.translationMm()[0]).isNegative();
        assertThat(r.report().views()).hasSize(13);
        assertThat(r.report().views()).allSatisfy(v -> assertThat(v.worstPx()).isLessThan(1.0));
        assertThat(r.report().coverageLeft().imageFill()).isBetween(0.3, 1.0);
    }

    @Test
    void bothStereoFitsMeetTheLimits() {
        for (StereoCalibrator.StereoFit fit : StereoCalibrator.StereoFit.values()) {
            StereoCalibrator.Result r = StereoCalibrator.calibrate(classicViews, BOARD, new StereoCalibrator.Options(0, fit));
            CalibrationQuality q = r.calibration().quality();
            System.out.printf("%s: rms L %.3f R %.3f stereo %.3f, epipolar mean %.3f max %.3f, fx %.2f/%.2f, B %.4f%n",
                    fit, q.rmsLeftPx(), q.rmsRightPx(), q.rmsStereoPx(), q.epipolarMeanPx(), q.epipolarMaxPx(),
                    r.calibration().left().fxPx(), r.calibration().right().fxPx(), r.calibration().baselineMm());
            assertThat(q.rmsStereoPx()).isLessThanOrEqualTo(0.5);
            assertThat(q.epipolarMeanPx()).isLessThanOrEqualTo(0.5);
        }
    }

    @Test
    void sectorBasedDetectorFindsTheSameCornersOnRealImages() {
        Path dir = SharedData.require("calib/opencv_left_right");
        ChessboardDetector sb = new ChessboardDetector(BOARD, ChessboardDetector.Method.SECTOR_BASED);
        for (int i = 0; i < 3; i++) {
            ViewPair v = classicViews.get(i * 4);
            String leftName = v.name().substring(0, v.name().indexOf('+'));
            org.opencv.core.Mat img = CalibrationImages.read(dir.resolve(leftName));
            BoardCorners c = sb.detect(img).orElseThrow();
            double sum = 0;
            for (int k = 0; k < c.count(); k++) {
                sum += Math.hypot(c.x(k) - v.left().x(k), c.y(k) - v.left().y(k));
            }
            System.out.printf("%s: SB vs classic corners differ by %.4f px on average%n", leftName, sum / c.count());
            assertThat(sum / c.count()).isLessThan(0.05);
            img.release();
        }
    }

    @Test
    void droppingTheWorstViewsRecalibratesWithoutThem() {
        StereoCalibrator.Result all = StereoCalibrator.calibrate(classicViews, BOARD);
        double worst = all.report().views().stream().mapToDouble(ViewError::worstPx).max().orElseThrow();
        double threshold = worst - 1e-6;
        StereoCalibrator.Result dropped = StereoCalibrator.calibrate(classicViews, BOARD,
                new StereoCalibrator.Options(threshold, StereoCalibrator.StereoFit.FIX_INTRINSIC));
        assertThat(dropped.report().dropped()).hasSize(1);
        assertThat(dropped.calibration().quality().viewCount()).isEqualTo(12);
        assertThat(dropped.report().views()).extracting(ViewError::name)
                .doesNotContain(dropped.report().dropped().get(0).name());
        assertThat(dropped.calibration().quality().rmsStereoPx()).isLessThan(all.calibration().quality().rmsStereoPx());
    }

    @Test
    void rectifiedImagesPutTheBoardCornersOnTheSameRow() {
        StereoCalibrator.Result r = StereoCalibrator.calibrate(classicViews, BOARD);
        try (Rectifier rect = Rectifier.create(r.calibration(), 0)) {
            Path dir = SharedData.require("calib/opencv_left_right");
            org.opencv.core.Mat l = CalibrationImages.read(dir.resolve("left03.jpg"));
            org.opencv.core.Mat rr = CalibrationImages.read(dir.resolve("right03.jpg"));
            org.opencv.core.Mat ol = new org.opencv.core.Mat();
            org.opencv.core.Mat or = new org.opencv.core.Mat();
            rect.rectify(l, rr, ol, or);
            // Detect the board again in the rectified images: an independent check of the maps.
            ChessboardDetector det = new ChessboardDetector(BOARD);
            BoardCorners cl = det.detect(ol).orElseThrow();
            BoardCorners cr = det.detect(or).orElseThrow();
            double sum = 0;
            for (int i = 0; i < cl.count(); i++) {
                sum += Math.abs(cl.y(i) - cr.y(i));
            }
            double mean = sum / cl.count();
            System.out.printf("re-detected corners in rectified left03/right03: mean |dy| %.3f px%n", mean);
            assertThat(mean).isLessThan(0.5);
            assertThat(rect.focalPx()).isGreaterThan(400);
            assertThat(rect.baselineMm()).isCloseTo(r.calibration().baselineMm(), within(1e-6));
            org.opencv.core.Mat q = rect.q();
            assertThat(q.rows()).isEqualTo(4);
            assertThat(q.get(2, 3)[0]).isCloseTo(rect.focalPx(), within(1e-9));
            assertThat(1 / q.get(3, 2)[0]).isCloseTo(rect.baselineMm(), within(1e-6));
            MatValues.release(l, rr, ol, or, q);
        }
    }
}
