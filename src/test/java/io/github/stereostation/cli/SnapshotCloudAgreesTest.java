package io.github.stereostation.cli;

import io.github.stereostation.OpenCvNative;
import io.github.stereostation.calibration.BoardSpec;
import io.github.stereostation.calibration.CalibrationQuality;
import io.github.stereostation.calibration.StereoCalibration;
import io.github.stereostation.cloud.PlyReader;
import io.github.stereostation.cloud.PointCloud;
import io.github.stereostation.depth.Preset;
import io.github.stereostation.pipeline.LiveLoop;
import io.github.stereostation.pipeline.LoopSpec;
import io.github.stereostation.pipeline.SnapshotTaker;
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
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One raw pair from the calibrated synthetic desk rig (distortion, a turned right camera), reconstructed twice:
 * by {@code cloud LEFT RIGHT --calibration FILE} and by the station's snapshot of the same pair replayed through
 * the live loop with the same preset, both with their default settings otherwise. Both routes go through
 * {@code depth.StereoReconstruction}, so the clouds must be the same point for point, and both must sit at the rig's true depth in the original left camera's frame.
 */
class SnapshotCloudAgreesTest {
    private static final int W = 320;
    private static final int H = 240;

    @BeforeAll
    static void load() {
        OpenCvNative.load();
    }

    @Test
    void theCloudCommandAndTheStationSnapshotGiveTheSameCloudForTheSamePair(@TempDir Path dir) throws Exception {
        StereoRig rig = StereoRig.desk(W, H);
        StereoCalibration cal = new StereoCalibration(BoardSpec.chessboard(9, 6, 25),
                rig.left().intrinsics(), rig.right().intrinsics(),
                rig.rotationMatrix(), rig.translationMm(), new CalibrationQuality(0, 0, 0, 0, 0, 0, 0, 0, 0));
        Path calFile = dir.resolve("rig.yaml");
        cal.save(calFile);
        Path pairs = Files.createDirectory(dir.resolve("pairs"));
        float[] truth = new float[W * H];
        try (RenderedPair pair = new SceneRenderer().render(rig, SyntheticScene.slantedPlane(800, 20, 0, 5))) {
            // the same pair several times, so the replay still runs when the snapshot is asked for
            for (int i = 0; i < 8; i++) {
                Imgcodecs.imwrite(pairs.resolve(String.format("left%02d.png", i)).toString(), pair.left());
                Imgcodecs.imwrite(pairs.resolve(String.format("right%02d.png", i)).toString(), pair.right());
            }
            pair.depthLeftMetres().get(0, 0, truth);
        }

        Path out = dir.resolve("cloud.ply");
        CloudCommandTest.Run r = CloudCommandTest.run("cloud", pairs.resolve("left00.png").toString(),
                pairs.resolve("right00.png").toString(), "--calibration", calFile.toString(), "--preset", "fast",
                "--num-disparities", "64", "--out", out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        PointCloud fromCommand = PlyReader.read(out).vertices();

        Preset fast = Preset.load("fast");
        Preset fast64 = fast.withMatcher(fast.matcher().withNumDisparities(64));
        LoopSpec spec = LoopSpec.from(io.github.stereostation.config.StationSettings.defaults()).withSource("replay:" + pairs)
                .withCalibration(calFile).withCamera(new io.github.stereostation.capture.CameraSettings(W, H, 10, "MJPG", 20));
        PointCloud fromSnapshot;
        try (LiveLoop loop = LiveLoop.open(spec, () -> fast64, job -> { })) {
            SnapshotTaker.Snapshot snap = loop.snapshots().request(dir.resolve("snapshots")).get(60, TimeUnit.SECONDS);
            fromSnapshot = snap.cloud();
            assertThat(PlyReader.read(snap.folder().resolve("cloud.ply")).vertices().positions())
                    .containsExactly(fromSnapshot.positions());
        }

        assertThat(fromSnapshot.size()).isGreaterThan(W * H / 2).isEqualTo(fromCommand.size());
        assertThat(fromSnapshot.positions()).containsExactly(fromCommand.positions());
        assertThat(fromSnapshot.colors()).containsExactly(fromCommand.colors());

        // and the cloud is right: each point, projected through the original (distorted) left camera, lands on
        // a pixel whose true depth it meets
        float[] p = fromSnapshot.positions();
        double[] rel = new double[fromSnapshot.size()];
        int n = 0;
        for (int i = 0; i < fromSnapshot.size(); i++) {
            double[] uv = rig.left().project(p[3 * i], p[3 * i + 1], p[3 * i + 2]);
            int u = (int) Math.round(uv[0]), v = (int) Math.round(uv[1]);
            if (u >= 0 && u < W && v >= 0 && v < H && Float.isFinite(truth[v * W + u])) {
                rel[n++] = Math.abs(p[3 * i + 2] - truth[v * W + u]) / truth[v * W + u];
            }
        }
        double[] sorted = Arrays.copyOf(rel, n);
        Arrays.sort(sorted);
        assertThat(n).isGreaterThan(W * H / 2);
        assertThat(sorted[n / 2]).isLessThan(0.01);
    }
}
