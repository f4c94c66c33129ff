package io.github.stereostation.depth;

import io.github.stereostation.OpenCvNative;
import io.github.stereostation.SharedData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Mat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fusion with REAL stereo: the project's SGBM matcher on the Middlebury motorcycle pair (metric calib.txt),
 * whose holes and mismatches are the real thing. The mono map is made from the ground truth (inverse depth under
 * an unknown scale and shift, plus noise and outliers), since no real network is available here.
 */
class MonoStereoFusionMiddleburyTest {

    static final Path SCENE = SharedData.DATA.resolve("stereo-gt/motorcycle");

    @BeforeAll
    static void opencv() {
        OpenCvNative.load();
    }

    @Test
    void fillsSgbmHolesOnMotorcycleWithinTwoPercent() {
        SharedData.scene("motorcycle");
        MiddleburyCalib calib = MiddleburyCalib.read(SCENE.resolve("calib.txt"));
        try (MiddleburyScene scene = MiddleburyScene.read(SCENE);
             DisparityMatcher matcher = Preset.load("balanced").createMatcher();
             DisparityMap stereo = matcher.compute(scene.left(), scene.right())) {
            int w = scene.left().cols();
            int h = scene.left().rows();
            int n = w * h;
            float[] gt = new float[n];
            scene.groundTruth().get(0, 0, gt);
            Random r = new Random(11);
            float[] mono = new float[n];
            for (int i = 0; i < n; i++) {
                if (!Float.isFinite(gt[i])) {
                    mono[i] = Float.NaN;
                    continue;
                }
                mono[i] = (float) (0.02 * (gt[i] + calib.doffsPx()) - 0.3 + r.nextGaussian() * 0.005);
                if (r.nextDouble() < 0.03) {
                    mono[i] = (float) (0.5 + r.nextDouble()); // network artefacts
                }
            }
            Mat monoMat = new Mat(h, w, org.opencv.core.CvType.CV_32FC1);
            monoMat.put(0, 0, mono);
            Mat confident = MonoStereoFusion.confidentStereo(stereo.disparity(), scene.left(), 2.0);
            try (FusedDepth fused = MonoStereoFusion.fuse(monoMat, stereo.disparity(), confident, calib.focalPx(),
                    calib.baselineMm(), calib.doffsPx()).orElseThrow()) {
                float[] z = new float[n];
                byte[] fromMono = new byte[n];
                fused.depthMetres().get(0, 0, z);
                fused.fromMono().get(0, 0, fromMono);
                double[] holeErr = new double[n];
                double[] keptErr = new double[n];
                int holes = 0;
                int kept = 0;
                for (int i = 0; i < n; i++) {
                    if (!Float.isFinite(gt[i])) {
                        continue;
                    }
                    double truth = calib.depthMetres(gt[i]);
                    double err = Float.isFinite(z[i]) ? Math.abs(z[i] - truth) / truth : Double.POSITIVE_INFINITY;
                    if (fromMono[i] != 0) {
                        holeErr[holes++] = err;
                    } else {
                        keptErr[kept++] = err;
                    }
                }
                double[] he = Arrays.copyOf(holeErr, holes);
                double[] ke = Arrays.copyOf(keptErr, kept);
                Arrays.sort(he);
                Arrays.sort(ke);
                double within2 = share(he, 0.02);
                System.out.printf("motorcycle: %s; %d filled pixels with GT: median error %.2f %%, %.1f %% within 2 %%;"
                                + " %d kept stereo pixels: median %.2f %%, %.1f %% within 2 %%%n", fused.fit(), holes,
                        100 * he[holes / 2], 100 * within2, kept, 100 * ke[kept / 2], 100 * share(ke, 0.02));
                assertThat(holes).isGreaterThan(n / 20);
                assertThat(he[holes / 2]).isLessThan(0.01);
                // 3 % of the mono map are artefacts by construction; nearly everything else must land within 2 %.
                assertThat(within2).isGreaterThan(0.94);
            } finally {
                monoMat.release();
                confident.release();
            }
        }
    }

    static double share(double[] sorted, double limit) {
        int k = 0;
        while (k < sorted.length && sorted[k] <= limit) {
            k++;
        }
        return (double) k / sorted.length;
    }
}
