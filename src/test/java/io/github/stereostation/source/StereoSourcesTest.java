package io.github.stereostation.source;

import io.github.stereostation.OpenCvNative;
import io.github.stereostation.SharedData;
import io.github.stereostation.UserInputException;
import io.github.stereostation.capture.CameraDiscovery;
import io.github.stereostation.capture.CameraSettings;
import io.github.stereostation.capture.StereoFrame;
import io.github.stereostation.capture.StereoSource;
import io.github.stereostation.capture.TestFrames;
import io.github.stereostation.capture.TwoCameraSource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.videoio.VideoWriter;
import org.opencv.videoio.Videoio;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The @Timeout guards against a hang (a camera probe that never returns); it measures nothing. */
@Timeout(60)
class StereoSourcesTest {

    @BeforeAll
    static void load() {
        OpenCvNative.load();
    }

    /** A camera index with no device node here, so the test means the same on a machine with cameras. */
    private static int absentIndex() {
        int i = 40;
        while (Files.exists(Path.of("/dev/video" + i)) || Files.exists(Path.of("/dev/video" + (i + 1)))) {
            i += 2;
        }
        return i;
    }

    @Test
    void aMissingCameraIsAClearErrorNotAHang() {
        int i = absentIndex();
        assertThatThrownBy(() -> StereoSources.open("opencv:" + i + "," + (i + 1), CameraSettings.defaults()))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("camera " + i)
                .hasMessageContaining("not attached");
        assertThatThrownBy(() -> StereoSources.open("sbs-camera:" + i, CameraSettings.defaults()))
                .isInstanceOf(UserInputException.class).hasMessageContaining("not attached");
    }

    @Test
    void webcamCaptureWithoutACameraSaysSo() {
        Assumptions.assumeTrue(CameraDiscovery.discover(StereoSources.AUTO_DISCOVERY, false, true).cameras().isEmpty(),
                "a webcam is attached; this test is about a machine without one");
        assertThatThrownBy(() -> StereoSources.open("webcam:0,1", CameraSettings.defaults()))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("webcam-capture");
    }

    @Test
    void autoFallsBackToTheSyntheticRigWithoutCameras() throws IOException {
        Assumptions.assumeTrue(CameraDiscovery.discover(StereoSources.AUTO_DISCOVERY, true, false).cameras().size() < 2,
                "two cameras are attached; this test is about a machine without them");
        try (StereoSource s = StereoSources.open("auto", CameraSettings.defaults().withSize(64, 48).withFps(1000))) {
            assertThat(s).isInstanceOf(io.github.stereostation.sim.SyntheticStereoSource.class);
            try (StereoFrame f = s.next()) {
                assertThat(f.left().size()).isEqualTo(new Size(64, 48));
            }
        }
        assertThatThrownBy(() -> StereoSources.open("synthetic:slow", CameraSettings.defaults()))
                .isInstanceOf(UserInputException.class).hasMessageContaining("synthetic:fast");
    }

    @Test
    void theAnswerSaysWhichRigWasOpenedSoNoCallerAsksTheSourceAgain(@TempDir Path tmp) throws IOException {
        CameraSettings small = CameraSettings.defaults().withSize(64, 48);
        OpenedSource ideal = StereoSources.open("synthetic", small, SyntheticRigChoice.ideal(0));
        try (StereoSource s = ideal.source()) {
            assertThat(ideal.synthetic()).isSameAs(s);
            assertThat(ideal.idealRig()).isTrue();
            assertThat(ideal.synthetic().loopFrames()).isZero();
            assertThat(ideal.note()).isNull();
            assertThat(ideal.description()).contains("64x48").contains("rectified");
        }
        OpenedSource raw = StereoSources.open("synthetic:fast", small, SyntheticRigChoice.CAMERA_LIKE);
        try (StereoSource s = raw.source()) {
            assertThat(raw.idealRig()).isFalse();
            assertThat(raw.synthetic().loopFrames()).isEqualTo(io.github.stereostation.sim.SyntheticStereoSource.LIVE_LOOP_FRAMES);
            assertThat(raw.description()).contains("(raw)");
        }
        Mat l = TestFrames.noise(40, 30, org.opencv.core.CvType.CV_8UC3, 1);
        Imgcodecs.imwrite(tmp.resolve("left1.png").toString(), l);
        Imgcodecs.imwrite(tmp.resolve("right1.png").toString(), l);
        l.release();
        OpenedSource replay = StereoSources.open("replay:" + tmp, small, SyntheticRigChoice.ideal(0));
        try (StereoSource s = replay.source()) {
            assertThat(replay.synthetic()).isNull();
            assertThat(replay.idealRig()).isFalse();
            assertThat(replay.note()).isNull();
            assertThat(replay.description()).isEqualTo(s.describe());
        }
    }

    @Test
    void autoWithoutCamerasOpensTheChosenRigAndSaysWhy() {
        Assumptions.assumeTrue(CameraDiscovery.discover(StereoSources.AUTO_DISCOVERY, true, false).cameras().size() < 2,
                "two cameras are attached; this test is about a machine without them");
        OpenedSource auto = StereoSources.open("auto", CameraSettings.defaults().withSize(64, 48),
                SyntheticRigChoice.ideal(0));
        try (StereoSource s = auto.source()) {
            assertThat(auto.idealRig()).isTrue();
            assertThat(auto.note()).contains("camera").contains("synthetic rig");
        }
    }

    @Test
    void badSpecsNameTheSpecAndWhatWasExpected() {
        CameraSettings s = CameraSettings.defaults();
        assertThatThrownBy(() -> StereoSources.open("kinect:0", s)).isInstanceOf(UserInputException.class)
                .hasMessageContaining("kinect").hasMessageContaining("replay:DIR");
        assertThatThrownBy(() -> StereoSources.open("opencv:0", s)).isInstanceOf(UserInputException.class)
                .hasMessageContaining("two camera indices");
        assertThatThrownBy(() -> StereoSources.open("opencv:1,1", s)).isInstanceOf(UserInputException.class)
                .hasMessageContaining("same camera");
        assertThatThrownBy(() -> StereoSources.open("opencv:a,b", s)).isInstanceOf(UserInputException.class)
                .hasMessageContaining("'a' is not a camera index");
        assertThatThrownBy(() -> StereoSources.open("replay:/no/such/dir", s)).isInstanceOf(UserInputException.class)
                .hasMessageContaining("/no/such/dir");
        assertThatThrownBy(() -> StereoSources.open("video:/no/such.avi", s)).isInstanceOf(UserInputException.class)
                .hasMessageContaining("/no/such.avi");
    }

    private static void writeAvi(Path file, List<Mat> frames) {
        VideoWriter w = new VideoWriter(file.toString(), Videoio.CAP_OPENCV_MJPEG, VideoWriter.fourcc('M', 'J', 'P', 'G'),
                30, frames.get(0).size(), true);
        assertThat(w.isOpened()).isTrue();
        frames.forEach(w::write);
        w.release();
    }

    @Test
    void aSideBySideVideoSplitsIntoPairsWithOneTimestamp(@TempDir Path tmp) throws IOException {
        List<Mat> frames = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            // left half dark, right half bright, brightness rising with i: the split must keep each to its side
            Mat m = new Mat(120, 320, org.opencv.core.CvType.CV_8UC3, new org.opencv.core.Scalar(20 + i * 10, 20 + i * 10, 20 + i * 10));
            m.submat(new Rect(160, 0, 160, 120)).setTo(new org.opencv.core.Scalar(200 + i * 10, 200 + i * 10, 200 + i * 10));
            frames.add(m);
        }
        Path avi = tmp.resolve("sbs.avi");
        writeAvi(avi, frames);
        try (StereoSource s = StereoSources.open("video:" + avi, CameraSettings.defaults())) {
            for (int i = 0; i < 5; i++) {
                try (StereoFrame f = s.next()) {
                    assertThat(f).isNotNull();
                    assertThat(f.left().size()).isEqualTo(new Size(160, 120));
                    assertThat(f.right().size()).isEqualTo(new Size(160, 120));
                    assertThat(org.opencv.core.Core.mean(f.left()).val[0]).isCloseTo(20 + i * 10, org.assertj.core.api.Assertions.within(3.0));
                    assertThat(org.opencv.core.Core.mean(f.right()).val[0]).isCloseTo(200 + i * 10, org.assertj.core.api.Assertions.within(3.0));
                    assertThat(f.leftNanos()).isEqualTo(f.rightNanos()).isEqualTo(i * Math.round(1e9 / 30));
                    assertThat(f.sequence()).isEqualTo(i);
                }
            }
            assertThat(s.next()).isNull();
        }
        frames.forEach(Mat::release);
    }

    @Test
    void twoVideosPairFrameByFrameAndEndWithTheShorter(@TempDir Path tmp) throws IOException {
        List<Mat> left = new ArrayList<>();
        List<Mat> right = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            left.add(new Mat(96, 128, org.opencv.core.CvType.CV_8UC3, new org.opencv.core.Scalar(i * 30, 0, 0)));
            right.add(new Mat(96, 128, org.opencv.core.CvType.CV_8UC3, new org.opencv.core.Scalar(i * 30, 0, 0)));
        }
        writeAvi(tmp.resolve("l.avi"), left);
        writeAvi(tmp.resolve("r.avi"), right.subList(0, 4));
        int n = 0;
        try (StereoSource s = StereoSources.open("videos:" + tmp.resolve("l.avi") + "," + tmp.resolve("r.avi"), CameraSettings.defaults())) {
            for (StereoFrame next = s.next(); next != null; next = s.next()) {
                try (StereoFrame f = next) {
                    assertThat(f.skewMillis()).isZero();
                    assertThat(org.opencv.core.Core.mean(f.left()).val[0]).isCloseTo(org.opencv.core.Core.mean(f.right()).val[0], org.assertj.core.api.Assertions.within(2.0));
                    n++;
                }
            }
            assertThat(((TwoCameraSource) s).stats().unmatchedLeft()).isEqualTo(1);
        }
        assertThat(n).isEqualTo(4);
        left.forEach(Mat::release);
        right.forEach(Mat::release);
    }

    @Test
    void aFolderOfPairsReplaysByNameWithSyntheticTimestamps(@TempDir Path tmp) throws IOException {
        List<Mat> made = new ArrayList<>();
        for (String id : List.of("02", "01", "03")) {
            Mat l = TestFrames.noise(40, 30, org.opencv.core.CvType.CV_8UC3, Integer.parseInt(id));
            Mat r = TestFrames.noise(40, 30, org.opencv.core.CvType.CV_8UC3, 100 + Integer.parseInt(id));
            Imgcodecs.imwrite(tmp.resolve("Left" + id + ".png").toString(), l);
            Imgcodecs.imwrite(tmp.resolve("Right" + id + ".png").toString(), r);
            made.add(l);
            made.add(r);
        }
        Imgcodecs.imwrite(tmp.resolve("left99.png").toString(), made.get(0)); // no partner: ignored
        try (StereoSource s = StereoSources.open("replay:" + tmp, CameraSettings.defaults().withFps(10))) {
            for (int i = 0; i < 3; i++) {
                try (StereoFrame f = s.next()) {
                    int id = i + 1;
                    Mat l = TestFrames.noise(40, 30, org.opencv.core.CvType.CV_8UC3, id);
                    Mat r = TestFrames.noise(40, 30, org.opencv.core.CvType.CV_8UC3, 100 + id);
                    assertThat(TestFrames.identical(f.left(), l)).isTrue();
                    assertThat(TestFrames.identical(f.right(), r)).isTrue();
                    l.release();
                    r.release();
                    assertThat(f.leftNanos()).isEqualTo(i * 100_000_000L);
                }
            }
            assertThat(s.next()).isNull();
        }
        made.forEach(Mat::release);
    }

    @Test
    void realChessboardPairsReplayFromTheSharedData() throws IOException {
        Path dir = SharedData.require("calib/opencv_left_right");
        int n = 0;
        try (StereoSource s = StereoSources.open("replay:" + dir, CameraSettings.defaults())) {
            for (StereoFrame next = s.next(); next != null; next = s.next()) {
                try (StereoFrame f = next) {
                    assertThat(f.left().size()).isEqualTo(new Size(640, 480));
                    if (n == 0) {
                        Mat want = Imgcodecs.imread(dir.resolve("right01.jpg").toString(), Imgcodecs.IMREAD_UNCHANGED);
                        assertThat(TestFrames.identical(f.right(), want)).isTrue();
                        want.release();
                    }
                    n++;
                }
            }
        }
        assertThat(n).isEqualTo(13);
        Path scene = SharedData.scene("cones");
        try (StereoSource s = StereoSources.open("replay:" + scene, CameraSettings.defaults());
             StereoFrame f = s.next()) {
            assertThat(f.left().size()).isEqualTo(new Size(450, 375));
            assertThat(s.next()).isNull();
        }
    }
}
