package io.github.stereostation.ui;

import io.github.stereostation.OpenCvNative;
import io.github.stereostation.capture.CameraSettings;
import io.github.stereostation.config.StationSettings;
import io.github.stereostation.depth.Preset;
import io.github.stereostation.pipeline.LiveLoop;
import io.github.stereostation.pipeline.LoopSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.imgcodecs.Imgcodecs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The station (its loop and the window's controller) runs with what config/station.yaml says: the camera
 * section's pixel format and pair skew reach the source, and {@code matcher.livePreset} is what the matcher runs.
 * A replay stands in for the cameras, so the real loop runs end to end.
 */
@Timeout(60)
class StationHonoursSettingsTest {

    @BeforeAll
    static void load() {
        OpenCvNative.load();
    }

    /** A folder of three textured pairs, the right view shifted 6 px: something to match. */
    private static Path pairs(Path dir) throws Exception {
        Path replay = Files.createDirectories(dir.resolve("pairs"));
        for (int i = 1; i <= 3; i++) {
            Mat wide = new Mat(64, 102, CvType.CV_8UC3);
            Core.setRNGSeed(i);
            Core.randu(wide, 0, 256);
            Mat left = wide.submat(new Rect(6, 0, 96, 64));
            Mat right = wide.submat(new Rect(0, 0, 96, 64));
            Imgcodecs.imwrite(replay.resolve("left0" + i + ".png").toString(), left);
            Imgcodecs.imwrite(replay.resolve("right0" + i + ".png").toString(), right);
            wide.release();
        }
        return replay;
    }

    private static StationSettings settings(Path dir, String yaml) throws Exception {
        return StationSettings.load(Files.writeString(dir.resolve("station.yaml"), yaml));
    }

    @Test
    void theLoopOpensItsSourceWithTheCameraSectionAndRunsTheLivePreset(@TempDir Path dir) throws Exception {
        Path replay = pairs(dir);
        StationSettings s = settings(dir, "camera:\n  source: replay:" + replay + "\n  fps: 12\n"
                + "  pixelFormat: YUYV\n  maxSkewMillis: 7\nmatcher:\n  livePreset: none\n  blockSize: 7\n");
        // not the shipped values, or the test could not tell them apart
        assertThat(StationSettings.defaults().camera().pixelFormat()).isNotEqualTo("YUYV");
        assertThat(StationSettings.defaults().camera().maxSkewMillis()).isNotEqualTo(7.0);
        assertThat(StationSettings.defaults().matcher().livePreset()).isNotEqualTo("none");

        LoopSpec spec = LoopSpec.from(s);
        List<Preset> ran = new CopyOnWriteArrayList<>();
        try (LiveLoop loop = LiveLoop.open(spec, spec::livePreset, job -> ran.add((Preset) job.settings()))) {
            CameraSettings asked = loop.requestedCamera();
            assertThat(asked.pixelFormat()).isEqualTo("YUYV");
            assertThat(asked.maxSkewMillis()).isEqualTo(7.0);
            assertThat(asked.fps()).isEqualTo(12.0);
            // what the replay reports it runs with: its images' size and no pixel format, the yaml's skew and rate
            CameraSettings got = loop.sourceSettings().orElseThrow();
            assertThat(got.maxSkewMillis()).isEqualTo(7.0);
            assertThat(got.fps()).isEqualTo(12.0);
            assertThat(got.width()).isEqualTo(96);
            waitFor(() -> !ran.isEmpty());
        }
        assertThat(ran).allSatisfy(p -> {
            assertThat(p.name()).isEqualTo("none");
            assertThat(p.matcher().blockSize()).isEqualTo(7); // the section's override reaches the live preset
        });
    }

    @Test
    void theWindowStartsWithTheYamlsLivePresetAndSourceUntilTheUserChoosesOthers(@TempDir Path dir) throws Exception {
        Path replay = pairs(dir);
        StationSettings s = settings(dir, "camera:\n  source: replay:" + replay + "\n  pixelFormat: YUYV\n"
                + "  maxSkewMillis: 9\nmatcher:\n  livePreset: none\n");
        LoopSpec spec = LoopSpec.from(s).withPaceGenerated(false);
        Path uiFile = dir.resolve("ui.yaml");
        try (StationController c = new StationController(UiSettings.defaults(), uiFile, spec)) {
            LiveLoop loop = c.startAndWait();
            assertThat(loop).as(c.statusLine()).isNotNull();
            assertThat(c.source()).isEqualTo("replay:" + replay);
            assertThat(loop.requestedCamera().pixelFormat()).isEqualTo("YUYV");
            assertThat(loop.requestedCamera().maxSkewMillis()).isEqualTo(9.0);
            assertThat(c.tuning().get().name()).isEqualTo("none");
            c.applyPreset("balanced");
            assertThat(c.tuning().get().name()).isEqualTo("balanced");
        }
        // only the user's choice is remembered: the yaml's source stays the yaml's to change
        UiSettings remembered = UiSettings.load(uiFile);
        assertThat(remembered.preset()).isEqualTo("balanced");
        assertThat(remembered.source()).isEmpty();
        try (StationController c = new StationController(remembered, null, spec)) {
            assertThat(c.tuning().get().name()).isEqualTo("balanced");
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier c) throws InterruptedException {
        long end = System.nanoTime() + 30_000_000_000L;
        while (!c.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out");
            }
            Thread.sleep(20);
        }
    }
}
