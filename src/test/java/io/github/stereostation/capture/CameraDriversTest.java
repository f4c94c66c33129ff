package io.github.stereostation.capture;

import io.github.stereostation.OpenCvNative;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Mat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Driver logic that runs without a camera. The @Timeout guards against a hang; it measures nothing. */
@Timeout(30)
class CameraDriversTest {

    @BeforeAll
    static void load() {
        OpenCvNative.load();
    }

    @Test
    void discoveryOnThisMachineReturnsWithinItsBudgetAndListsWhatExists() {
        CameraDiscovery.Result r = CameraDiscovery.discover(Duration.ofMillis(1500), true, true);
        boolean anyNode = CameraDiscovery.linuxCaptureNodes(Path.of("/sys/class/video4linux"), Path.of("/dev")).size() > 0;
        if (!anyNode) {
            assertThat(r.byDriver("opencv")).isEmpty();
        }
        for (CameraInfo c : r.cameras()) {
            assertThat(c.name()).isNotBlank();
            assertThat(c.spec()).matches("(opencv|webcam):\\d+");
        }
        System.out.printf("discovery: %d camera(s) in %d ms, notes %s%n", r.cameras().size(), r.elapsedMillis(), r.notes());
    }

    @Test
    void aHangingDriverCostsTheBudgetNotAHang() {
        java.util.List<String> notes = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        long start = System.nanoTime();
        CameraDiscovery.Result r = CameraDiscovery.run(java.util.List.of(
                new CameraDiscovery.Probe("stuck driver", d -> {
                    while (true) {
                        try {
                            Thread.sleep(60_000); // a native call that never returns
                        } catch (InterruptedException e) {
                            // ignore, as native code would
                        }
                    }
                }),
                new CameraDiscovery.Probe("good driver", d -> java.util.List.of(
                        new CameraInfo("opencv", 3, "/dev/video3", "Test Cam", java.util.List.of(new CameraMode(640, 480, 30, "MJPG")))))),
                start, start + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(300), notes);
        assertThat(r.cameras()).extracting(CameraInfo::spec).containsExactly("opencv:3");
        assertThat(r.notes()).anyMatch(n -> n.contains("stuck driver") && n.contains("did not answer"));
        System.out.printf("discovery with a stuck driver returned after %d ms (budget 300 ms)%n", r.elapsedMillis());
    }

    @Test
    void captureNodesSkipMetadataNodesOfTheSameCamera(@TempDir Path tmp) throws IOException {
        Path sys = tmp.resolve("sys");
        for (String[] node : new String[][]{{"video0", "0"}, {"video1", "1"}, {"video2", "0"}, {"video3", "1"}, {"video10", "0"}}) {
            Files.createDirectories(sys.resolve(node[0]));
            Files.writeString(sys.resolve(node[0]).resolve("index"), node[1] + "\n");
        }
        assertThat(CameraDiscovery.linuxCaptureNodes(sys, tmp.resolve("nodev"))).containsExactly(0, 2, 10);
        Path dev = tmp.resolve("dev");
        Files.createDirectories(dev);
        Files.createFile(dev.resolve("video4"));
        Files.createFile(dev.resolve("video0"));
        Files.createFile(dev.resolve("videoX"));
        assertThat(CameraDiscovery.linuxCaptureNodes(tmp.resolve("nosys"), dev)).containsExactly(0, 4);
    }

    @Test
    void theProgramHoldingADeviceIsNamed(@TempDir Path tmp) throws IOException {
        Path fakeDevice = Files.writeString(tmp.resolve("video7"), "x");
        try (FileChannel held = FileChannel.open(fakeDevice, StandardOpenOption.READ)) {
            assertThat(DeviceHolders.of(fakeDevice))
                    .anySatisfy(h -> {
                        assertThat(h.pid()).isEqualTo(ProcessHandle.current().pid());
                        assertThat(h.command()).isNotBlank();
                    });
        }
        assertThat(DeviceHolders.of(fakeDevice)).noneMatch(h -> h.pid() == ProcessHandle.current().pid());
    }

    @Test
    void driverTimestampsAreUsedOnlyWhenOnTheSameClock() {
        long host = 500_000_000_000L;
        assertThat(OpenCvCameraSource.captureTime((host - 12_000_000L) / 1e6, host)).isEqualTo(host - 12_000_000L);
        assertThat(OpenCvCameraSource.captureTime(1.7e12, host)).as("wall clock ms: another clock").isEqualTo(host);
        assertThat(OpenCvCameraSource.captureTime(0, host)).as("no driver stamp").isEqualTo(host);
        assertThat(OpenCvCameraSource.captureTime((host + 5_000_000L) / 1e6, host)).as("in the future").isEqualTo(host);
    }

    @Test
    void fourccCodesRoundTrip() {
        int code = OpenCvCameraSource.fourcc("MJPG");
        assertThat(code).isEqualTo(org.opencv.videoio.VideoWriter.fourcc('M', 'J', 'P', 'G'));
        assertThat(OpenCvCameraSource.fourccText(code, "?")).isEqualTo("MJPG");
        assertThat(OpenCvCameraSource.fourccText(0, "ANY")).isEqualTo("ANY");
    }

    @Test
    void webcamImagesBecomeBgrMatsWithTheSamePixels() {
        BufferedImage rgb = new BufferedImage(5, 3, BufferedImage.TYPE_INT_RGB);
        rgb.setRGB(0, 0, new Color(255, 0, 0).getRGB());
        rgb.setRGB(4, 2, new Color(10, 20, 30).getRGB());
        Mat m = WebcamCaptureSource.toBgrMat(rgb);
        assertThat(m.cols()).isEqualTo(5);
        assertThat(m.rows()).isEqualTo(3);
        assertThat(m.get(0, 0)).containsExactly(0, 0, 255);
        assertThat(m.get(2, 4)).containsExactly(30, 20, 10);
        m.release();
        BufferedImage bgr = new BufferedImage(2, 2, BufferedImage.TYPE_3BYTE_BGR);
        bgr.setRGB(1, 1, new Color(1, 2, 3).getRGB());
        Mat n = WebcamCaptureSource.toBgrMat(bgr);
        assertThat(n.get(1, 1)).containsExactly(3, 2, 1);
        n.release();
    }

    @Test
    void webcamCaptureGetsTheOfferedSizeNearestTheWantedOne() {
        java.awt.Dimension[] offered = {new java.awt.Dimension(176, 144), new java.awt.Dimension(320, 240), new java.awt.Dimension(640, 480)};
        assertThat(WebcamCaptureSource.nearest(new java.awt.Dimension(640, 480), offered)).isEqualTo(new java.awt.Dimension(640, 480));
        assertThat(WebcamCaptureSource.nearest(new java.awt.Dimension(800, 600), offered)).isEqualTo(new java.awt.Dimension(640, 480));
        assertThat(WebcamCaptureSource.nearest(new java.awt.Dimension(300, 200), offered)).isEqualTo(new java.awt.Dimension(320, 240));
        assertThat(WebcamCaptureSource.nearest(new java.awt.Dimension(300, 200), new java.awt.Dimension[0])).isEqualTo(new java.awt.Dimension(300, 200));
    }

    @Test
    void anOddWidthSideBySideFrameIsRefused() {
        Mat odd = new Mat(4, 5, org.opencv.core.CvType.CV_8UC1);
        try {
            SideBySideSource.split(odd, 0, 0);
            throw new AssertionError("expected a failure");
        } catch (SourceFailure e) {
            assertThat(e.getMessage()).contains("5 pixels wide");
        } finally {
            odd.release();
        }
    }
}
