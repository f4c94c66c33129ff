package io.github.stereostation.cli;

import io.github.stereostation.OpenCvNative;
import io.github.stereostation.depth.Pfm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class FuseCommandTest {

    @TempDir
    Path dir;

    static final int W = 200;
    static final int H = 150;

    @BeforeAll
    static void opencv() {
        OpenCvNative.load();
    }

    static double depth(int x, int y) {
        return (x >= 60 && x < 140 && y >= 40 && y < 110) ? 1.1 : 3.0 - 0.004 * y;
    }

    static String[] run(String... args) {
        var cl = StereoStation.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new String[]{Integer.toString(code), out.toString(), err.toString()};
    }

    @Test
    void fillsStereoHolesWithMetricDepth() throws IOException {
        double f = 350;
        double b = 80;
        Random r = new Random(3);
        float[] mono = new float[W * H];
        float[] disp = new float[W * H];
        boolean[] hole = new boolean[W * H];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int i = y * W + x;
                double z = depth(x, y);
                mono[i] = (float) (120 / z - 15 + r.nextGaussian() * 0.1);
                hole[i] = r.nextDouble() < 0.3 || (x >= 150 && y < 50);
                disp[i] = hole[i] ? Float.NaN : (float) (f * b / 1000 / z + r.nextGaussian() * 0.1);
            }
        }
        Path monoFile = dir.resolve("mono.pfm");
        Path dispFile = dir.resolve("disp.pfm");
        write(monoFile, mono);
        write(dispFile, disp);
        Path depthFile = dir.resolve("depth.pfm");
        Path cloud = dir.resolve("fused.ply");
        String[] res = run("fuse", "--mono", monoFile.toString(), "--disparity", dispFile.toString(),
                "--focal-px", "350", "--baseline-mm", "80", "--out-depth", depthFile.toString(), "--out", cloud.toString());
        assertThat(res[0]).as(res[2]).isEqualTo("0");
        assertThat(res[1]).contains("filled from mono").contains("wrote " + cloud);
        Mat z = Pfm.read(depthFile);
        float[] zs = new float[W * H];
        z.get(0, 0, zs);
        double worst = 0;
        for (int i = 0; i < W * H; i++) {
            if (hole[i]) {
                double truth = depth(i % W, i / W);
                worst = Math.max(worst, Math.abs(zs[i] - truth) / truth);
            }
        }
        System.out.printf("fuse command: worst hole depth error %.3f %%%n", 100 * worst);
        assertThat(worst).isLessThan(0.02);
        z.release();
    }

    @Test
    void confidenceZeroPixelsAreReplacedByMono() throws IOException {
        // Stereo has a value everywhere, but a block of it is a hole-filler's guess (confidence 0), far off.
        float[] mono = new float[W * H];
        float[] disp = new float[W * H];
        byte[] conf = new byte[W * H];
        for (int i = 0; i < W * H; i++) {
            double z = depth(i % W, i / W);
            mono[i] = (float) (2 / z + 1);
            boolean guessed = (i % W) < 40;
            disp[i] = (float) (guessed ? 3.0 : 28.0 / z);
            conf[i] = (byte) (guessed ? 0 : 200);
        }
        Path monoFile = dir.resolve("mono.pfm");
        Path dispFile = dir.resolve("disp.pfm");
        write(monoFile, mono);
        write(dispFile, disp);
        Mat c = new Mat(H, W, CvType.CV_8UC1);
        c.put(0, 0, conf);
        Path confFile = dir.resolve("disparity-confidence.png");
        org.opencv.imgcodecs.Imgcodecs.imwrite(confFile.toString(), c);
        c.release();
        Path filled = dir.resolve("filled.pfm");
        String[] res = run("fuse", "--mono", monoFile.toString(), "--disparity", dispFile.toString(),
                "--confidence", confFile.toString(), "--focal-px", "350", "--baseline-mm", "80",
                "--out-disparity", filled.toString());
        assertThat(res[0]).as(res[2]).isEqualTo("0");
        Mat d = Pfm.read(filled);
        float[] v = new float[1];
        d.get(75, 10, v);
        assertThat((double) v[0]).isCloseTo(28.0 / depth(10, 75), org.assertj.core.api.Assertions.within(1e-3));
        d.release();
    }

    @Test
    void withoutTheRigItSaysWhatIsMissing() throws IOException {
        Path p = dir.resolve("m.pfm");
        write(p, new float[W * H]);
        String[] res = run("fuse", "--mono", p.toString(), "--disparity", p.toString());
        assertThat(res[0]).isEqualTo("2");
        assertThat(res[2]).contains("--focal-px and --baseline-mm (or --calib)");
    }

    private static void write(Path file, float[] values) throws IOException {
        Mat m = new Mat(H, W, CvType.CV_32FC1);
        m.put(0, 0, values);
        Pfm.write(file, m);
        m.release();
    }
}
