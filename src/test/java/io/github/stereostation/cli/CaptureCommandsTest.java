package io.github.stereostation.cli;

import io.github.stereostation.OpenCvNative;
import io.github.stereostation.capture.CameraSettings;
import io.github.stereostation.capture.RecordingFormat;
import io.github.stereostation.capture.ReplaySource;
import io.github.stereostation.capture.SessionManifest;
import io.github.stereostation.capture.SessionRecorder;
import io.github.stereostation.capture.StereoFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The @Timeout guards against a hang; it measures nothing. */
@Timeout(60)
class CaptureCommandsTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream oldOut;
    private PrintStream oldErr;

    @BeforeAll
    static void load() {
        OpenCvNative.load();
    }

    @BeforeEach
    void capture() {
        oldOut = System.out;
        oldErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(oldOut);
        System.setErr(oldErr);
    }

    private int run(String... args) {
        var cl = StereoStation.commandLine();
        cl.setErr(new java.io.PrintWriter(System.err, true));
        cl.setOut(new java.io.PrintWriter(System.out, true));
        return cl.execute(args);
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private static Path session(Path dir, int n) throws IOException {
        try (SessionRecorder rec = SessionRecorder.start(dir, RecordingFormat.PNG, "test", CameraSettings.defaults().withSize(64, 48), 4)) {
            for (int i = 0; i < n; i++) {
                Mat l = new Mat(48, 64, CvType.CV_8UC3);
                Mat r = new Mat(48, 64, CvType.CV_8UC3);
                Core.randu(l, 0, 256);
                Core.randu(r, 0, 256);
                try (StereoFrame f = new StereoFrame(l, r, 1_000L * i, 1_000L * i + 7, i)) {
                    rec.put(f);
                }
            }
        }
        return dir;
    }

    @Test
    void camerasListsOrSaysThereAreNone() {
        int code = run("cameras", "--timeout-ms", "1500");
        assertThat(code).isZero();
        boolean anyDevice = Files.exists(Path.of("/dev/video0"));
        if (!anyDevice) {
            assertThat(stdout()).contains("No cameras found");
        } else {
            assertThat(stdout()).contains("camera");
        }
    }

    @Test
    void recordFromAReplayCopiesTheSessionExactly(@TempDir Path tmp) throws IOException {
        Path src = session(tmp.resolve("in"), 5);
        Path dst = tmp.resolve("out");
        int code = run("record", "--source", "replay:" + src, "--out", dst.toString());
        assertThat(code).as(stderr()).isZero();
        assertThat(stdout()).contains("Recorded 5 pairs").contains("Recording replay").contains(" to " + dst + " (");
        try (ReplaySource a = ReplaySource.open(src, CameraSettings.defaults());
             ReplaySource b = ReplaySource.open(dst, CameraSettings.defaults())) {
            for (int i = 0; i < 5; i++) {
                try (StereoFrame fa = a.next(); StereoFrame fb = b.next()) {
                    assertThat(Core.norm(fa.left(), fb.left(), Core.NORM_INF)).isZero();
                    assertThat(Core.norm(fa.right(), fb.right(), Core.NORM_INF)).isZero();
                    assertThat(fb.leftNanos()).isEqualTo(fa.leftNanos());
                    assertThat(fb.rightNanos()).isEqualTo(fa.rightNanos());
                }
            }
            assertThat(b.next()).isNull();
        }
        assertThat(SessionManifest.read(dst).camera().width()).isEqualTo(64);
    }

    @Test
    void recordStopsAfterFramesAndWritesMjpeg(@TempDir Path tmp) throws IOException {
        Path src = session(tmp.resolve("in"), 6);
        Path dst = tmp.resolve("avi");
        assertThat(run("record", "--source", "replay:" + src, "--frames", "3", "--format", "mjpeg", "--out", dst.toString()))
                .as(stderr()).isZero();
        SessionManifest m = SessionManifest.read(dst);
        assertThat(m.frames()).hasSize(3);
        assertThat(m.imageFormat()).isEqualTo("mjpeg");
        assertThat(dst.resolve("left.avi")).exists();
    }

    @Test
    void recordFromTheSyntheticRigReplaysPixelIdenticalToARenderOfTheSameFrames(@TempDir Path tmp) throws IOException {
        Path dst = tmp.resolve("syn");
        assertThat(run("record", "--source", "synthetic:fast", "--frames", "3", "--width", "96", "--height", "72",
                "--out", dst.toString())).as(stderr()).isZero();
        assertThat(stdout()).contains("Recorded 3 pairs");
        // The rig is deterministic per frame index: a fresh one renders the same images again.
        try (io.github.stereostation.sim.SyntheticStereoSource again = io.github.stereostation.sim.SyntheticStereoSource.desk(96, 72);
             ReplaySource back = ReplaySource.open(dst, CameraSettings.defaults())) {
            long previous = Long.MIN_VALUE;
            for (int i = 0; i < 3; i++) {
                try (StereoFrame want = again.next(); StereoFrame got = back.next()) {
                    assertThat(got.left().size()).isEqualTo(new org.opencv.core.Size(96, 72));
                    assertThat(Core.norm(want.left(), got.left(), Core.NORM_INF)).isZero();
                    assertThat(Core.norm(want.right(), got.right(), Core.NORM_INF)).isZero();
                    assertThat(got.sequence()).isEqualTo(i);
                    assertThat(got.leftNanos()).as("recorded timestamps increase").isGreaterThan(previous);
                    previous = got.leftNanos();
                }
            }
            assertThat(back.next()).isNull();
        }
    }

    @Test
    void snapshotSavesOnePairThatReplays(@TempDir Path tmp) throws IOException {
        Path src = session(tmp.resolve("in"), 4);
        Path dst = tmp.resolve("snap");
        assertThat(run("snapshot", "--source", "replay:" + src, "--skip", "2", "--out", dst.toString())).as(stderr()).isZero();
        try (ReplaySource b = ReplaySource.open(dst, CameraSettings.defaults()); StereoFrame f = b.next()) {
            assertThat(f.sequence()).isEqualTo(2);
            assertThat(b.next()).isNull();
        }
    }

    @Test
    void missingCamerasAndBadOptionsExitWithCode2AndOneLine(@TempDir Path tmp) {
        int i = 40;
        while (Files.exists(Path.of("/dev/video" + i)) || Files.exists(Path.of("/dev/video" + (i + 1)))) {
            i += 2;
        }
        assertThat(run("record", "--left", "" + i, "--right", "" + (i + 1), "--out", tmp.resolve("x").toString())).isEqualTo(2);
        assertThat(stderr()).contains("camera " + i).contains("not attached");
        assertThat(stderr().lines().filter(l -> l.startsWith("error:")).count()).isEqualTo(1);
        assertThat(tmp.resolve("x")).doesNotExist();
        assertThat(run("record", "--source", "replay:" + tmp, "--format", "gif", "--out", tmp.resolve("y").toString())).isEqualTo(2);
        assertThat(stderr()).contains("recording format 'gif'");
        assertThat(run("snapshot", "--left", "1", "--out", tmp.resolve("z").toString())).isEqualTo(2);
        assertThat(stderr()).contains("--left and --right");
    }
}
