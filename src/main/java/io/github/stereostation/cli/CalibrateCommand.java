package io.github.stereostation.cli;

import io.github.stereostation.OpenCvNative;
import io.github.stereostation.UserInputException;
import io.github.stereostation.calibration.BoardDetector;
import io.github.stereostation.calibration.BoardSpec;
import io.github.stereostation.calibration.CalibrationImages;
import io.github.stereostation.calibration.ChessboardDetector;
import io.github.stereostation.calibration.MonoCalibration;
import io.github.stereostation.calibration.MonoCalibrator;
import io.github.stereostation.calibration.RosCameraInfo;
import io.github.stereostation.calibration.StereoCalibrator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code stereo-station calibrate}: stereo (or single-camera) calibration from board images. */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = {"Calibrate a stereo rig from chessboard or ChArUco image pairs, print the quality report "
                + "and save the calibration as OpenCV YAML.",
                "DIR holds left*/right* images paired by sorted name (or give --left/--right globs). With --mono, "
                        + "DIR holds one camera's images and only its intrinsics are calibrated."})
public final class CalibrateCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR",
            description = "Folder with left*/right* images (or one camera's images with --mono).")
    Path dir;

    @Option(names = "--board", required = true, paramLabel = "SPEC",
            description = "Board: chess:COLSxROWS:SQUARE_MM (inner corners, e.g. chess:9x6:25) or "
                    + "charuco:COLSxROWS:SQUARE_MM:MARKER_MM[:DICT] (inner corners, e.g. charuco:7x5:30:22:DICT_4X4_50).")
    String board;

    @Option(names = "--out", required = true, paramLabel = "FILE",
            description = "Calibration file to write (e.g. calibration/rig.yaml). Written only when calibration succeeds.")
    Path out;

    @Option(names = "--left", paramLabel = "GLOB", description = "Left images, e.g. 'shots/l_*.png' (with --right, instead of DIR).")
    String leftGlob;

    @Option(names = "--right", paramLabel = "GLOB", description = "Right images, paired with --left by sorted name.")
    String rightGlob;

    @Option(names = "--mono", description = "Calibrate one camera (intrinsics only) from the images in DIR.")
    boolean mono;

    @Option(names = "--drop-above", paramLabel = "PX", defaultValue = "0",
            description = "Drop views whose RMS reprojection error is above PX pixels and calibrate again (0 = keep all; default ${DEFAULT-VALUE}).")
    double dropAbovePx;

    @Option(names = "--stereo-fit", paramLabel = "MODE", defaultValue = "refine",
            description = "refine: start from each camera's own calibration and refine all jointly (default, measured "
                    + "more accurate); fix: keep each camera's intrinsics and fit only R and T.")
    String stereoFit;

    @Option(names = "--detector", paramLabel = "NAME", defaultValue = "classic",
            description = "Chessboard detector tried first: classic (findChessboardCorners, fast, default) or sb "
                    + "(findChessboardCornersSB, slower, copes better with blur); the other is the fallback, and "
                    + "corners are refined with cornerSubPix either way.")
    String detector;

    @Option(names = "--ros", paramLabel = "DIR",
            description = "Also write ROS camera_info files NAME_left.yaml and NAME_right.yaml into DIR.")
    Path rosDir;

    @Override
    public Integer call() throws Exception {
        OpenCvNative.load();
        BoardSpec spec = BoardSpec.parse(board);
        BoardDetector det = detector(spec);
        PrintStream o = System.out;
        if (mono) {
            if (dir == null) {
                throw new UserInputException("--mono needs DIR, the folder with the camera's images");
            }
            CalibrationImages.DetectedMono found;
            try (det) {
                found = CalibrationImages.detectMono(CalibrationImages.imagesIn(dir), det);
            }
            found.skipped().forEach(s -> o.println("skipped: " + s));
            MonoCalibration cal = MonoCalibrator.calibrate(found.views(), spec);
            o.printf(Locale.ROOT, "Board %s, %d views used%nRMS reprojection error %.3f px%n%s%n", spec.toText(),
                    cal.viewNames().size(), cal.rmsPx(), cal.intrinsics());
            for (int i = 0; i < cal.viewNames().size(); i++) {
                o.printf(Locale.ROOT, "  %-28s %.3f px%n", cal.viewNames().get(i), cal.viewRmsPx()[i]);
            }
            cal.save(out);
            o.println("wrote " + out);
            return 0;
        }
        List<CalibrationImages.ImagePair> pairs;
        if (leftGlob != null || rightGlob != null) {
            if (leftGlob == null || rightGlob == null || dir != null) {
                throw new UserInputException("give either DIR or both --left and --right globs");
            }
            pairs = CalibrationImages.fromGlobs(leftGlob, rightGlob);
        } else if (dir != null) {
            pairs = CalibrationImages.inFolder(dir);
        } else {
            throw new UserInputException("give DIR (with left*/right* images) or --left and --right globs");
        }
        CalibrationImages.Detected found;
        try (det) {
            found = CalibrationImages.detect(pairs, det);
        }
        found.skipped().forEach(s -> System.err.println("warning: skipped " + s));
        StereoCalibrator.StereoFit fit = switch (stereoFit.toLowerCase(Locale.ROOT)) {
            case "fix" -> StereoCalibrator.StereoFit.FIX_INTRINSIC;
            case "refine" -> StereoCalibrator.StereoFit.REFINE_INTRINSIC;
            default -> throw new UserInputException("--stereo-fit " + stereoFit + ": expected fix or refine");
        };
        StereoCalibrator.Result result = StereoCalibrator.calibrate(found.views(), spec,
                new StereoCalibrator.Options(dropAbovePx, fit));
        o.print(result.report().withSkipped(found.skipped()).describe(result.calibration()));
        result.calibration().save(out);
        o.println("wrote " + out);
        if (rosDir != null) {
            String name = Optional.ofNullable(out.getFileName()).map(Path::toString).orElse("stereo").replaceFirst("\\.ya?ml$", "");
            RosCameraInfo.write(result.calibration(), rosDir, name);
            o.println("wrote " + rosDir.resolve(name + "_left.yaml") + " and " + rosDir.resolve(name + "_right.yaml"));
        }
        return 0;
    }

    private BoardDetector detector(BoardSpec spec) {
        String d = detector.toLowerCase(Locale.ROOT);
        if (!d.equals("sb") && !d.equals("classic")) {
            throw new UserInputException("--detector " + detector + ": expected sb or classic");
        }
        if (spec.kind() != BoardSpec.Kind.CHESSBOARD) {
            return BoardDetector.forBoard(spec);
        }
        return new ChessboardDetector(spec, d.equals("sb") ? ChessboardDetector.Method.SECTOR_BASED
                : ChessboardDetector.Method.CLASSIC_SUBPIX);
    }
}
