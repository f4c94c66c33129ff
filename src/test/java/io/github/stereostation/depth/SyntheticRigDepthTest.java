package io.github.stereostation.depth;

import io.github.stereostation.OpenCvNative;
import io.github.stereostation.sim.RenderedPair;
import io.github.stereostation.sim.SceneRenderer;
import io.github.stereostation.sim.StereoRig;
import io.github.stereostation.sim.SyntheticScene;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Matchers, range estimation and presets on the synthetic desk rig, whose disparity is exact. */
class SyntheticRigDepthTest {
    static RenderedPair desk;
    static float gtMax;

    @BeforeAll
    static void render() {
        OpenCvNative.load();
        desk = new SceneRenderer().render(StereoRig.idealDesk(320, 240), SyntheticScene.desk(7));
        float[] gt = new float[320 * 240];
        desk.disparityLeft().get(0, 0, gt);
        for (float v : gt) {
            if (v > gtMax) {
                gtMax = v;
            }
        }
    }

    @AfterAll
    static void release() {
        desk.close();
    }

    static DisparityMetrics measure(DisparityMatcher m, boolean nonOccludedOnly) {
        try (m; DisparityMap d = m.compute(desk.left(), desk.right())) {
            return DisparityMetrics.measure(d.disparity(), desk.disparityLeft(),
                    nonOccludedOnly ? desk.nonOccluded() : null);
        }
    }

    @Test
    void defaultConfigurationReachesBad2BelowFivePercentEvenCountingHoles() {
        // the default of `disparity` is the balanced preset with the range estimated from the images
        DisparityMetrics all = measure(Preset.forStation(io.github.stereostation.config.StationSettings.defaults().matcher()).createMatcher(), false);
        assertThat(all.bad2()).isLessThan(5.0);
        assertThat(all.density()).isEqualTo(100.0);
        // and the bare SGBM defaults match well wherever they give an answer
        DisparityMetrics bare = measure(MatcherSettings.defaultSgbm().createMatcher(), true);
        double wrongAmongMatched = bare.bad2() - (100 - bare.density());
        assertThat(wrongAmongMatched).isLessThan(5.0);
    }

    @Test
    void everyPresetBeatsBareOpenCvOnTheDesk() {
        double bare = measure(Preset.load("none").createMatcher(), false).bad2();
        for (String name : new String[]{"fast", "balanced"}) {
            DisparityMetrics m = measure(Preset.load(name).createMatcher(), false);
            assertThat(m.bad2()).as(name).isLessThan(Math.min(5.0, bare));
            assertThat(m.density()).as(name).isEqualTo(100.0);
        }
    }

    @Test
    void estimatedRangeCoversTheDeskWithoutWastingMuch() {
        DisparityRangeEstimator.Estimate e = DisparityRangeEstimator.estimate(desk.left(), desk.right());
        assertThat(e.fallback()).isFalse();
        assertThat((double) e.numDisparities()).isGreaterThan(gtMax).isLessThanOrEqualTo(gtMax * 1.5 + 32);
    }

    @Test
    void blockMatcherAndSgbmGiveFloatDisparityWithNanHoles() {
        for (MatcherSettings s : new MatcherSettings[]{MatcherSettings.defaultBm(), MatcherSettings.defaultSgbm()}) {
            try (DisparityMatcher m = s.createMatcher(); DisparityMap d = m.compute(desk.left(), desk.right())) {
                float[] v = new float[320 * 240];
                d.disparity().get(0, 0, v);
                int nan = 0;
                int fractional = 0;
                for (float x : v) {
                    if (Float.isNaN(x)) {
                        nan++;
                    } else {
                        assertThat(x).isBetween(0f, 64f); // never OpenCV's x16 fixed point
                        fractional += x != Math.rint(x) ? 1 : 0;
                    }
                }
                assertThat(nan).as(s.describe()).isGreaterThan(0);
                assertThat(fractional).as(s.describe() + " sub-pixel values").isGreaterThan(1000);
            }
        }
    }
}
