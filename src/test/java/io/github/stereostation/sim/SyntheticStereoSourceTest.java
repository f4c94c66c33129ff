package io.github.stereostation.sim;

import io.github.stereostation.OpenCvNative;
import io.github.stereostation.capture.StereoFrame;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.Mat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SyntheticStereoSourceTest {
    @BeforeAll
    static void load() {
        OpenCvNative.load();
    }

    @Test
    void framesCountUpMoveOnAndCarryTruth() throws Exception {
        SyntheticStereoSource source = new SyntheticStereoSource(StereoRig.idealDesk(160, 120),
                RenderOptions.LIVE, s -> SyntheticScene.deskAt(1, s * 20)); // fast-forwarded: the box visibly moves
        source.setSkewNanos(2_000_000);
        assertThat(source.describe()).contains("160x120");
        long lastNanos = Long.MIN_VALUE;
        Mat first = null;
        for (int i = 0; i < 3; i++) {
            try (StereoFrame f = source.next()) {
                assertThat(f.sequence()).isEqualTo(i);
                assertThat(f.leftNanos()).isGreaterThan(lastNanos);
                assertThat(f.rightNanos() - f.leftNanos()).isEqualTo(2_000_000);
                assertThat(f.left().size()).isEqualTo(new org.opencv.core.Size(160, 120));
                lastNanos = f.leftNanos();
                RenderedPair truth = source.lastTruth();
                // the frame is a copy of the truth's images, owned by the caller
                assertThat(Core.norm(truth.left(), f.left(), Core.NORM_INF)).isZero();
                assertThat(f.left().dataAddr()).isNotEqualTo(truth.left().dataAddr());
                if (first == null) {
                    first = f.left().clone();
                } else {
                    double diff = Core.norm(first, f.left(), Core.NORM_L1) / first.total();
                    assertThat(diff).isGreaterThan(1.0);
                }
            }
        }
        RenderedPair truth = source.lastTruth();
        source.close();
        assertThat(truth.left().empty()).isTrue();
        assertThat(source.lastTruth()).isNull();
        assertThatThrownBy(source::next).isInstanceOf(IllegalStateException.class);
        first.release();
    }

    @Test
    void frameLimitEndsTheSourceAndRigChangesTheSize() throws Exception {
        try (SyntheticStereoSource source = SyntheticStereoSource.desk(96, 72)) {
            source.setFrameLimit(2);
            try (StereoFrame f = source.next()) {
                assertThat(f.left().cols()).isEqualTo(96);
            }
            source.setRig(StereoRig.idealDesk(64, 48));
            try (StereoFrame f = source.next()) {
                assertThat(f.left().cols()).isEqualTo(64);
                assertThat(source.describe()).contains("64x48").contains("rectified");
            }
            assertThat(source.next()).isNull();
        }
    }

    @Test
    void pacingHoldsFramesApartByTheFramePeriod() throws Exception {
        try (SyntheticStereoSource source = new SyntheticStereoSource(StereoRig.idealDesk(32, 24))) {
            source.setFramesPerSecond(20);
            long a, b;
            try (StereoFrame f = source.next()) {
                a = f.leftNanos();
            }
            try (StereoFrame f = source.next()) {
                b = f.leftNanos();
            }
            // a lower bound only: pacing never lets frames come faster than asked
            assertThat(b - a).isGreaterThanOrEqualTo(50_000_000L);
        }
    }
}
