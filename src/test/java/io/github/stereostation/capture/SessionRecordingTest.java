package io.github.stereostation.capture;

import io.github.stereostation.UserInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SessionRecordingTest {
    @org.junit.jupiter.api.BeforeAll
    static void loadOpenCv() {
        io.github.stereostation.OpenCvNative.load();
    }

    private static List<StereoFrame> noisePairs(int n, int w, int h, int type) {
        Random rnd = new Random(11);
        List<StereoFrame> out = new ArrayList<>();
        long t = 5_000_000_000L;
        for (int i = 0; i < n; i++) {
            t += 33_000_000L + rnd.nextInt(3_000_000);
            long skew = rnd.nextInt(4_000_000) - 2_000_000;
            out.add(new StereoFrame(TestFrames.noise(w, h, type, 2L * i + 1), TestFrames.noise(w, h, type, 2L * i + 2),
                    t, t + skew, 100 + i));
        }
        return out;
    }

    private static List<StereoFrame> replayAll(Path dir) throws IOException {
        List<StereoFrame> out = new ArrayList<>();
        try (ReplaySource r = ReplaySource.open(dir, CameraSettings.defaults())) {
            for (StereoFrame f = r.next(); f != null; f = r.next()) {
                out.add(f);
            }
            assertThat(r.status().state()).isEqualTo(SourceStatus.State.ENDED);
        }
        return out;
    }

    @Test
    void pngSessionReplaysPixelIdenticalWithItsTimestamps(@TempDir Path tmp) throws IOException {
        List<StereoFrame> pairs = noisePairs(6, 160, 120, CvType.CV_8UC3);
        // Mono and 16-bit frames must survive too (depth cameras, IR cameras).
        pairs.add(new StereoFrame(TestFrames.noise(160, 120, CvType.CV_8UC1, 90), TestFrames.noise(160, 120, CvType.CV_8UC1, 91), 9_000_000_000L, 9_000_100_000L, 900));
        pairs.add(new StereoFrame(TestFrames.noise(160, 120, CvType.CV_16UC1, 92), TestFrames.noise(160, 120, CvType.CV_16UC1, 93), 9_100_000_000L, 9_100_000_000L, 901));
        Path dir = tmp.resolve("session");
        CameraSettings settings = new CameraSettings(160, 120, 30, "MJPG", 15);
        try (SessionRecorder rec = SessionRecorder.start(dir, RecordingFormat.PNG, "test rig", settings, 4)) {
            for (StereoFrame f : pairs) {
                rec.put(f);
            }
        }
        assertThat(dir.resolve("session.json")).exists();
        assertThat(dir.resolve("left_000000.png")).exists();
        assertThat(dir.resolve("right_000007.png")).exists();
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).as("no temp files left").noneMatch(n -> n.startsWith("."));
        }
        SessionManifest m = SessionManifest.read(dir);
        assertThat(m.camera()).isEqualTo(settings);
        assertThat(m.source()).isEqualTo("test rig");

        List<StereoFrame> back = replayAll(dir);
        assertThat(back).hasSize(pairs.size());
        for (int i = 0; i < pairs.size(); i++) {
            StereoFrame a = pairs.get(i);
            StereoFrame b = back.get(i);
            assertThat(TestFrames.identical(a.left(), b.left())).as("left %d pixel-identical", i).isTrue();
            assertThat(TestFrames.identical(a.right(), b.right())).as("right %d pixel-identical", i).isTrue();
            assertThat(b.leftNanos()).isEqualTo(a.leftNanos());
            assertThat(b.rightNanos()).isEqualTo(a.rightNanos());
            assertThat(b.sequence()).isEqualTo(a.sequence());
        }
        pairs.forEach(StereoFrame::close);
        back.forEach(StereoFrame::close);
    }

    /** Smooth, camera-like content: MJPEG is lossy, so noise would say nothing about its quality. */
    private static Mat scene(int i, int w, int h) {
        Mat m = new Mat(h, w, CvType.CV_8UC3, new Scalar(40, 90, 160));
        Imgproc.circle(m, new Point(40 + 3 * i, h / 2.0), 25, new Scalar(230, 200, 30), -1);
        Imgproc.rectangle(m, new Point(w - 90, 20), new Point(w - 20, 80 + i), new Scalar(20, 20, 20), -1);
        Imgproc.GaussianBlur(m, m, new org.opencv.core.Size(5, 5), 0);
        return m;
    }

    @Test
    void mjpegSessionReplaysEveryFrameWithExactTimestampsAndGoodQuality(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("avi");
        List<StereoFrame> pairs = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            pairs.add(new StereoFrame(scene(i, 320, 240), scene(i + 2, 320, 240), 1_000_000L * i * 33, 1_000_000L * i * 33 + 1234, i));
        }
        try (SessionRecorder rec = SessionRecorder.start(dir, RecordingFormat.MJPEG_AVI, "test", CameraSettings.defaults().withSize(320, 240), 3)) {
            for (StereoFrame f : pairs) {
                rec.put(f);
            }
        }
        assertThat(dir.resolve("left.avi")).exists();
        assertThat(dir.resolve("right.avi")).exists();
        List<StereoFrame> back = replayAll(dir);
        assertThat(back).hasSize(12);
        double worstPsnr = Double.MAX_VALUE;
        for (int i = 0; i < 12; i++) {
            assertThat(back.get(i).leftNanos()).isEqualTo(pairs.get(i).leftNanos());
            assertThat(back.get(i).rightNanos()).isEqualTo(pairs.get(i).rightNanos());
            worstPsnr = Math.min(worstPsnr, Core.PSNR(pairs.get(i).left(), back.get(i).left()));
            worstPsnr = Math.min(worstPsnr, Core.PSNR(pairs.get(i).right(), back.get(i).right()));
        }
        System.out.printf("MJPEG round trip: worst PSNR %.1f dB over 24 images%n", worstPsnr);
        assertThat(worstPsnr).isGreaterThan(30);
        pairs.forEach(StereoFrame::close);
        back.forEach(StereoFrame::close);
    }

    @Test
    void whenTheDiskCannotKeepUpFramesAreRefusedWithAWarningAndEveryAcceptedFrameIsOnDisk(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("busy");
        List<String> warnings = new ArrayList<>();
        List<StereoFrame> pairs = noisePairs(40, 640, 480, CvType.CV_8UC3);
        List<Long> accepted = new ArrayList<>();
        SessionRecorder.Stats stats;
        try (SessionRecorder rec = SessionRecorder.start(dir, RecordingFormat.PNG, "fast cameras",
                CameraSettings.defaults(), 2).onWarning(warnings::add)) {
            for (StereoFrame f : pairs) {
                if (rec.offer(f)) {
                    accepted.add(f.sequence());
                }
            }
            stats = rec.stats();
        }
        System.out.printf("offered 40 noise pairs 640x480 to a 2-place queue: accepted %d, skipped %d%n",
                stats.accepted(), stats.skipped());
        assertThat(stats.accepted() + stats.skipped()).isEqualTo(40);
        assertThat(stats.accepted()).isEqualTo(accepted.size());
        // PNG-encoding 0.9 MB of noise takes far longer than queueing a copy: the queue must overflow.
        assertThat(stats.skipped()).isPositive();
        assertThat(warnings).isNotEmpty();
        assertThat(warnings.get(0)).contains("disk cannot keep up");

        List<StereoFrame> back = replayAll(dir);
        assertThat(back.stream().map(StereoFrame::sequence).toList()).isEqualTo(accepted);
        for (StereoFrame b : back) {
            StereoFrame a = pairs.get((int) (b.sequence() - 100));
            assertThat(TestFrames.identical(a.left(), b.left())).isTrue();
            assertThat(TestFrames.identical(a.right(), b.right())).isTrue();
        }
        pairs.forEach(StereoFrame::close);
        back.forEach(StereoFrame::close);
    }

    @Test
    void aFolderRemovedDuringRecordingIsReportedNotHidden(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("gone");
        SessionRecorder rec = SessionRecorder.start(dir, RecordingFormat.PNG, "x", CameraSettings.defaults(), 2);
        Files.delete(dir.resolve("session.json"));
        Files.delete(dir.resolve(SessionRecorder.LOCK_FILE));
        Files.delete(dir);
        try (StereoFrame f = new StereoFrame(TestFrames.noise(16, 12, CvType.CV_8UC3, 1), TestFrames.noise(16, 12, CvType.CV_8UC3, 2), 0, 0, 0)) {
            rec.put(f);
        }
        assertThatThrownBy(rec::close).isInstanceOf(IOException.class).hasMessageContaining("could not write")
                .hasMessageContaining("left_000000.png");
        assertThat(dir).doesNotExist();
    }

    @Test
    void refusesToRecordIntoAFolderThatHoldsFiles(@TempDir Path tmp) throws IOException {
        Files.writeString(tmp.resolve("old.txt"), "x");
        assertThatThrownBy(() -> SessionRecorder.start(tmp, RecordingFormat.PNG, "x", CameraSettings.defaults(), 2))
                .isInstanceOf(UserInputException.class).hasMessageContaining("not empty");
    }

    @Test
    void aCorruptSessionFileIsNamedInTheError(@TempDir Path tmp) throws IOException {
        Files.writeString(tmp.resolve("session.json"), "{ \"format\": \"stereo-station-session\", \"frames\": [ {");
        assertThatThrownBy(() -> ReplaySource.open(tmp, CameraSettings.defaults()))
                .isInstanceOf(UserInputException.class).hasMessageContaining("session.json");
    }
}
