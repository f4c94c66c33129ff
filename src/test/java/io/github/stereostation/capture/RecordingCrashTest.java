package io.github.stereostation.capture;

import io.github.stereostation.OpenCvNative;
import io.github.stereostation.UserInputException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.CvType;
import org.opencv.videoio.VideoCapture;
import org.opencv.videoio.Videoio;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A recording killed with SIGKILL (a crash, a power cut of the process) keeps every pair its session.json lists,
 * readable, in both formats; a second recorder is kept out of a folder in use.
 */
class RecordingCrashTest {

    @BeforeAll
    static void load() {
        OpenCvNative.load();
    }

    @Test
    void killedPngRecordingReplaysEveryListedPairAndListsEveryPairOnDisk(@TempDir Path tmp) throws Exception {
        Path dir = recordThenKill(tmp, "png");
        int listed = SessionManifest.read(dir).frames().size();
        List<StereoFrame> back = replay(dir);
        assertThat(back).hasSize(listed);
        try (Stream<Path> s = Files.list(dir)) {
            long lefts = s.filter(p -> p.getFileName().toString().matches("left_\\d+\\.png")).count();
            // the pair being written when the process died may be on disk unlisted; none before it
            assertThat(lefts).as("left images on disk vs %d listed", listed).isBetween((long) listed, listed + 1L);
        }
        back.forEach(StereoFrame::close);
    }

    @Test
    void killedMjpegRecordingReplaysEveryListedPair(@TempDir Path tmp) throws Exception {
        Path dir = recordThenKill(tmp, "mjpeg");
        int listed = SessionManifest.read(dir).frames().size();
        assertThat(dir.resolve("left.avi")).exists();
        assertThat(dir.resolve("right.avi")).exists();
        assertThat(MjpegAviFrames.scan(dir.resolve("left.avi")).size()).isGreaterThanOrEqualTo(listed);
        List<StereoFrame> back = replay(dir);
        assertThat(back).hasSize(listed);
        for (StereoFrame f : back) {
            assertThat(f.left().cols()).isEqualTo(160);
            assertThat(f.right().rows()).isEqualTo(120);
        }
        back.forEach(StereoFrame::close);
    }

    @Test
    void aFinishedMjpegRecordingIsIndexedForOpenCvsOwnReader(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("s");
        try (SessionRecorder rec = SessionRecorder.start(dir, RecordingFormat.MJPEG_AVI, "x", CameraSettings.defaults(), 4)) {
            for (int i = 0; i < 7; i++) {
                try (StereoFrame f = new StereoFrame(TestFrames.noise(64, 48, CvType.CV_8UC3, i),
                        TestFrames.noise(64, 48, CvType.CV_8UC3, 100 + i), i * 1000L, i * 1000L, i)) {
                    rec.put(f);
                }
            }
        }
        VideoCapture cap = new VideoCapture(dir.resolve("left.avi").toString(), Videoio.CAP_OPENCV_MJPEG);
        assertThat(cap.isOpened()).isTrue();
        assertThat(cap.get(Videoio.CAP_PROP_FRAME_COUNT)).isEqualTo(7.0);
        org.opencv.core.Mat m = new org.opencv.core.Mat();
        int n = 0;
        while (cap.read(m)) {
            assertThat(m.cols()).isEqualTo(64);
            n++;
        }
        cap.release();
        m.release();
        assertThat(n).isEqualTo(7);
        assertThat(dir.resolve(SessionRecorder.LOCK_FILE)).doesNotExist();
    }

    @Test
    void aSecondRecorderIsKeptOutOfAFolderInUse(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("s");
        try (SessionRecorder first = SessionRecorder.start(dir, RecordingFormat.PNG, "x", CameraSettings.defaults(), 2)) {
            assertThatThrownBy(() -> SessionRecorder.start(dir, RecordingFormat.PNG, "y", CameraSettings.defaults(), 2))
                    .isInstanceOf(UserInputException.class).hasMessageContaining("another recording");
            assertThat(first.folder()).isEqualTo(dir);
        }
        // a finished session is not another recorder's, but it is not empty either
        assertThatThrownBy(() -> SessionRecorder.start(dir, RecordingFormat.PNG, "y", CameraSettings.defaults(), 2))
                .isInstanceOf(UserInputException.class).hasMessageContaining("not empty");
    }

    /** A fresh JVM, where nothing has loaded OpenCV yet: the synthetic rig makes Mats before any command did. */
    @Test
    void aSnapshotOfTheSyntheticRigWorksInAFreshJvm(@TempDir Path tmp) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Path out = tmp.resolve("snap");
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "io.github.stereostation.cli.StereoStation", "snapshot", "--source", "synthetic:fast",
                "--width", "96", "--height", "64", "--out", out.toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("snap.log").toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(tmp.resolve("snap.log"))).isZero();
        assertThat(out.resolve("left_000000.png")).isRegularFile();
        assertThat(Files.readString(tmp.resolve("snap.log"))).doesNotContain("UnsatisfiedLinkError");
    }

    /** Runs {@code record} in its own JVM until session.json lists a few pairs, then SIGKILLs it. */
    static Path recordThenKill(Path tmp, String format) throws Exception {
        Path dir = tmp.resolve("rec-" + format);
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "io.github.stereostation.cli.StereoStation", "record", "--source", "synthetic:fast",
                "--width", "160", "--height", "120", "--format", format, "--out", dir.toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("record.log").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline && p.isAlive() && listed(dir) < 6) {
                Thread.sleep(20);
            }
            assertThat(p.isAlive()).as(Files.readString(tmp.resolve("record.log"))).isTrue();
        } finally {
            p.destroyForcibly(); // SIGKILL on Linux: no shutdown hook runs
            p.waitFor(10, TimeUnit.SECONDS);
        }
        assertThat(listed(dir)).as("pairs listed before the kill").isGreaterThanOrEqualTo(6);
        // the rig's geometry, stored at the start, is there too: a recording's files do not wait for its end
        assertThat(dir.resolve(io.github.stereostation.source.SessionCalibration.FILE_NAME)).isRegularFile();
        return dir;
    }

    private static int listed(Path dir) {
        try {
            return Files.exists(dir.resolve(SessionManifest.FILE_NAME)) ? SessionManifest.read(dir).frames().size() : 0;
        } catch (RuntimeException e) {
            return 0;
        }
    }

    static List<StereoFrame> replay(Path dir) throws Exception {
        List<StereoFrame> out = new ArrayList<>();
        try (StereoSource src = ReplaySource.open(dir, CameraSettings.defaults())) {
            for (StereoFrame f; (f = src.next()) != null; ) {
                assertThat(f.left().empty()).isFalse();
                assertThat(f.right().empty()).isFalse();
                out.add(f);
            }
        }
        return out;
    }
}
