package io.github.stereostation.source;

import io.github.stereostation.calibration.BoardSpec;
import io.github.stereostation.calibration.CalibrationQuality;
import io.github.stereostation.calibration.StereoCalibration;
import io.github.stereostation.capture.ReplaySource;
import io.github.stereostation.capture.StereoSource;
import io.github.stereostation.io.AtomicFiles;
import io.github.stereostation.sim.PinholeCamera;
import io.github.stereostation.sim.StereoRig;
import io.github.stereostation.sim.SyntheticStereoSource;
import org.opencv.calib3d.Calib3d;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The calibration that travels with a recorded session, as {@value #FILE_NAME} (OpenCV YAML) beside its
 * session.json: what the pairs were taken with, so that a replay is rectified and measured in metres as the live
 * cameras were. A recording of the synthetic rig carries the rig's true geometry.
 */
public final class SessionCalibration {
    public static final String FILE_NAME = "calibration.yaml";

    private SessionCalibration() {
    }

    /**
     * Stores with a new session in {@code sessionDir} what calibrates its pairs: the true rig for the synthetic
     * rig, else a copy of {@code active} (null or missing: nothing). Returns what was stored, in words, or null.
     */
    public static String store(Path sessionDir, StereoSource source, Path active) throws IOException {
        Path target = sessionDir.resolve(FILE_NAME);
        if (source instanceof SyntheticStereoSource s) {
            trueRig(s.rig(), BoardSpec.chessboard(9, 6, 25)).save(target);
            return "the synthetic rig's true geometry";
        }
        if (active == null || !Files.isRegularFile(active)) {
            return null;
        }
        StereoCalibration.load(active); // a broken file is refused here, naming it, not copied
        AtomicFiles.write(target, Files.readAllBytes(active));
        return "calibration " + active.getFileName();
    }

    /** The calibration recorded with a replayed session, when the source is one and has it. */
    public static Optional<Path> of(StereoSource source) {
        if (source instanceof ReplaySource r) {
            Path file = r.folder().resolve(FILE_NAME);
            return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
        }
        return Optional.empty();
    }

    /**
     * The rig as a calibration: exact by construction (zero reprojection and epipolar error); the board entry is
     * nominal, since no board was used.
     */
    public static StereoCalibration trueRig(StereoRig rig, BoardSpec board) {
        Mat rv = new Mat(3, 1, CvType.CV_64F);
        Mat rm = new Mat();
        try {
            rv.put(0, 0, rig.rotationRodrigues());
            Calib3d.Rodrigues(rv, rm);
            double[] r9 = new double[9];
            rm.get(0, 0, r9);
            return new StereoCalibration(board, rig.left().intrinsics(), rig.right().intrinsics(), r9,
                    rig.translationMm(), new CalibrationQuality(0, 0, 0, 0, 0, 0, 0, 1, 1));
        } finally {
            rv.release();
            rm.release();
        }
    }
}
