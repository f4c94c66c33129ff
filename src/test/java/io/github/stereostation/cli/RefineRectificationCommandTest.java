package io.github.stereostation.cli;

import io.github.stereostation.OpenCvNative;
import io.github.stereostation.calibration.BoardSpec;
import io.github.stereostation.calibration.CalibrationQuality;
import io.github.stereostation.calibration.StereoCalibration;
import io.github.stereostation.geometry.Matrix3;
import io.github.stereostation.sim.RenderOptions;
import io.github.stereostation.sim.RenderedPair;
import io.github.stereostation.sim.SceneRenderer;
import io.github.stereostation.sim.StereoRig;
import io.github.stereostation.sim.SyntheticScene;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.imgcodecs.Imgcodecs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code refine-rectification} on a replayed recording of the synthetic desk rig whose right camera turned 0.3°
 * about the baseline after calibration: the refined file puts the rows back and finds the turn; the old file stays.
 */
class RefineRectificationCommandTest {

    @BeforeAll
    static void load() {
        OpenCvNative.load();
    }

    @Test
    void aBumpedRigIsRefinedFromARecordingWithoutABoard(@TempDir Path dir) throws Exception {
        StereoRig rig = StereoRig.desk(640, 480);
        StereoCalibration cal = new StereoCalibration(BoardSpec.chessboard(9, 6, 25),
                rig.left().intrinsics(), rig.right().intrinsics(),
                rig.rotationMatrix(), rig.translationMm(), new CalibrationQuality(0, 0, 0, 0, 0, 0, 0, 1, 1));
        Path calFile = dir.resolve("rig.yaml");
        cal.save(calFile);
        byte[] old = Files.readAllBytes(calFile);
        // the right camera turns 0.3° about its x axis (the baseline): every row moves by about 2.9 px
        double[] turn = Matrix3.fromRodrigues(Math.toRadians(0.3), 0, 0);
        double[] movedR = Matrix3.multiply(turn, rig.rotationMatrix());
        StereoRig moved = new StereoRig(rig.left(), rig.right(), Matrix3.toRodrigues(movedR), Matrix3.apply(turn, rig.translationMm()));
        Path replay = Files.createDirectories(dir.resolve("bumped"));
        for (int i = 1; i <= 2; i++) {
            try (RenderedPair p = new SceneRenderer(new RenderOptions(2, 1.5, 1, i)).render(moved, SyntheticScene.desk(3))) {
                Imgcodecs.imwrite(replay.resolve("left0" + i + ".png").toString(), p.left());
                Imgcodecs.imwrite(replay.resolve("right0" + i + ".png").toString(), p.right());
            }
        }
        CloudCommandTest.Run r = CloudCommandTest.run("refine-rectification", "--source", "replay:" + replay,
                "--calibration", calFile.toString());
        System.out.println(r.out());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(rowError(r.out(), "before")).isGreaterThan(2.5);
        assertThat(rowError(r.out(), "after")).isLessThan(0.3);
        Path refined = dir.resolve("rig-refined.yaml");
        assertThat(Files.readAllBytes(calFile)).isEqualTo(old);
        StereoCalibration got = StereoCalibration.load(refined);
        // the refined orientation is the moved camera's, to a few hundredths of a degree
        assertThat(angleDegrees(got.rotation(), movedR)).isLessThan(0.03);
        assertThat(angleDegrees(cal.rotation(), movedR)).isGreaterThan(0.29);
        assertThat(got.baselineMm()).isCloseTo(cal.baselineMm(), org.assertj.core.data.Offset.offset(1e-9));

        // again onto the same name: the first refinement is kept as .bak
        byte[] first = Files.readAllBytes(refined);
        CloudCommandTest.Run again = CloudCommandTest.run("refine-rectification", "--source", "replay:" + replay,
                "--calibration", calFile.toString(), "--out", refined.toString());
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(again.out()).contains("kept as rig-refined.yaml.bak");
        assertThat(Files.readAllBytes(dir.resolve("rig-refined.yaml.bak"))).isEqualTo(first);
    }

    @Test
    void badInputIsOneLineAndWritesNothing(@TempDir Path dir) throws Exception {
        CloudCommandTest.Run r = CloudCommandTest.run("refine-rectification", "--source", "synthetic",
                "--calibration", dir.resolve("missing.yaml").toString());
        assertThat(r.exit()).isEqualTo(StereoStation.EXIT_BAD_INPUT);
        assertThat(r.err().strip().lines().count()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).contains("missing.yaml");
        try (var files = Files.list(dir)) {
            assertThat(files.count()).isZero();
        }
    }

    static double rowError(String out, String which) {
        Matcher m = Pattern.compile("row error " + which + ":\\s+([0-9.]+) px").matcher(out);
        assertThat(m.find()).as(out).isTrue();
        return Double.parseDouble(m.group(1));
    }

    static double angleDegrees(double[] a, double[] b) {
        double trace = 0;
        for (int i = 0; i < 3; i++) {
            for (int k = 0; k < 3; k++) {
                trace += a[3 * i + k] * b[3 * i + k]; // trace(A B^T)
            }
        }
        return Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, (trace - 1) / 2))));
    }
}
