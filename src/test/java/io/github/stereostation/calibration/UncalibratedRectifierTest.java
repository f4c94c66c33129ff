package io.github.stereostation.calibration;

import io.github.stereostation.OpenCvNative;
import io.github.stereostation.SharedData;
import io.github.stereostation.UserInputException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;

import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * BoofCV's "mono wall" shots: one Sony DSC-HX5V moved sideways. After uncalibrated rectification the matched
 * features must lie on the same row within 1 px (median), measured twice: on the RANSAC inliers mapped by
 * the homographies, and independently by matching features again in the rectified images.
 */
class UncalibratedRectifierTest {

    @BeforeAll
    static void load() {
        OpenCvNative.load();
    }

    @Test
    void matchedFeaturesShareRowsAfterRectification() {
        Path dir = SharedData.require("pairs/boofcv_mono_wall");
        Mat a = CalibrationImages.read(dir.resolve("mono_wall_01.jpg"));
        Mat b = CalibrationImages.read(dir.resolve("mono_wall_02.jpg"));
        Mat ra = new Mat();
        Mat rb = new Mat();
        try (UncalibratedRectification r = UncalibratedRectifier.estimate(a, b, Optional.empty(),
                UncalibratedRectifier.Features.AKAZE)) {
            r.rectify(a, b, ra, rb);
            double before = UncalibratedRectifier.medianRowDifferencePx(a, b, UncalibratedRectifier.Features.AKAZE);
            double after = UncalibratedRectifier.medianRowDifferencePx(ra, rb, UncalibratedRectifier.Features.AKAZE);
            System.out.printf("mono_wall 01/02: %d matches, %d inliers, inlier median |dy| %.3f px; "
                    + "re-matched median |dy| before %.3f px, after %.3f px%n", r.matchCount(), r.inlierCount(),
                    r.medianRowErrorPx(), before, after);
            assertThat(r.inlierCount()).isGreaterThan(50);
            assertThat(r.medianRowErrorPx()).isLessThan(1.0);
            assertThat(after).isLessThan(1.0);
            // The shots were not rectified to begin with, so the check can fail.
            assertThat(before).isGreaterThan(after);
            assertThat(ra.size()).isEqualTo(a.size());
        } finally {
            MatValues.release(a, b, ra, rb);
        }
    }

    @Test
    void withTheCamerasMonoCalibrationTheShotsAreAlsoUndistorted() {
        Path calib = SharedData.require("calib/boofcv_sony_dsc_hx5v_mono");
        Path dir = SharedData.require("pairs/boofcv_mono_wall");
        BoardSpec board = BoardSpec.chessboard(4, 6, 30);
        CalibrationImages.DetectedMono found = CalibrationImages.detectMono(CalibrationImages.imagesIn(calib),
                BoardDetector.forBoard(board));
        assertThat(found.skipped()).isEmpty();
        MonoCalibration mono = MonoCalibrator.calibrate(found.views(), board);
        System.out.printf("Sony mono: rms %.3f px, %s%n", mono.rmsPx(), mono.intrinsics());
        // OpenCV 4.6 on the same images: RMS 0.152, fx 707.8; BoofCV (2 radial terms): fx 701.0.
        assertThat(mono.rmsPx()).isLessThan(0.4);
        // Every view has the same corner count, so the per-view RMS errors must combine to the overall RMS.
        double sq = 0;
        for (double e : mono.viewRmsPx()) {
            sq += e * e;
        }
        assertThat(Math.sqrt(sq / mono.viewRmsPx().length)).isCloseTo(mono.rmsPx(), org.assertj.core.api.Assertions.within(0.005));
        assertThat(mono.intrinsics().fxPx()).isBetween(695.0, 720.0);
        Mat a = CalibrationImages.read(dir.resolve("mono_wall_02.jpg"));
        Mat b = CalibrationImages.read(dir.resolve("mono_wall_03.jpg"));
        Mat ra = new Mat();
        Mat rb = new Mat();
        try (UncalibratedRectification r = UncalibratedRectifier.estimate(a, b, Optional.of(mono.intrinsics()),
                UncalibratedRectifier.Features.AKAZE)) {
            r.rectify(a, b, ra, rb);
            double after = UncalibratedRectifier.medianRowDifferencePx(ra, rb, UncalibratedRectifier.Features.AKAZE);
            System.out.printf("mono_wall 02/03 undistorted: inlier median |dy| %.3f px, re-matched %.3f px%n",
                    r.medianRowErrorPx(), after);
            assertThat(r.undistorted()).isTrue();
            assertThat(r.medianRowErrorPx()).isLessThan(1.0);
            assertThat(after).isLessThan(1.0);
            // the camera moved right from 02 to 03 (the series walks along the wall): 02 is the left view
            assertThat(r.firstIsLeft()).contains(true);
        } finally {
            MatValues.release(ra, rb);
        }
        try (UncalibratedRectification swapped = UncalibratedRectifier.estimate(b, a, Optional.of(mono.intrinsics()),
                UncalibratedRectifier.Features.AKAZE)) {
            assertThat(swapped.firstIsLeft()).contains(false);
        } finally {
            MatValues.release(a, b);
        }
        try (UncalibratedRectification plain = UncalibratedRectifier.estimate(
                CalibrationImages.read(dir.resolve("mono_wall_01.jpg")), CalibrationImages.read(dir.resolve("mono_wall_02.jpg")),
                Optional.empty(), UncalibratedRectifier.Features.AKAZE)) {
            assertThat(plain.firstIsLeft()).as("without intrinsics the order cannot be told").isEmpty();
        }
    }

    @Test
    void shotsWithoutTextureAreAClearError() {
        Mat flat = new Mat(240, 320, CvType.CV_8UC3, new Scalar(90, 90, 90));
        Mat other = new Mat(240, 320, CvType.CV_8UC3, new Scalar(120, 120, 120));
        Mat small = new Mat(120, 160, CvType.CV_8UC3, new Scalar(120, 120, 120));
        assertThatThrownBy(() -> UncalibratedRectifier.estimate(flat, other, Optional.empty(), UncalibratedRectifier.Features.ORB))
                .isInstanceOf(UserInputException.class).hasMessageContaining("feature matches");
        assertThatThrownBy(() -> UncalibratedRectifier.estimate(flat, small, Optional.empty(), UncalibratedRectifier.Features.ORB))
                .isInstanceOf(UserInputException.class).hasMessageContaining("differ in size");
        MatValues.release(flat, other, small);
    }
}
