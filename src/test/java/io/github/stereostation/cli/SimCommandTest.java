package io.github.stereostation.cli;

import io.github.stereostation.OpenCvNative;
import io.github.stereostation.calibration.StereoCalibration;
import io.github.stereostation.depth.MiddleburyCalib;
import io.github.stereostation.depth.Pfm;
import io.github.stereostation.sim.StereoRig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Mat;
import org.opencv.imgcodecs.Imgcodecs;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SimCommandTest {
    @BeforeAll
    static void load() {
        OpenCvNative.load();
    }

    static float[] floats(Mat m) {
        float[] a = new float[(int) m.total()];
        m.get(0, 0, a);
        return a;
    }

    @Test
    void writesAMiddleburySceneWhoseFilesAgreeWithEachOther(@TempDir Path dir) {
        int code = StereoStation.commandLine().execute("sim", "--out", dir.toString(), "--scene", "step",
                "--width", "160", "--height", "120", "--baseline-mm", "80", "--supersampling", "2");
        assertThat(code).isZero();
        for (String f : List.of("im0.png", "im1.png", "disp0GT.pfm", "disp1GT.pfm", "mask0nocc.png", "calib.txt",
                "depth0GT.pfm")) {
            assertThat(dir.resolve(f)).isRegularFile();
        }
        MiddleburyCalib calib = MiddleburyCalib.read(dir.resolve("calib.txt"));
        assertThat(calib.focalPx()).isEqualTo(140.0);
        assertThat(calib.baselineMm()).isCloseTo(80, within(1e-6));
        assertThat(calib.doffsPx()).isEqualTo(0.0);
        assertThat(calib.width()).isEqualTo(160);
        // step: near plane 1 m, far plane 2 m -> disparities 11.2 and 5.6 px; ndisp covers them
        assertThat(calib.ndisp()).isEqualTo(16);
        float[] disp = floats(Pfm.read(dir.resolve("disp0GT.pfm")));
        float[] depth = floats(Pfm.read(dir.resolve("depth0GT.pfm")));
        int near = 0, far = 0;
        for (int i = 0; i < disp.length; i++) {
            // depth = B f / (d + doffs), as Middlebury defines it
            assertThat(depth[i]).isCloseTo((float) (calib.baselineMm() * calib.focalPx() / disp[i] / 1000), within(1e-5f));
            if (Math.abs(disp[i] - 11.2f) < 1e-4) {
                near++;
            } else if (Math.abs(disp[i] - 5.6f) < 1e-4) {
                far++;
            }
        }
        assertThat(near + far).isEqualTo(disp.length);
        assertThat(near).isBetween(disp.length / 2 - 120, disp.length / 2 + 120);
        Mat mask = Imgcodecs.imread(dir.resolve("mask0nocc.png").toString(), Imgcodecs.IMREAD_UNCHANGED);
        byte[] m = new byte[(int) mask.total()];
        mask.get(0, 0, m);
        int occluded = 0;
        for (byte b : m) {
            assertThat(b == (byte) 255 || b == (byte) 128).isTrue();
            occluded += b == (byte) 128 ? 1 : 0;
        }
        // left border band: near-plane pixels whose match falls left of the right image (11.2 px wide)
        assertThat(occluded).isEqualTo(11 * 120);
        Mat im0 = Imgcodecs.imread(dir.resolve("im0.png").toString());
        assertThat(im0.cols()).isEqualTo(160);
        assertThat(im0.channels()).isEqualTo(3);
    }

    @Test
    void rawSceneHasUnknownDisparityAndTheTrueRig(@TempDir Path dir) {
        int code = StereoStation.commandLine().execute("sim", "--out", dir.toString(), "--raw",
                "--width", "96", "--height", "72", "--supersampling", "1");
        assertThat(code).isZero();
        for (float d : floats(Pfm.read(dir.resolve("disp0GT.pfm")))) {
            assertThat(d).isEqualTo(Float.POSITIVE_INFINITY);
        }
        StereoCalibration cal = StereoCalibration.load(dir.resolve("calibration-truth.yml"));
        StereoRig desk = StereoRig.desk(96, 72);
        assertThat(cal.left().fxPx()).isCloseTo(desk.left().fx(), within(1e-9));
        assertThat(cal.right().distortion()[0]).isCloseTo(desk.right().distortion().k1(), within(1e-12));
        assertThat(cal.translationMm()[0]).isCloseTo(desk.translationMm()[0], within(1e-9));
        assertThat(cal.baselineMm()).isCloseTo(60, within(1e-9));
    }

    @Test
    void boardModeWritesCalibrationPairsAndTheirCorners(@TempDir Path dir) throws Exception {
        int code = StereoStation.commandLine().execute("sim", "--out", dir.toString(), "--board", "chess:7x5:30",
                "--views", "2", "--width", "320", "--height", "240", "--supersampling", "2");
        assertThat(code).isZero();
        assertThat(dir.resolve("left01.png")).isRegularFile();
        assertThat(dir.resolve("right02.png")).isRegularFile();
        List<String> lines = Files.readAllLines(dir.resolve("corners.csv"));
        assertThat(lines).hasSize(1 + 2 * 35);
        assertThat(lines.get(1)).startsWith("1,0,0.0000,0.0000,");
        assertThat(StereoCalibration.load(dir.resolve("calibration-truth.yml")).board().toText()).contains("7x5");
    }

    @Test
    void badOptionsAreUserErrors(@TempDir Path dir) throws Exception {
        for (String[] args : new String[][] {
                {"sim", "--out", dir.toString(), "--scene", "moon"},
                {"sim", "--out", dir.toString(), "--width", "0"},
                {"sim", "--out", dir.toString(), "--baseline-mm", "-3"},
                {"sim", "--out", dir.toString(), "--board", "chess:1x5:30"}}) {
            StringWriter err = new StringWriter();
            int code = StereoStation.commandLine().setErr(new PrintWriter(err)).execute(args);
            assertThat(code).as(String.join(" ", args)).isEqualTo(StereoStation.EXIT_BAD_INPUT);
            assertThat(err.toString().trim()).startsWith("error:").doesNotContain("\n\tat ");
        }
        try (var files = Files.list(dir)) {
            assertThat(files.filter(p -> p.getFileName().toString().endsWith(".tmp")).count()).isZero();
        }
    }
}
