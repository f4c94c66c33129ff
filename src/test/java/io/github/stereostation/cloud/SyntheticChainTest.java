package io.github.stereostation.cloud;

import io.github.stereostation.OpenCvNative;
import io.github.stereostation.depth.DisparityMap;
import io.github.stereostation.depth.DisparityMatcher;
import io.github.stereostation.depth.MatcherSettings;
import io.github.stereostation.geometry.DisparityToDepth;
import io.github.stereostation.sim.RenderedPair;
import io.github.stereostation.sim.SceneRenderer;
import io.github.stereostation.sim.StereoRig;
import io.github.stereostation.sim.SyntheticScene;
import io.github.stereostation.sim.Vec3;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Mat;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole chain on rendered scenes of known geometry: synthetic rig renders a pair, the project's SGBM
 * matches it, Q reprojects it into metres; the cloud must land within 1 % of the true depth and shape.
 */
class SyntheticChainTest {
    static final int W = 320, H = 240;

    @BeforeAll
    static void load() {
        OpenCvNative.load();
    }

    static Mat q(StereoRig rig) {
        return new DisparityToDepth(rig.left().fx(), rig.baselineMm() / 1000.0, rig.right().cx() - rig.left().cx(),
                rig.left().cx(), rig.left().cy()).qMat();
    }

    static OrganizedCloud reconstruct(RenderedPair pair, int numDisparities) {
        try (DisparityMatcher m = MatcherSettings.defaultSgbm().withNumDisparities(numDisparities).createMatcher();
             DisparityMap map = m.compute(pair.left(), pair.right())) {
            Mat q = q(pair.rig());
            OrganizedCloud g = CloudRecipe.defaults().grid(map.disparity(), map.confidence(), q, pair.left());
            q.release();
            return g;
        }
    }

    static double median(double[] v, int n) {
        double[] s = Arrays.copyOf(v, n);
        Arrays.sort(s);
        return s[n / 2];
    }

    @Test
    void aPlaneAtAKnownDepthComesBackWithinOnePercent() {
        StereoRig rig = StereoRig.idealDesk(W, H);
        try (RenderedPair pair = new SceneRenderer().render(rig, SyntheticScene.frontoParallelPlane(800, 7))) {
            OrganizedCloud g = reconstruct(pair, 48);
            PointCloud c = g.toPointCloud();
            double[] rel = new double[c.size()];
            int within = 0;
            for (int i = 0; i < c.size(); i++) {
                rel[i] = Math.abs(c.positions()[3 * i + 2] - 0.8) / 0.8;
                within += rel[i] < 0.01 ? 1 : 0;
            }
            double med = median(rel, c.size());
            System.out.printf("chain plane 0.8 m: %d points (%.0f %% of pixels), median depth error %.3f %%, %.1f %% within 1 %%%n",
                    c.size(), 100.0 * c.size() / (W * H), 100 * med, 100.0 * within / c.size());
            assertThat(c.size()).isGreaterThan(W * H * 3 / 4);
            assertThat(med).isLessThan(0.01);
            assertThat(within).isGreaterThan(c.size() * 9 / 10);
        }
    }

    @Test
    void aSphereOfKnownRadiusComesBackWithinOnePercent() {
        StereoRig rig = StereoRig.idealDesk(W, H);
        double rMm = 150, czMm = 700;
        try (RenderedPair pair = new SceneRenderer().render(rig, SyntheticScene.sphere(new Vec3(0, 0, czMm), rMm, 1100, 3))) {
            OrganizedCloud g = reconstruct(pair, 64);
            float[] truth = new float[W * H];
            pair.depthLeftMetres().get(0, 0, truth);
            // sphere pixels two pixels inside its silhouette (where every 5x5 neighbour is on the sphere too)
            float[] p = g.positions();
            double[] xs = new double[W * H], ys = new double[W * H], zs = new double[W * H], rel = new double[W * H];
            int n = 0;
            for (int y = 2; y < H - 2; y++) {
                for (int x = 2; x < W - 2; x++) {
                    int i = y * W + x;
                    boolean inside = g.isValid(i);
                    for (int dy = -2; dy <= 2 && inside; dy++) {
                        for (int dx = -2; dx <= 2 && inside; dx++) {
                            inside = truth[i + dy * W + dx] < 1.0f;
                        }
                    }
                    if (inside) {
                        xs[n] = p[3 * i];
                        ys[n] = p[3 * i + 1];
                        zs[n] = p[3 * i + 2];
                        rel[n] = Math.abs(zs[n] - truth[i]) / truth[i];
                        n++;
                    }
                }
            }
            double[] sphere = fitSphere(xs, ys, zs, n);
            System.out.printf("chain sphere r=%.0f mm at z=%.0f mm: %d points, fit r=%.2f mm, centre z=%.2f mm, median depth error %.3f %%%n",
                    rMm, czMm, n, sphere[3] * 1000, sphere[2] * 1000, 100 * median(rel, n));
            assertThat(n).isGreaterThan(3000);
            assertThat(Math.abs(sphere[3] - rMm / 1000) / (rMm / 1000)).isLessThan(0.01);
            assertThat(Math.abs(sphere[2] - czMm / 1000) / (czMm / 1000)).isLessThan(0.01);
            assertThat(median(rel, n)).isLessThan(0.01);
        }
    }

    /** Least-squares sphere through points: x^2+y^2+z^2 = 2ax + 2by + 2cz + k, r^2 = k + a^2 + b^2 + c^2. */
    static double[] fitSphere(double[] x, double[] y, double[] z, int n) {
        double[][] ata = new double[4][4];
        double[] atb = new double[4];
        for (int i = 0; i < n; i++) {
            double[] row = {2 * x[i], 2 * y[i], 2 * z[i], 1};
            double rhs = x[i] * x[i] + y[i] * y[i] + z[i] * z[i];
            for (int r = 0; r < 4; r++) {
                atb[r] += row[r] * rhs;
                for (int c = 0; c < 4; c++) {
                    ata[r][c] += row[r] * row[c];
                }
            }
        }
        double[] s = solve(ata, atb);
        return new double[]{s[0], s[1], s[2], Math.sqrt(s[3] + s[0] * s[0] + s[1] * s[1] + s[2] * s[2])};
    }

    static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        for (int col = 0; col < n; col++) {
            int piv = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[piv][col])) {
                    piv = r;
                }
            }
            double[] t = a[col];
            a[col] = a[piv];
            a[piv] = t;
            double tb = b[col];
            b[col] = b[piv];
            b[piv] = tb;
            for (int r = col + 1; r < n; r++) {
                double f = a[r][col] / a[col][col];
                for (int c = col; c < n; c++) {
                    a[r][c] -= f * a[col][c];
                }
                b[r] -= f * b[col];
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = b[r];
            for (int c = r + 1; c < n; c++) {
                s -= a[r][c] * x[c];
            }
            x[r] = s / a[r][r];
        }
        return x;
    }
}
