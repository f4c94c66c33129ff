package io.github.stereostation.depth;

import io.github.stereostation.OpenCvNative;
import io.github.stereostation.cloud.CloudRecipe;
import io.github.stereostation.cloud.DepthRange;
import io.github.stereostation.cloud.OrganizedCloud;
import io.github.stereostation.geometry.DisparityToDepth;
import io.github.stereostation.sim.PinholeCamera;
import io.github.stereostation.sim.RenderedPair;
import io.github.stereostation.sim.SceneRenderer;
import io.github.stereostation.sim.StereoRig;
import io.github.stereostation.sim.SyntheticScene;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Mat;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** A pair of the ideal synthetic rig (known depth per pixel) through the one route from pair to cloud. */
class StereoReconstructionTest {
    private static final int W = 320;
    private static final int H = 240;
    private static RenderedPair pair;
    private static float[] truth;
    private static double[] q;

    @BeforeAll
    static void render() {
        OpenCvNative.load();
        StereoRig rig = StereoRig.idealDesk(W, H);
        pair = new SceneRenderer().render(rig, SyntheticScene.slantedPlane(800, 20, 0, 5));
        truth = new float[W * H];
        pair.depthLeftMetres().get(0, 0, truth);
        PinholeCamera l = rig.left();
        Mat qm = new DisparityToDepth(l.fx(), rig.baselineMm() / 1000.0, rig.right().cx() - l.cx(), l.cx(), l.cy()).qMat();
        q = new double[16];
        qm.get(0, 0, q);
        qm.release();
    }

    @AfterAll
    static void release() {
        pair.close();
    }

    @Test
    void theTrueDisparityGivesTheTrueDepthAtEveryPixel() {
        try (StereoReconstruction r = StereoReconstruction.rectified(q, null, CloudRecipe.defaults());
             StereoReconstruction.Result res = r.fromDisparity(pair.left(), pair.disparityLeft(), null,
                     StereoReconstruction.Output.POINTS)) {
            assertThat(res.mesh()).isNull();
            assertThat(res.matcher()).isNull();
            float[] p = res.grid().positions();
            int checked = 0;
            for (int i = 0; i < truth.length; i++) {
                if (Float.isFinite(truth[i]) && res.grid().isValid(i)) {
                    assertThat((double) p[3 * i + 2]).isCloseTo(truth[i], org.assertj.core.api.Assertions.within(1e-3 * truth[i]));
                    checked++;
                }
            }
            assertThat(checked).isGreaterThan(W * H * 9 / 10);
            assertThat(res.cloud().size()).isEqualTo(res.grid().validCount());
        }
    }

    @Test
    void matchingThePairMeetsTheTruthAndTheRecipeShapesTheResult() {
        Preset fast = Preset.load("fast");
        Preset fast64 = fast.withMatcher(fast.matcher().withNumDisparities(64));
        CloudRecipe window = CloudRecipe.defaults().withRange(new DepthRange(0.7, 0.9));
        try (StereoReconstruction r = StereoReconstruction.rectified(q, null, window);
             StereoReconstruction.Result res = r.reconstruct(pair.left(), pair.right(), fast64,
                     StereoReconstruction.Output.MESH)) {
            assertThat(res.matcher()).isNotBlank();
            assertThat(res.disparity().cols()).isEqualTo(W);
            assertThat(res.confidence()).isNotNull();
            assertThat(res.mesh().triangleCount()).isGreaterThan(W * H / 2);
            assertThat(res.cloud()).isSameAs(res.mesh().vertices());
            OrganizedCloud g = res.grid();
            double[] rel = new double[W * H];
            int n = 0;
            for (int i = 0; i < W * H; i++) {
                if (g.isValid(i)) {
                    double z = g.positions()[3 * i + 2];
                    assertThat(z).isBetween(0.7 - 1e-6, 0.9 + 1e-6); // checked in double, stored as float
                    if (Float.isFinite(truth[i])) {
                        rel[n++] = Math.abs(z - truth[i]) / truth[i];
                    }
                }
            }
            double[] sorted = Arrays.copyOf(rel, n);
            Arrays.sort(sorted);
            assertThat(n).isGreaterThan(W * H / 3);
            assertThat(sorted[n / 2]).isLessThan(0.01);
        }
    }
}
