package io.github.stereostation.cli;

import io.github.stereostation.OpenCvNative;
import io.github.stereostation.calibration.BoardSpec;
import io.github.stereostation.calibration.CalibrationQuality;
import io.github.stereostation.calibration.StereoCalibration;
import io.github.stereostation.cloud.PlyReader;
import io.github.stereostation.cloud.PointCloud;
import io.github.stereostation.sim.RenderedPair;
import io.github.stereostation.sim.SceneRenderer;
import io.github.stereostation.sim.StereoRig;
import io.github.stereostation.sim.SyntheticScene;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.imgcodecs.Imgcodecs;

import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code cloud LEFT RIGHT --calibration FILE} on a raw pair from the synthetic desk rig (distortion, a rotated right
 * camera, uneven principal points): rectification with the rig's exact calibration, then SGBM, then Q.
 */
class CloudCommandCalibrationTest {

    @BeforeAll
    static void load() {
        OpenCvNative.load();
    }


    @Test
    void aRawPairRectifiedWithItsCalibrationGivesTheTrueDepthInTheOriginalCameraFrame(@TempDir Path dir) throws Exception {
        StereoRig rig = StereoRig.desk(320, 240);
        // the calibration a perfect calibration run would produce for this rig (the values the renderer used)
        StereoCalibration cal = new StereoCalibration(BoardSpec.chessboard(9, 6, 25), rig.left().intrinsics(),
                rig.right().intrinsics(), rig.rotationMatrix(), rig.translationMm(),
                new CalibrationQuality(0, 0, 0, 0, 0, 0, 0, 0, 0));
        Path calFile = dir.resolve("rig.yaml");
        cal.save(calFile);
        Path left = dir.resolve("left.png"), right = dir.resolve("right.png");
        float[] truth = new float[320 * 240];
        try (RenderedPair pair = new SceneRenderer().render(rig, SyntheticScene.slantedPlane(800, 20, 0, 5))) {
            Imgcodecs.imwrite(left.toString(), pair.left());
            Imgcodecs.imwrite(right.toString(), pair.right());
            pair.depthLeftMetres().get(0, 0, truth);
        }
        Path out = dir.resolve("plane.ply");
        CloudCommandTest.Run r = CloudCommandTest.run("cloud", left.toString(), right.toString(), "--calibration",
                calFile.toString(), "--num-disparities", "64", "--out", out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        PointCloud c = PlyReader.read(out).vertices();
        // each point, projected through the ORIGINAL (distorted) left camera, must meet the true depth of that pixel
        double[] rel = new double[c.size()];
        int n = 0;
        float[] p = c.positions();
        for (int i = 0; i < c.size(); i++) {
            double[] uv = rig.left().project(p[3 * i], p[3 * i + 1], p[3 * i + 2]);
            int u = (int) Math.round(uv[0]), v = (int) Math.round(uv[1]);
            if (u >= 0 && u < 320 && v >= 0 && v < 240 && Float.isFinite(truth[v * 320 + u])) {
                rel[n++] = Math.abs(p[3 * i + 2] - truth[v * 320 + u]) / truth[v * 320 + u];
            }
        }
        double[] sorted = Arrays.copyOf(rel, n);
        Arrays.sort(sorted);
        System.out.printf("cloud --calibration on the raw desk rig, plane at 0.8 m turned 20 deg: %d points, "
                + "median depth error %.3f %%, 90th percentile %.3f %%%n", c.size(), 100 * sorted[n / 2], 100 * sorted[n * 9 / 10]);
        assertThat(n).isGreaterThan(320 * 240 / 2);
        assertThat(sorted[n / 2]).isLessThan(0.01);
    }

    @Test
    void aTexturedObjMeshFromASyntheticPairWithAHandWrittenCalibTxt(@TempDir Path dir) throws Exception {
        StereoRig rig = StereoRig.idealDesk(160, 120);
        Path calib = dir.resolve("calib.txt");
        java.nio.file.Files.writeString(calib, String.format(java.util.Locale.ROOT,
                "cam0=[%f 0 %f; 0 %f %f; 0 0 1]\ncam1=[%f 0 %f; 0 %f %f; 0 0 1]\ndoffs=0\nbaseline=%f\nwidth=160\nheight=120\nndisp=32\n",
                rig.left().fx(), rig.left().cx(), rig.left().fy(), rig.left().cy(),
                rig.right().fx(), rig.right().cx(), rig.right().fy(), rig.right().cy(), rig.baselineMm()));
        Path left = dir.resolve("l.png"), right = dir.resolve("r.png");
        try (RenderedPair pair = new SceneRenderer().render(rig, SyntheticScene.step(600, 900, 2))) {
            Imgcodecs.imwrite(left.toString(), pair.left());
            Imgcodecs.imwrite(right.toString(), pair.right());
        }
        Path obj = dir.resolve("step.obj");
        CloudCommandTest.Run r = CloudCommandTest.run("cloud", left.toString(), right.toString(), "--calib-txt",
                calib.toString(), "--mesh", "--texture", "--out", obj.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        java.util.List<String> lines = java.nio.file.Files.readAllLines(obj);
        long v = lines.stream().filter(l -> l.startsWith("v ")).count();
        long vt = lines.stream().filter(l -> l.startsWith("vt ")).count();
        long f = lines.stream().filter(l -> l.startsWith("f ")).count();
        assertThat(vt).isEqualTo(v).isGreaterThan(160 * 120 / 2);
        // the 0.6 m / 0.9 m step is cut: fewer triangles than a full grid of the valid pixels would give
        assertThat(f).isGreaterThan(v).isLessThan(2L * 159 * 119);
        assertThat(dir.resolve("step.mtl")).content().contains("map_Kd step.png");
        assertThat(Imgcodecs.imread(dir.resolve("step.png").toString()).cols()).isEqualTo(160);

        CloudCommandTest.Run headless = CloudCommandTest.run("cloud", left.toString(), right.toString(), "--calib-txt",
                calib.toString(), "--view");
        assertThat(headless.exit()).isEqualTo(2);
        assertThat(headless.err()).contains("--view");
    }
}
