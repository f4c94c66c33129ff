package io.github.stereostation.depth;

import io.github.stereostation.OpenCvNative;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live-loop fusion with a real ONNX Runtime session: a network whose output is an affine function of the
 * image's grey level, fed a frame whose grey level encodes the true inverse depth, stands in for MiDaS.
 */
class PeriodicMonoFusionTest {

    @TempDir
    Path dir;

    static final int W = 160;
    static final int H = 120;
    static final double FOCAL = 200;
    static final double BASELINE_MM = 50;

    @BeforeAll
    static void opencv() {
        OpenCvNative.load();
    }

    static double depth(int x, int y) {
        return (x > 50 && x < 110 && y > 30 && y < 90) ? 0.9 : 2.0 + 0.005 * y;
    }

    @Test
    void runsTheNetworkEveryNthFrameAndFillsHolesMetrically() throws Exception {
        Path model = OnnxTestModels.write(dir.resolve("grey.onnx"),
                OnnxTestModels.linearDepth(H * 1L, W * 1L, new float[]{0.2f, 0.3f, 0.5f}, 0.1f, true));
        MonoModelSpec spec = new MonoModelSpec("grey test", null, W, H, 1, false, "linear", "RGB", true,
                new double[]{0.485, 0.456, 0.406}, new double[]{0.229, 0.224, 0.225}, false, "inverse-depth");
        double invNear = 1 / 0.9;
        double invFar = 1 / 2.6;
        byte[] grey = new byte[W * H * 3];
        float[] disp = new float[W * H];
        boolean[] hole = new boolean[W * H];
        double fB = FOCAL * BASELINE_MM / 1000;
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int i = y * W + x;
                double z = depth(x, y);
                int g = (int) Math.round(20 + 220 * (1 / z - invFar) / (invNear - invFar));
                grey[3 * i] = grey[3 * i + 1] = grey[3 * i + 2] = (byte) g;
                hole[i] = (x % 17 < 4) || (y > 95 && x > 100);
                disp[i] = hole[i] ? Float.NaN : (float) (fB / z);
            }
        }
        Mat left = new Mat(H, W, CvType.CV_8UC3);
        left.put(0, 0, grey);
        Mat disparity = new Mat(H, W, CvType.CV_32FC1);
        disparity.put(0, 0, disp);
        try (OnnxMonoDepthEstimator est = new OnnxMonoDepthEstimator(model, spec, 1, Long.MAX_VALUE);
             PeriodicMonoFusion fusion = new PeriodicMonoFusion(est, 4)) {
            Optional<FusedDepth> first = fusion.fuse(left, disparity, null, FOCAL, BASELINE_MM);
            assertThat(first).isEmpty(); // nothing estimated yet; frame 0 started the network
            assertThat(fusion.awaitIdle(30_000)).isTrue();
            double worst = 0;
            for (int f = 1; f <= 8; f++) {
                try (FusedDepth fused = fusion.fuse(left, disparity, null, FOCAL, BASELINE_MM).orElseThrow()) {
                    float[] z = new float[W * H];
                    fused.depthMetres().get(0, 0, z);
                    for (int i = 0; i < W * H; i++) {
                        if (hole[i]) {
                            worst = Math.max(worst, Math.abs(z[i] - depth(i % W, i / W)) / depth(i % W, i / W));
                        }
                    }
                }
                fusion.awaitIdle(30_000);
            }
            // Frames 0, 4 and 8 start the network: never more than one in three frames here.
            assertThat(fusion.estimatesRun()).isEqualTo(3);
            assertThat(fusion.monoFrame()).isEqualTo(8);
            System.out.printf("periodic fusion: %d estimates over 9 frames, worst hole depth error %.3f %%%n",
                    fusion.estimatesRun(), 100 * worst);
            assertThat(worst).isLessThan(0.02);
        } finally {
            left.release();
            disparity.release();
        }
    }
}
