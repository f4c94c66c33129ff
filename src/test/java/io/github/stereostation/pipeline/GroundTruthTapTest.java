package io.github.stereostation.pipeline;

import io.github.stereostation.OpenCvNative;
import io.github.stereostation.capture.StereoFrame;
import io.github.stereostation.sim.StereoRig;
import io.github.stereostation.sim.SyntheticStereoSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.Mat;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class GroundTruthTapTest {
    @BeforeAll
    static void load() {
        OpenCvNative.load();
    }

    @Test
    void rendersTheLoopOnceThenPlaysItBackAndForthWithItsTruth() throws Exception {
        List<Mat> rendered = new ArrayList<>();
        try (GroundTruthTap tap = new GroundTruthTap(new SyntheticStereoSource(StereoRig.idealDesk(64, 48)), 3)) {
            List<GroundTruthTap.Truth> truths = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                try (StereoFrame f = tap.next()) {
                    assertThat(f.sequence()).isEqualTo(i);
                    rendered.add(f.left().clone());
                    truths.add(tap.truth(i));
                }
            }
            assertThat(tap.framesToRender()).isZero();
            // the animation moves: consecutive rendered frames differ
            assertThat(Core.norm(rendered.get(0), rendered.get(2))).isPositive();
            int[] expected = {1, 0, 1, 2, 1, 0};
            for (int k = 0; k < expected.length; k++) {
                long seq = 3 + k;
                try (StereoFrame f = tap.next()) {
                    assertThat(f.sequence()).isEqualTo(seq);
                    assertThat(Core.norm(f.left(), rendered.get(expected[k]))).as("frame %d", seq).isZero();
                    assertThat(tap.truth(seq)).isSameAs(truths.get(expected[k]));
                }
            }
            assertThat(tap.truth(0)).as("old truth is let go").isNull();
        } finally {
            rendered.forEach(Mat::release);
        }
    }
}
