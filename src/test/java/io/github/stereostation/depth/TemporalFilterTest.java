package io.github.stereostation.depth;

import io.github.stereostation.OpenCvNative;
import io.github.stereostation.sim.Box;
import io.github.stereostation.sim.ProceduralTexture;
import io.github.stereostation.sim.RenderOptions;
import io.github.stereostation.sim.RenderedPair;
import io.github.stereostation.sim.SceneRenderer;
import io.github.stereostation.sim.StereoRig;
import io.github.stereostation.sim.SyntheticScene;
import io.github.stereostation.sim.Vec3;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The temporal filter on the live presets' disparity of the synthetic rig (320x240): on the still desk with
 * fresh sensor noise every frame, the per-pixel spread over 60 frames drops by at least 2x (disparity; depth
 * spreads by the same factor, Z = f·B/d); a box sliding
 * sideways across a wall keeps its edge where the unfiltered map has it, at most one frame behind.
 */
class TemporalFilterTest {
    static final int W = 320, H = 240;
    static final StereoRig RIG = StereoRig.idealDesk(W, H);

    @BeforeAll
    static void load() {
        OpenCvNative.load();
    }

    @Test
    void stillSurfacesFlickerAtLeastTwiceLess() {
        int frames = 60, warmUp = 10;
        float[][] raw = new float[frames][], steady = new float[frames][];
        try (RenderedPair clean = new SceneRenderer(RenderOptions.DEFAULT.withSupersampling(2)).render(RIG,
                SyntheticScene.desk(2));
             DisparityMatcher matcher = Preset.load("fast").createMatcher();
             TemporalFilter filter = new TemporalFilter(0.2, 1.0)) {
            Mat left = new Mat(), right = new Mat(), noise = new Mat(H, W, CvType.CV_16SC3);
            Core.setRNGSeed(5);
            for (int f = 0; f < frames; f++) {
                addNoise(clean.left(), noise, left);
                addNoise(clean.right(), noise, right);
                try (DisparityMap map = matcher.compute(left, right)) {
                    Mat s = filter.apply(map.disparity());
                    raw[f] = values(map.disparity());
                    steady[f] = values(s);
                    s.release();
                }
            }
            left.release();
            right.release();
            noise.release();
        }
        double rawSpread = medianStd(raw, warmUp), steadySpread = medianStd(steady, warmUp);
        System.out.printf("still desk: median per-pixel disparity std over %d frames %.3f px raw, %.3f px filtered "
                + "(%.1fx)%n", frames - warmUp, rawSpread, steadySpread, rawSpread / steadySpread);
        assertThat(rawSpread).isGreaterThan(0.02); // the noise is there to remove
        assertThat(rawSpread / steadySpread).isGreaterThanOrEqualTo(2.0);
    }

    @Test
    void aMovingEdgeLagsAtMostOneFrame() {
        // a box 0.9 m away sliding right by 8 mm a frame (2.5 px at f = 280 px) in front of a wall at 2 m
        SceneRenderer renderer = new SceneRenderer(new RenderOptions(2, 1.0, 1, 9));
        ProceduralTexture boxTexture = ProceduralTexture.random(new Random(4), 8);
        int frames = 8;
        double speedPx = RIG.left().fx() * 8 / 900;
        try (DisparityMatcher matcher = Preset.load("balanced").createMatcher();
             TemporalFilter filter = new TemporalFilter(0.2, 1.0)) {
            for (int f = 0; f < frames; f++) {
                SyntheticScene scene = SyntheticScene.frontoParallelPlane(2000, 8).with(
                        new Box(new Vec3(-120 + 8 * f, 0, 900), new Vec3(200, 200, 100), 0, boxTexture));
                try (RenderedPair p = renderer.render(RIG, scene);
                     DisparityMap map = matcher.compute(p.left(), p.right())) {
                    Mat s = filter.apply(map.disparity());
                    double edgeRaw = rightEdge(values(map.disparity()));
                    double edgeSteady = rightEdge(values(s));
                    double edgeTrue = rightEdge(values(p.disparityLeft()));
                    s.release();
                    System.out.printf("frame %d: box's right edge at x = %.1f (truth), %.1f (raw), %.1f (filtered)%n",
                            f, edgeTrue, edgeRaw, edgeSteady);
                    if (f > 0) {
                        assertThat(Math.abs(edgeSteady - edgeRaw)).as("frame %d", f).isLessThanOrEqualTo(speedPx);
                    }
                }
            }
        }
    }

    /** Median over rows through the box of the column where disparity falls below the middle of box and wall. */
    static double rightEdge(float[] d) {
        double boxD = RIG.left().fx() * 60 / 950.0, wallD = RIG.left().fx() * 60 / 2000.0;
        double mid = (boxD + wallD) / 2;
        double[] edges = new double[40];
        int n = 0;
        for (int v = H / 2 - 20; v < H / 2 + 20; v++) {
            for (int u = W - 2; u > 0; u--) {
                float a = d[v * W + u], b = d[v * W + u + 1];
                if (Float.isFinite(a) && Float.isFinite(b) && a >= mid && b < mid) {
                    edges[n++] = u + (a - mid) / (a - b);
                    break;
                }
            }
        }
        double[] e = Arrays.copyOf(edges, n);
        Arrays.sort(e);
        return n == 0 ? Double.NaN : e[n / 2];
    }

    static void addNoise(Mat clean, Mat noise, Mat out) {
        Core.randn(noise, 0, 5);
        clean.convertTo(out, CvType.CV_16SC3);
        Core.add(out, noise, out);
        out.convertTo(out, CvType.CV_8UC3);
    }

    static float[] values(Mat m) {
        float[] v = new float[W * H];
        m.get(0, 0, v);
        return v;
    }

    /** Median over pixels (finite in every frame after the warm-up) of the per-pixel standard deviation. */
    static double medianStd(float[][] frames, int from) {
        double[] std = new double[W * H];
        int n = 0;
        for (int i = 0; i < W * H; i++) {
            double s = 0, q = 0;
            int k = 0;
            boolean ok = true;
            for (int f = from; f < frames.length && ok; f++) {
                float v = frames[f][i];
                ok = Float.isFinite(v);
                s += v;
                q += v * v;
                k++;
            }
            if (ok) {
                std[n++] = Math.sqrt(Math.max(0, q / k - (s / k) * (s / k)));
            }
        }
        double[] x = Arrays.copyOf(std, n);
        Arrays.sort(x);
        return x[n / 2];
    }
}
