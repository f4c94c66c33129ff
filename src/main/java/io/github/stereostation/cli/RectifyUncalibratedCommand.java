package io.github.stereostation.cli;

import io.github.stereostation.OpenCvNative;
import io.github.stereostation.UserInputException;
import io.github.stereostation.calibration.CalibrationImages;
import io.github.stereostation.calibration.MonoCalibration;
import io.github.stereostation.calibration.RectifiedPairFiles;
import io.github.stereostation.calibration.UncalibratedRectification;
import io.github.stereostation.calibration.UncalibratedRectifier;
import io.github.stereostation.geometry.CameraIntrinsics;
import org.opencv.core.Mat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code stereo-station rectify-uncalibrated}: rectifies two shots of one camera moved sideways. */
@Command(name = "rectify-uncalibrated", mixinStandardHelpOptions = true,
        description = "Rectify two shots of ONE camera moved sideways (no stereo calibration): matches features, "
                + "fits the fundamental matrix with RANSAC and warps both shots so matches lie on the same row. "
                + "FIRST should be the left view (the camera moved to the right for SECOND).")
public final class RectifyUncalibratedCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FIRST", description = "First shot (left view).")
    Path first;

    @Parameters(index = "1", paramLabel = "SECOND", description = "Second shot, after moving the camera sideways.")
    Path second;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for the rectified shots (created if missing).")
    Path out;

    @Option(names = "--intrinsics", paramLabel = "FILE",
            description = "The camera's calibration (from calibrate --mono, or a stereo file: its left camera); "
                    + "the shots are then undistorted too.")
    Path intrinsics;

    @Option(names = "--features", defaultValue = "akaze", paramLabel = "NAME",
            description = "akaze (default, more accurate) or orb (faster).")
    String features;

    @Option(names = "--guides", defaultValue = "0", paramLabel = "N",
            description = "Also write a side-by-side image with N horizontal guide lines (0 = none).")
    int guides;

    @Override
    public Integer call() throws Exception {
        OpenCvNative.load();
        UncalibratedRectifier.Features f = switch (features.toLowerCase(Locale.ROOT)) {
            case "akaze" -> UncalibratedRectifier.Features.AKAZE;
            case "orb" -> UncalibratedRectifier.Features.ORB;
            default -> throw new UserInputException("--features " + features + ": expected akaze or orb");
        };
        if (guides < 0 || guides > 200) {
            throw new UserInputException("--guides " + guides + ": expected 0..200");
        }
        Optional<CameraIntrinsics> k = intrinsics == null ? Optional.empty() : Optional.of(MonoCalibration.loadIntrinsics(intrinsics));
        Mat a = CalibrationImages.read(first);
        Mat b = CalibrationImages.read(second);
        Mat outA = new Mat();
        Mat outB = new Mat();
        try (UncalibratedRectification rect = UncalibratedRectifier.estimate(a, b, k, f)) {
            Files.createDirectories(out);
            rect.rectify(a, b, outA, outB);
            Path[] written = RectifiedPairFiles.write(out, first, second, new String[]{"first_", "second_"}, outA, outB,
                    null, guides);
            System.out.printf(Locale.ROOT, "%d matches, %d RANSAC inliers; after rectification median row error %.3f px%s%n",
                    rect.matchCount(), rect.inlierCount(), rect.medianRowErrorPx(), rect.undistorted() ? " (undistorted)" : "");
            if (rect.firstIsLeft().filter(left -> !left).isPresent()) {
                System.out.println("note: the camera moved left between FIRST and SECOND, so SECOND is the left view;"
                        + " swap them (FIRST must be the left view) or disparity comes out negative");
            }
            System.out.println("wrote " + written[0] + " and " + written[1]);
        } finally {
            a.release();
            b.release();
            outA.release();
            outB.release();
        }
        return 0;
    }
}
