package io.github.stereostation.depth;

import io.github.stereostation.OpenCvNative;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Fusion against a scene whose depth is known by construction: a tilted wall with a box in front. The "mono
 * estimate" is the true inverse depth under a scale and shift the fusion is not told, plus noise and outliers;
 * the "stereo" is the true disparity with noise, gross mismatches and holes.
 */
class MonoStereoFusionTest {

    static final int W = 320;
    static final int H = 240;
    static final double FOCAL_PX = 400;
    static final double BASELINE_MM = 60;

    @BeforeAll
    static void opencv() {
        OpenCvNative.load();
    }

    static double trueDepthMetres(int x, int y) {
        boolean box = x >= 100 && x < 200 && y >= 60 && y < 180;
        return box ? 1.2 + 0.001 * (y - 60) : 2.5 + 0.004 * x;
    }

    @Test
    void recoversMetricDepthInHolesWithinTwoPercent() {
        Random r = new Random(42);
        double a = 3.7;   // unknown mono scale
        double b = 0.9;   // unknown mono shift
        int n = W * H;
        float[] mono = new float[n];
        float[] stereo = new float[n];
        boolean[] monoOutlier = new boolean[n];
        boolean[] hole = new boolean[n];
        double fB = FOCAL_PX * BASELINE_MM / 1000;
        double monoNear = a / 1.2 + b;
        double monoFar = a / (2.5 + 0.004 * W) + b;
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int i = y * W + x;
                double z = trueDepthMetres(x, y);
                mono[i] = (float) (a / z + b + r.nextGaussian() * 0.003 * (monoNear - monoFar));
                if (r.nextDouble() < 0.05) {
                    mono[i] = (float) (monoFar + r.nextDouble() * (monoNear - monoFar));
                    monoOutlier[i] = true;
                }
                stereo[i] = (float) (fB / z + r.nextGaussian() * 0.15);
                if (r.nextDouble() < 0.05) {
                    stereo[i] = (float) (r.nextDouble() * 40); // gross mismatch
                }
                boolean occluded = x >= 88 && x < 100 && y >= 60 && y < 180;
                boolean textureless = x >= 220 && x < 300 && y >= 20 && y < 80;
                if (occluded || textureless || r.nextDouble() < 0.2) {
                    stereo[i] = Float.NaN;
                    hole[i] = true;
                }
            }
        }
        Mat monoMat = new Mat(H, W, CvType.CV_32FC1);
        monoMat.put(0, 0, mono);
        Mat stereoMat = new Mat(H, W, CvType.CV_32FC1);
        stereoMat.put(0, 0, stereo);
        try (FusedDepth fused = MonoStereoFusion.fuse(monoMat, stereoMat, null, FOCAL_PX, BASELINE_MM).orElseThrow()) {
            // disparity = fB/z = fB * (m - b) / a  =>  scale = fB/a, shift = -fB*b/a
            assertThat(fused.fit().scale()).isCloseTo(fB / a, within(0.01 * fB / a));
            assertThat(fused.fit().shift()).isCloseTo(-fB * b / a, within(0.01 * fB * b / a));

            float[] z = new float[n];
            float[] disp = new float[n];
            byte[] fromMono = new byte[n];
            fused.depthMetres().get(0, 0, z);
            fused.disparity().get(0, 0, disp);
            fused.fromMono().get(0, 0, fromMono);
            double[] relErr = new double[n];
            int k = 0;
            for (int i = 0; i < n; i++) {
                if (hole[i]) {
                    assertThat(fromMono[i]).as("hole pixel %d filled from mono", i).isEqualTo((byte) 255);
                    assertThat(Float.isFinite(z[i])).as("hole pixel %d has depth", i).isTrue();
                    if (!monoOutlier[i]) {
                        double truth = trueDepthMetres(i % W, i / W);
                        relErr[k++] = Math.abs(z[i] - truth) / truth;
                    }
                } else {
                    assertThat(fromMono[i]).isEqualTo((byte) 0);
                    assertThat(disp[i]).isEqualTo(stereo[i]); // stereo kept as measured
                }
            }
            double[] errs = Arrays.copyOf(relErr, k);
            Arrays.sort(errs);
            double median = errs[k / 2];
            double p99 = errs[(int) (0.99 * (k - 1))];
            System.out.printf("fusion: %s; hole pixels %d, depth error median %.3f %%, 99th pct %.3f %%, max %.3f %%%n",
                    fused.fit(), k, 100 * median, 100 * p99, 100 * errs[k - 1]);
            assertThat(median).isLessThan(0.005);
            assertThat(p99).isLessThan(0.02);
        } finally {
            monoMat.release();
            stereoMat.release();
        }
    }

    @Test
    void aFrameWithoutSureStereoUsesTheFallbackFitAndSaysSo() {
        double a = 3.7;
        double b = 0.9;
        double fB = FOCAL_PX * BASELINE_MM / 1000;
        // the fit a previous frame gave: disparity = fB/z = fB * (m - b) / a
        ScaleShiftFit previous = new ScaleShiftFit(fB / a, -fB * b / a, 1000, 1000, 0.1);
        int n = W * H;
        float[] mono = new float[n];
        float[] stereo = new float[n];
        for (int i = 0; i < n; i++) {
            mono[i] = (float) (a / trueDepthMetres(i % W, i / W) + b);
            stereo[i] = Float.NaN; // the camera saw nothing it could match
        }
        Mat monoMat = new Mat(H, W, CvType.CV_32FC1);
        monoMat.put(0, 0, mono);
        Mat stereoMat = new Mat(H, W, CvType.CV_32FC1);
        stereoMat.put(0, 0, stereo);
        try {
            assertThat(MonoStereoFusion.fuse(monoMat, stereoMat, null, FOCAL_PX, BASELINE_MM)).isEmpty();
            try (FusedDepth fused = MonoStereoFusion.fuse(monoMat, stereoMat, null, FOCAL_PX, BASELINE_MM, 0, previous)
                    .orElseThrow()) {
                assertThat(fused.fit()).isSameAs(previous);
                float[] z = new float[n];
                fused.depthMetres().get(0, 0, z);
                for (int i = 0; i < n; i += 97) {
                    double truth = trueDepthMetres(i % W, i / W);
                    assertThat((double) z[i]).isCloseTo(truth, within(1e-4 * truth));
                }
            }
        } finally {
            monoMat.release();
            stereoMat.release();
        }
    }

    @Test
    void texturelessStereoIsNotTrusted() {
        // Left image: left half flat grey, right half a checkerboard. Stereo has values everywhere.
        Mat left = new Mat(H, W, CvType.CV_8UC1);
        byte[] px = new byte[W * H];
        float[] d = new float[W * H];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                px[y * W + x] = (byte) (x < W / 2 ? 128 : (((x / 4) + (y / 4)) % 2 == 0 ? 40 : 220));
                d[y * W + x] = 10f;
            }
        }
        left.put(0, 0, px);
        Mat disp = new Mat(H, W, CvType.CV_32FC1);
        disp.put(0, 0, d);
        Mat mask = MonoStereoFusion.confidentStereo(disp, left, 4.0);
        byte[] m = new byte[W * H];
        mask.get(0, 0, m);
        assertThat(m[100 * W + 40]).isEqualTo((byte) 0);            // flat grey
        assertThat(m[100 * W + 250]).isEqualTo((byte) 255);         // textured
        left.release();
        disp.release();
        mask.release();
    }
}
