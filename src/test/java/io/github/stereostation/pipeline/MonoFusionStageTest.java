package io.github.stereostation.pipeline;

import io.github.stereostation.OpenCvNative;
import io.github.stereostation.capture.StereoFrame;
import io.github.stereostation.depth.MonoModelSpec;
import io.github.stereostation.depth.OnnxMonoDepthEstimator;
import io.github.stereostation.depth.OnnxTestModelsAccess;
import io.github.stereostation.geometry.DisparityToDepth;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stage on real jobs with a real ONNX Runtime session: the stand-in network outputs an affine function of
 * the grey level, and the left image's grey level encodes the true inverse depth, so after fusion every hole
 * of the job's depth must hold the true metric depth.
 */
class MonoFusionStageTest {

    static final int W = 128;
    static final int H = 96;
    static final DisparityToDepth RIG = new DisparityToDepth(150, 0.07, 0, (W - 1) / 2.0, (H - 1) / 2.0);

    @TempDir
    Path dir;

    @BeforeAll
    static void opencv() {
        OpenCvNative.load();
    }

    static double depth(int x, int y) {
        return (x > 30 && x < 90 && y > 20 && y < 70) ? 0.8 : 1.8 + 0.004 * y;
    }

    FrameJob job(long seq) {
        byte[] grey = new byte[W * H * 3];
        float[] disp = new float[W * H];
        double fB = RIG.focalPx() * RIG.baselineMetres();
        for (int i = 0; i < W * H; i++) {
            double z = depth(i % W, i / W);
            int g = (int) Math.round(30 + 200 * (1 / z - 1 / 2.3) / (1 / 0.8 - 1 / 2.3));
            grey[3 * i] = grey[3 * i + 1] = grey[3 * i + 2] = (byte) g;
            disp[i] = (i % W) % 11 < 3 ? Float.NaN : (float) (fB / z);
        }
        Mat left = new Mat(H, W, CvType.CV_8UC3);
        left.put(0, 0, grey);
        Mat d = new Mat(H, W, CvType.CV_32FC1);
        d.put(0, 0, disp);
        FrameJob job = new FrameJob(new StereoFrame(left, left.clone(), 0, 0, seq), 0, 4);
        job.setDisparity(d);
        job.setGeometry(RIG);
        return job;
    }

    @Test
    void fillsTheJobsHolesWithMetricDepthOnceTheNetworkHasAnswered() throws Exception {
        Path model = dir.resolve("grey.onnx");
        Files.write(model, OnnxTestModelsAccess.linearDepth((long) H, (long) W, new float[]{0.3f, 0.3f, 0.4f}, 0f));
        MonoModelSpec spec = new MonoModelSpec("grey", null, W, H, 1, false, "linear", "RGB", true, null, null,
                false, "inverse-depth");
        try (OnnxMonoDepthEstimator est = new OnnxMonoDepthEstimator(model, spec, 1, Long.MAX_VALUE);
             MonoFusionStage stage = new MonoFusionStage(est, 5, 0)) {
            try (FrameJob first = job(0)) {
                stage.process(first);
                assertThat(first.depthMetres()).isNull(); // passes through until the network answers
            }
            assertThat(stage.fusion().awaitIdle(30_000)).isTrue();
            try (FrameJob second = job(1)) {
                stage.process(second);
                float[] z = new float[W * H];
                second.depthMetres().get(0, 0, z);
                float[] d = new float[W * H];
                second.disparity().get(0, 0, d);
                double worst = 0;
                for (int i = 0; i < W * H; i++) {
                    assertThat(Float.isFinite(d[i])).isTrue();
                    double truth = depth(i % W, i / W);
                    worst = Math.max(worst, Math.abs(z[i] - truth) / truth);
                }
                System.out.printf("mono stage: worst depth error %.3f %% (%s)%n", 100 * worst, stage.lastFit());
                assertThat(worst).isLessThan(0.02);
            }
        }
    }
}
