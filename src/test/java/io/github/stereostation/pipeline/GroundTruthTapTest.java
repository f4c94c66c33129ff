package io.github.stereostation.pipeline;

import io.github.stereostation.OpenCvNative;
import io.github.stereostation.capture.StereoFrame;
import io.github.stereostation.sim.RenderOptions;
import io.github.stereostation.sim.RenderedPair;
import io.github.stereostation.sim.StereoRig;
import io.github.stereostation.sim.SyntheticScene;
import io.github.stereostation.sim.SyntheticStereoSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.Mat;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class GroundTruthTapTest {
    /** The desk sped up, so that a few small frames differ visibly. */
    private static final SyntheticStereoSource.Animation FAST_DESK = s -> SyntheticScene.deskAt(1, s * 15);

    @BeforeAll
    static void load() {
        OpenCvNative.load();
    }

    @Test
    void passesTheLoopingRigsFramesOnAndKnowsTheTruthOfEachFrameCastOncePerDistinctFrame() throws Exception {
        int period = 4; // steps 0 1 2 1 0 1 2 …: 3 distinct frames
        StereoRig rig = StereoRig.idealDesk(64, 48);
        List<Mat> freshLeft = new ArrayList<>();
        List<GroundTruthTap.Truth> freshTruth = new ArrayList<>();
        try (SyntheticStereoSource plain = new SyntheticStereoSource(rig, RenderOptions.LIVE, FAST_DESK)) {
            for (int s = 0; s <= period / 2; s++) {
                try (StereoFrame f = plain.next()) {
                    freshLeft.add(f.left().clone());
                    RenderedPair t = plain.lastTruth();
                    float[] d = new float[64 * 48];
                    byte[] m = new byte[64 * 48];
                    t.disparityLeft().get(0, 0, d);
                    t.nonOccluded().get(0, 0, m);
                    freshTruth.add(new GroundTruthTap.Truth(64, 48, d, m));
                }
            }
        }
        try (GroundTruthTap tap = new GroundTruthTap(
                SyntheticStereoSource.looping(rig, RenderOptions.LIVE, FAST_DESK, period))) {
            assertThat(tap.describe()).contains("looping every 4 frames").contains("3 frames to go");
            GroundTruthTap.Truth[] first = new GroundTruthTap.Truth[period / 2 + 1];
            for (long seq = 0; seq < 3 * period; seq++) {
                try (StereoFrame f = tap.next()) {
                    int step = (int) tap.rig().loopStepAt(seq);
                    assertThat(f.sequence()).isEqualTo(seq);
                    assertThat(Core.norm(f.left(), freshLeft.get(step))).as("frame %d", seq).isZero();
                    GroundTruthTap.Truth t = tap.truth(seq);
                    assertThat(t.disparity()).as("truth of frame %d", seq).isEqualTo(freshTruth.get(step).disparity());
                    assertThat(t.nonOccluded()).isEqualTo(freshTruth.get(step).nonOccluded());
                    if (first[step] == null) {
                        first[step] = t;
                    }
                    assertThat(t).as("truth cast once per distinct frame").isSameAs(first[step]);
                }
            }
            // the animation moves: the truth of step 0 and step 2 differ
            assertThat(first[0].disparity()).isNotEqualTo(first[2].disparity());
            assertThat(tap.truth(0)).as("the loop's frames keep their truth").isSameAs(first[0]);
            assertThat(tap.describe()).doesNotContain("to go");
        } finally {
            freshLeft.forEach(Mat::release);
        }
    }

    @Test
    void withARigThatDoesNotLoopOnlyTheLastFewTruthsAreKept() throws Exception {
        try (GroundTruthTap tap = new GroundTruthTap(new SyntheticStereoSource(StereoRig.idealDesk(32, 24)))) {
            int frames = GroundTruthTap.KEEP_UNLOOPED + 2;
            for (int i = 0; i < frames; i++) {
                tap.next().close();
            }
            assertThat(tap.truth(frames - 1)).isNotNull();
            assertThat(tap.truth(frames - GroundTruthTap.KEEP_UNLOOPED)).isNotNull();
            assertThat(tap.truth(1)).as("old truth is let go").isNull();
            assertThat(tap.truth(frames)).as("a frame not yet delivered").isNull();
        }
    }
}
