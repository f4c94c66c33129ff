package io.github.stereostation.sim;

import io.github.stereostation.OpenCvNative;
import io.github.stereostation.capture.StereoFrame;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fast paths of the synthetic rig (looping cache, still-surface reuse, undistortion tables, truth cast on
 * request) against a fresh full render of the same scene time: every pixel and every truth value identical.
 */
class LoopingSourceTest {
    private static final SyntheticStereoSource.Animation FAST_DESK = s -> SyntheticScene.deskAt(1, s * 15);

    @BeforeAll
    static void load() {
        OpenCvNative.load();
    }

    @Test
    void loopedFramesEqualFreshRendersOfTheirSceneTimeAndTheCacheStaysBounded() throws Exception {
        int period = 8;
        StereoRig raw = StereoRig.desk(128, 96); // distorted, rotated cameras: the undistortion table is used
        StereoRig ideal = StereoRig.idealDesk(96, 72);
        SceneRenderer fresh = new SceneRenderer(RenderOptions.LIVE);
        try (SyntheticStereoSource source = SyntheticStereoSource.looping(raw, RenderOptions.LIVE, FAST_DESK, period)) {
            assertThat(source.describe()).contains("looping every 8 frames");
            Mat step1 = null;
            for (int n = 0; n < 2 * period + 3; n++) {
                if (n == period + 2) {
                    source.setRig(ideal); // drops the cache; the new one is just as bounded
                }
                try (StereoFrame f = source.next()) {
                    int s = n % period <= period / 2 ? n % period : period - n % period;
                    assertThat(source.sceneSecondsAt(n)).isEqualTo(SyntheticStereoSource.sceneSeconds(s));
                    StereoRig rig = n >= period + 2 ? ideal : raw;
                    try (RenderedPair want = fresh.render(rig, FAST_DESK.at(source.sceneSecondsAt(n)))) {
                        assertIdentical(f.left(), want.left(), "left image of frame " + n);
                        assertIdentical(f.right(), want.right(), "right image of frame " + n);
                        if (n % 3 == 0) {
                            assertSameTruth(source.lastTruth(), want, n);
                        }
                    }
                    if (n == 1) {
                        step1 = f.left().clone();
                    } else if (n == period - 1) {
                        // ping-pong: frame K-1 shows step 1 again, from the cache
                        assertIdentical(f.left(), step1, "frame " + n + " against frame 1");
                    }
                    LoopCache cache = source.cache();
                    assertThat(cache.capacity()).isEqualTo(period / 2 + 1).isLessThanOrEqualTo(period);
                    assertThat(cache.size()).isLessThanOrEqualTo(cache.capacity());
                }
            }
            // the scene really moves: step 0 and step K/2 differ
            try (RenderedPair a = fresh.render(raw, FAST_DESK.at(0));
                 RenderedPair b = fresh.render(raw, FAST_DESK.at(SyntheticStereoSource.sceneSeconds(period / 2)))) {
                assertThat(Core.norm(a.left(), b.left(), Core.NORM_L1) / a.left().total()).isGreaterThan(1.0);
            }
            // every distinct step rendered once and held, never more
            LoopCache cache = source.cache();
            long until = System.nanoTime() + 60_000_000_000L;
            while (cache.size() < cache.capacity() && System.nanoTime() < until) {
                Thread.sleep(20);
            }
            assertThat(cache.size()).isEqualTo(period / 2 + 1);
            step1.release();
        }
    }

    @Test
    void theLiveDeskStartsExactlyAsThePlainDeskAndTheSyntheticSpecUsesIt() throws Exception {
        try (SyntheticStereoSource live = SyntheticStereoSource.liveDesk(64, 48);
             SyntheticStereoSource plain = SyntheticStereoSource.desk(64, 48);
             io.github.stereostation.capture.StereoSource spec = io.github.stereostation.source.StereoSources.open(
                     "synthetic:fast", io.github.stereostation.capture.CameraSettings.defaults().withSize(64, 48))) {
            assertThat(live.loopFrames()).isEqualTo(SyntheticStereoSource.LIVE_LOOP_FRAMES);
            assertThat(((SyntheticStereoSource) spec).loopFrames()).isEqualTo(SyntheticStereoSource.LIVE_LOOP_FRAMES);
            for (int n = 0; n < 3; n++) {
                try (StereoFrame a = live.next(); StereoFrame b = plain.next(); StereoFrame c = spec.next()) {
                    assertIdentical(a.left(), b.left(), "live vs plain left, frame " + n);
                    assertIdentical(a.right(), b.right(), "live vs plain right, frame " + n);
                    assertIdentical(c.left(), b.left(), "synthetic:fast vs plain left, frame " + n);
                }
            }
        }
    }

    @Test
    void plainSourceFramesAndLazyTruthEqualAFreshFullRender() throws Exception {
        StereoRig ideal = StereoRig.idealDesk(96, 72);
        RenderOptions noisy = RenderOptions.LIVE.withNoise(2, 5).withRightGain(0.9);
        SceneRenderer fresh = new SceneRenderer(noisy);
        try (SyntheticStereoSource source = new SyntheticStereoSource(ideal, noisy, FAST_DESK)) {
            for (int n = 0; n < 4; n++) {
                try (StereoFrame f = source.next();
                     RenderedPair want = fresh.render(ideal, FAST_DESK.at(SyntheticStereoSource.sceneSeconds(n)))) {
                    assertIdentical(f.left(), want.left(), "left image of frame " + n);
                    assertIdentical(f.right(), want.right(), "right image of frame " + n);
                    if (n != 1) { // frame 1's truth is never asked for, and never cast
                        RenderedPair truth = source.lastTruth();
                        assertThat(source.lastTruth()).isSameAs(truth);
                        assertSameTruth(truth, want, n);
                    }
                }
            }
        }
    }

    private static void assertSameTruth(RenderedPair got, RenderedPair want, int n) {
        assertIdentical(got.left(), want.left(), "truth's left image of frame " + n);
        assertIdentical(got.right(), want.right(), "truth's right image of frame " + n);
        assertIdentical(got.disparityLeft(), want.disparityLeft(), "left disparity of frame " + n);
        assertIdentical(got.disparityRight(), want.disparityRight(), "right disparity of frame " + n);
        assertIdentical(got.depthLeftMetres(), want.depthLeftMetres(), "depth of frame " + n);
        assertIdentical(got.nonOccluded(), want.nonOccluded(), "non-occluded mask of frame " + n);
        assertThat(got.rig()).isEqualTo(want.rig());
        float[] depth = new float[(int) want.depthLeftMetres().total()];
        want.depthLeftMetres().get(0, 0, depth);
        assertThat(countNonNaN(depth)).as("depth of frame " + n + " has values").isGreaterThan(depth.length / 2);
        if (want.rig().isRectifiedIdeal()) {
            float[] d = new float[depth.length];
            want.disparityLeft().get(0, 0, d);
            assertThat(countNonNaN(d)).as("disparity of frame " + n + " has values").isGreaterThan(d.length / 2);
        }
    }

    /** Bit-identical contents (NaN where NaN). */
    private static void assertIdentical(Mat got, Mat want, String what) {
        assertThat(got.size()).as(what).isEqualTo(want.size());
        assertThat(got.type()).as(what).isEqualTo(want.type());
        if (want.depth() == CvType.CV_32F) {
            float[] g = new float[(int) (got.total() * got.channels())];
            float[] w = new float[g.length];
            got.get(0, 0, g);
            want.get(0, 0, w);
            assertThat(java.util.Arrays.equals(g, w)).as(what).isTrue();
        } else {
            byte[] g = new byte[(int) (got.total() * got.channels())];
            byte[] w = new byte[g.length];
            got.get(0, 0, g);
            want.get(0, 0, w);
            assertThat(g).as(what).isEqualTo(w);
        }
    }

    private static int countNonNaN(float[] v) {
        int n = 0;
        for (float f : v) {
            n += Float.isNaN(f) ? 0 : 1;
        }
        return n;
    }
}
