package io.github.stereostation.depth;

import io.github.stereostation.OpenCvNative;
import io.github.stereostation.sim.RenderedPair;
import io.github.stereostation.sim.SceneRenderer;
import io.github.stereostation.sim.StereoRig;
import io.github.stereostation.sim.SyntheticScene;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Fusion on the synthetic desk rig (ideal rectified, 320x240). The "mono estimate" is the rendered true inverse
 * depth under a scale and shift the fusion is not told, plus noise and 5 % outliers. Stereo comes either from the
 * rendered ground truth with noise, mismatches and holes (to measure the fusion alone), or from the project's SGBM
 * matcher on the rendered images (to see it with real stereo and its own errors).
 */
class MonoStereoFusionSyntheticRigTest {

    static final int W = 320;
    static final int H = 240;
    static final double A = 0.37;  // unknown mono scale
    static final double B = 1.9;   // unknown mono shift

    static RenderedPair pair;
    static float[] z;
    static byte[] nocc;
    static float[] mono;
    static boolean[] monoOutlier;
    static double focalPx;
    static double baselineMm;

    @BeforeAll
    static void render() {
        OpenCvNative.load();
        StereoRig rig = StereoRig.idealDesk(W, H);
        focalPx = rig.left().fx();
        baselineMm = rig.baselineMm();
        pair = new SceneRenderer().render(rig, SyntheticScene.desk(3));
        int n = W * H;
        z = new float[n];
        pair.depthLeftMetres().get(0, 0, z);
        nocc = new byte[n];
        pair.nonOccluded().get(0, 0, nocc);
        Random r = new Random(8);
        mono = new float[n];
        monoOutlier = new boolean[n];
        for (int i = 0; i < n; i++) {
            // noise of 0.5 % of the inverse depth, and 5 % of pixels plain wrong
            mono[i] = (float) (A / z[i] * (1 + 0.005 * r.nextGaussian()) + B);
            if (r.nextDouble() < 0.05) {
                mono[i] = (float) (B + A * (0.4 + r.nextDouble()));
                monoOutlier[i] = true;
            }
        }
    }

    @AfterAll
    static void release() {
        pair.close();
    }

    record Errors(double median, double within2, double occludedMedian, int filled, int occluded) {
    }

    /** Relative depth errors of the pixels filled from mono (mono outliers left out: no fusion can fix those). */
    static Errors filledErrors(FusedDepth fused, boolean[] hole) {
        int n = W * H;
        float[] fz = new float[n];
        byte[] fromMono = new byte[n];
        fused.depthMetres().get(0, 0, fz);
        fused.fromMono().get(0, 0, fromMono);
        double[] err = new double[n];
        double[] occErr = new double[n];
        int k = 0;
        int occ = 0;
        for (int i = 0; i < n; i++) {
            if (hole[i]) {
                assertThat(fromMono[i]).as("stereo hole %d filled from mono", i).isEqualTo((byte) 255);
                assertThat(Float.isFinite(fz[i])).as("stereo hole %d has a depth", i).isTrue();
            }
            if (fromMono[i] != 0 && !monoOutlier[i]) {
                double e = Math.abs(fz[i] - z[i]) / z[i];
                err[k++] = e;
                if (nocc[i] == 0) {
                    occErr[occ++] = e;
                }
            }
        }
        double[] e = Arrays.copyOf(err, k);
        double[] o = Arrays.copyOf(occErr, occ);
        Arrays.sort(e);
        Arrays.sort(o);
        return new Errors(e[k / 2], MonoStereoFusionMiddleburyTest.share(e, 0.02), occ == 0 ? Double.NaN : o[occ / 2],
                k, occ);
    }

    static Mat monoMat() {
        Mat m = new Mat(H, W, CvType.CV_32FC1);
        m.put(0, 0, mono);
        return m;
    }

    @Test
    void fusionAloneRecoversMetricDepthWithinTwoPercent() {
        int n = W * H;
        float[] gtd = new float[n];
        pair.disparityLeft().get(0, 0, gtd);
        Random r = new Random(9);
        float[] sd = new float[n];
        boolean[] hole = new boolean[n];
        for (int i = 0; i < n; i++) {
            int x = i % W;
            int y = i / W;
            // holes: occlusions, a "textureless" patch on the wall, and scattered dropouts
            hole[i] = nocc[i] == 0 || (x >= 20 && x < 90 && y >= 10 && y < 60) || r.nextDouble() < 0.1;
            sd[i] = hole[i] ? Float.NaN : (float) (gtd[i] + r.nextGaussian() * 0.1);
            if (!hole[i] && r.nextDouble() < 0.03) {
                sd[i] = (float) (5 + 50 * r.nextDouble()); // gross mismatch
            }
        }
        Mat stereo = new Mat(H, W, CvType.CV_32FC1);
        stereo.put(0, 0, sd);
        Mat m = monoMat();
        double fB = focalPx * baselineMm / 1000;
        try (FusedDepth fused = MonoStereoFusion.fuse(m, stereo, null, focalPx, baselineMm).orElseThrow()) {
            // disparity = fB / z = fB (m - B) / A
            assertThat(fused.fit().scale()).isCloseTo(fB / A, within(0.01 * fB / A));
            assertThat(fused.fit().shift()).isCloseTo(-fB * B / A, within(0.01 * fB * B / A));
            // The fitted map alone, applied to noise-free mono values over the scene's depths (0.6 .. 2.6 m):
            double worstFit = 0;
            for (double depth = 0.6; depth <= 2.6; depth += 0.01) {
                double zFit = fB / fused.fit().disparityOf(A / depth + B);
                worstFit = Math.max(worstFit, Math.abs(zFit - depth) / depth);
            }
            System.out.printf("synthetic desk, fitted map: worst depth error %.3f %% over 0.6 .. 2.6 m%n", 100 * worstFit);
            assertThat(worstFit).isLessThan(0.005);
            Errors e = filledErrors(fused, hole);
            System.out.printf("synthetic desk, fusion alone: %s (truth scale %.3f, shift %.3f); %d filled pixels"
                            + " (%d occluded): median error %.2f %%, %.2f %% within 2 %%, occluded median %.2f %%%n",
                    fused.fit(), fB / A, -fB * B / A, e.filled(), e.occluded(), 100 * e.median(), 100 * e.within2(),
                    100 * e.occludedMedian());
            assertThat(e.occluded()).isGreaterThan(500);
            assertThat(e.median()).isLessThan(0.005);
            assertThat(e.within2()).isGreaterThan(0.99);
            assertThat(e.occludedMedian()).isLessThan(0.005); // occluded background gets background depth
        } finally {
            stereo.release();
            m.release();
        }
    }

    @Test
    void withTheProjectsSgbmFilledHolesAreAsGoodAsTheStereo() {
        int n = W * H;
        Mat m = monoMat();
        try (DisparityMatcher matcher = Preset.load("balanced").createMatcher();
             DisparityMap stereo = matcher.compute(pair.left(), pair.right())) {
            float[] sd = new float[n];
            byte[] conf = new byte[n];
            stereo.disparity().get(0, 0, sd);
            stereo.confidence().get(0, 0, conf);
            boolean[] hole = new boolean[n];
            double[] keptErr = new double[n];
            int kept = 0;
            double fB = focalPx * baselineMm / 1000;
            for (int i = 0; i < n; i++) {
                // no value, or not measured (filled from neighbours by the matcher)
                hole[i] = !(sd[i] > 0) || (conf[i] & 0xff) < DisparityMap.MEASURED;
                if (!hole[i] && Float.isFinite(z[i])) {
                    keptErr[kept++] = Math.abs(fB / sd[i] - z[i]) / z[i];
                }
            }
            double[] ke = Arrays.copyOf(keptErr, kept);
            Arrays.sort(ke);
            Mat confident = MonoStereoFusion.confidentStereo(stereo, pair.left(), 2.0);
            try (FusedDepth fused = MonoStereoFusion.fuse(m, stereo.disparity(), confident, focalPx, baselineMm)
                    .orElseThrow()) {
                Errors e = filledErrors(fused, hole);
                System.out.printf("synthetic desk, SGBM balanced: %s; %d filled pixels (%d occluded): median error"
                                + " %.2f %%, %.1f %% within 2 %%; SGBM's own median error %.2f %%%n", fused.fit(),
                        e.filled(), e.occluded(), 100 * e.median(), 100 * e.within2(), 100 * ke[kept / 2]);
                assertThat(e.filled()).isGreaterThan(n / 50);
                assertThat(e.median()).isLessThan(0.02);
                // The fit inherits the stereo's own bias; it must not add much to it.
                assertThat(e.median()).isLessThan(ke[kept / 2] + 0.01);
            } finally {
                confident.release();
            }
        } finally {
            m.release();
        }
    }
}
