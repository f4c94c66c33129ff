package io.github.stereostation.cloud;

import io.github.stereostation.OpenCvNative;
import io.github.stereostation.depth.DisparityMap;
import io.github.stereostation.depth.DisparityMatcher;
import io.github.stereostation.depth.Preset;
import io.github.stereostation.sim.RenderOptions;
import io.github.stereostation.sim.RenderedPair;
import io.github.stereostation.sim.SceneRenderer;
import io.github.stereostation.sim.StereoRig;
import io.github.stereostation.sim.SyntheticScene;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Measuring on the synthetic desk (ideal rig 640x480, f = 560 px, B = 60 mm, sensor noise) with the default
 * preset's disparity: distances between known points fall within the stated 95 % interval in at least 95 % of
 * trials, and the plane fitted to the back wall has the RMS the measured disparity noise predicts.
 */
class StereoMeasureTest {
    static final int W = 640, H = 480;
    static final StereoRig RIG = StereoRig.idealDesk(W, H);
    static float[] disparity;
    static float[] truth;
    static byte[] visible;
    static StereoMeasure measure;

    @BeforeAll
    static void matchTheDesk() {
        OpenCvNative.load();
        try (RenderedPair p = new SceneRenderer(new RenderOptions(2, 2.0, 1, 11)).render(RIG, SyntheticScene.desk(5));
             DisparityMatcher m = Preset.load("balanced").createMatcher();
             DisparityMap map = m.compute(p.left(), p.right())) {
            disparity = new float[W * H];
            truth = new float[W * H];
            visible = new byte[W * H];
            map.disparity().get(0, 0, disparity);
            p.disparityLeft().get(0, 0, truth);
            p.nonOccluded().get(0, 0, visible);
        }
        measure = new StereoMeasure(RIG.left().fx(), RIG.baselineMm() / 1000, 0, RIG.left().cx(), RIG.left().cy(), 0);
    }

    @AfterAll
    static void done() {
        disparity = null;
    }

    @Test
    void distancesBetweenKnownPointsFallWithinTheStatedUncertainty() {
        Random rng = new Random(3);
        int trials = 0, within = 0;
        double sumRelativeUncertainty = 0;
        while (trials < 400) {
            int[] a = knownPoint(rng), b = knownPoint(rng);
            StereoMeasure.Point pa = measure.point(disparity, W, H, a[0], a[1]);
            StereoMeasure.Point pb = measure.point(disparity, W, H, b[0], b[1]);
            if (pa == null || pb == null) {
                continue;
            }
            StereoMeasure.Distance d = measure.distance(pa, pb);
            StereoMeasure.Distance t = measure.distance(measure.at(a[0], a[1], truth[a[1] * W + a[0]], 0),
                    measure.at(b[0], b[1], truth[b[1] * W + b[0]], 0));
            if (t.metres() < 0.05) {
                continue;
            }
            trials++;
            within += Math.abs(d.metres() - t.metres()) <= d.plusMinusMetres() ? 1 : 0;
            sumRelativeUncertainty += d.plusMinusMetres() / t.metres();
        }
        double coverage = within / (double) trials;
        System.out.printf("distance within the stated 95 %% interval in %.1f %% of %d trials; mean interval ±%.2f %% "
                + "of the distance%n", 100 * coverage, trials, 100 * sumRelativeUncertainty / trials);
        assertThat(coverage).isGreaterThanOrEqualTo(0.95);
        // and the interval is no blanket: a few per cent of the distance on a 13-50 px disparity rig
        assertThat(sumRelativeUncertainty / trials).isLessThan(0.05);
    }

    @Test
    void theWallsPlaneFitHasTheRmsTheDisparityNoiseGives() {
        int x0 = 120, y0 = 10, x1 = 300, y1 = 90; // the back wall above the boxes, 2.5 m away
        double sum = 0, sq = 0;
        int n = 0;
        for (int v = y0; v < y1; v++) {
            for (int u = x0; u < x1; u++) {
                float t = truth[v * W + u];
                assertThat(RIG.left().fx() * 0.06 / t).as("wall pixel (%d, %d)", u, v).isCloseTo(2.5,
                        org.assertj.core.data.Offset.offset(1e-3));
                float d = disparity[v * W + u];
                if (Float.isFinite(d)) {
                    sum += d - t;
                    sq += (d - t) * (d - t);
                    n++;
                }
            }
        }
        double sigmaD = Math.sqrt(sq / n - (sum / n) * (sum / n));
        double expected = 2.5 * 2.5 * sigmaD / (RIG.left().fx() * 0.06);
        StereoMeasure.PlaneFit fit = measure.fitPlane(disparity, W, H, x0, y0, x1, y1);
        System.out.println(fit.text() + String.format("; true disparity noise %.3f px -> %.1f mm", sigmaD, 1000 * expected));
        // 2.5 m within the matcher's sub-pixel bias (0.2 px of 13.4 px: 1.5 %)
        assertThat(fit.distanceMetres()).isCloseTo(2.5, org.assertj.core.data.Offset.offset(0.05));
        assertThat(Math.abs(fit.normal()[2])).isGreaterThan(0.999);
        assertThat(fit.rmsMetres() / expected).isBetween(0.7, 1.4);
        assertThat(fit.expectedRmsMetres() / expected).isBetween(0.7, 1.4);
    }

    /** A pixel whose neighbourhood lies on one smooth surface that both cameras see. */
    static int[] knownPoint(Random rng) {
        while (true) {
            int u = 10 + rng.nextInt(W - 20), v = 10 + rng.nextInt(H - 20);
            float c = truth[v * W + u];
            boolean ok = Float.isFinite(c);
            for (int dy = -4; ok && dy <= 4; dy++) {
                for (int dx = -4; ok && dx <= 4; dx++) {
                    int i = (v + dy) * W + u + dx;
                    ok = Float.isFinite(truth[i]) && visible[i] != 0 && Math.abs(truth[i] - c) < 1.0;
                }
            }
            if (ok) {
                return new int[] {u, v};
            }
        }
    }
}
