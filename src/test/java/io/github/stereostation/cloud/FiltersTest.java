package io.github.stereostation.cloud;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class FiltersTest {

    /** A 100x100 grid on the plane z = 2 m with 1 cm spacing, plus {@code outliers} points scattered far from it. */
    static PointCloud planeWithOutliers(int outliers, long seed) {
        int n = 100 * 100;
        float[] p = new float[3 * (n + outliers)];
        byte[] c = new byte[p.length];
        for (int i = 0; i < n; i++) {
            p[3 * i] = (i % 100) * 0.01f;
            p[3 * i + 1] = (i / 100) * 0.01f;
            p[3 * i + 2] = 2f;
            c[3 * i] = 10;
        }
        Random r = new Random(seed);
        for (int j = 0; j < outliers; j++) {
            int i = n + j;
            p[3 * i] = r.nextFloat() * 1f;
            p[3 * i + 1] = r.nextFloat() * 1f;
            p[3 * i + 2] = 2.2f + r.nextFloat() * 2f; // at least 20 cm off the plane
            c[3 * i] = (byte) 200;
        }
        return new PointCloud(p, c);
    }

    static int countColour(PointCloud pc, int red) {
        int k = 0;
        for (int i = 0; i < pc.size(); i++) {
            if ((pc.colors()[3 * i] & 0xFF) == red) {
                k++;
            }
        }
        return k;
    }

    @Test
    void kdTreeNearestMatchesBruteForce() {
        Random r = new Random(3);
        float[] p = new float[3 * 2000];
        for (int i = 0; i < p.length; i++) {
            p[i] = r.nextFloat();
        }
        p[30] = p[33]; // duplicates on purpose
        p[31] = p[34];
        p[32] = p[35];
        KdTree tree = new KdTree(p);
        float[] got = new float[6];
        for (int q = 0; q < 2000; q += 37) {
            float[] all = new float[1999];
            int k = 0;
            for (int j = 0; j < 2000; j++) {
                if (j != q) {
                    float dx = p[3 * j] - p[3 * q], dy = p[3 * j + 1] - p[3 * q + 1], dz = p[3 * j + 2] - p[3 * q + 2];
                    all[k++] = dx * dx + dy * dy + dz * dz;
                }
            }
            Arrays.sort(all);
            assertThat(tree.nearest(q, 6, got)).isEqualTo(6);
            assertThat(got).containsExactly(Arrays.copyOf(all, 6));
            int inside = 0;
            for (float d2 : all) {
                if (d2 <= 0.1f * 0.1f) {
                    inside++;
                }
            }
            assertThat(tree.countWithin(q, 0.1f, Integer.MAX_VALUE)).isEqualTo(inside);
        }
    }

    @Test
    void statisticalOutlierRemovalDropsTheScatteredPointsAndKeepsThePlane() {
        PointCloud in = planeWithOutliers(60, 1);
        PointCloud out = new StatisticalOutlierFilter(8, 1.0).apply(in);
        assertThat(countColour(out, 200)).isZero();
        assertThat(countColour(out, 10)).isEqualTo(100 * 100);
    }

    @Test
    void radiusOutlierRemovalKeepsPointsWithEnoughNeighbours() {
        PointCloud in = planeWithOutliers(60, 2);
        // plane points have 4..8 neighbours within 1.5 cm; scattered ones in a 1 x 1 x 2 m box almost never do
        PointCloud out = new RadiusOutlierFilter(0.015, 3).apply(in);
        assertThat(countColour(out, 200)).isZero();
        assertThat(countColour(out, 10)).isEqualTo(100 * 100);
    }

    @Test
    void voxelDownsamplingAveragesEachCube() {
        PointCloud in = planeWithOutliers(0, 0);
        // 1.99 cm voxels over a 1 cm grid starting at 0: each voxel holds one 2x2 block -> 50 x 50 points
        // (not exactly 2 cm: points would then sit on voxel borders, where float rounding picks the side)
        PointCloud out = new VoxelDownsampler(0.0199).apply(in);
        assertThat(out.size()).isEqualTo(50 * 50);
        float[] p = out.positions();
        for (int i = 0; i < out.size(); i++) {
            // centroid of {2k, 2k+1} cm = (2k + 0.5) cm
            double fx = p[3 * i] / 0.01 - 0.5;
            assertThat(fx / 2 - Math.rint(fx / 2)).isCloseTo(0, within(1e-3));
            assertThat(p[3 * i + 2]).isEqualTo(2f);
            assertThat(out.colors()[3 * i]).isEqualTo((byte) 10);
        }
    }

    @Test
    void depthSmoothingReducesNoiseButKeepsAStep() {
        int w = 80, h = 60;
        Random r = new Random(5);
        float[] p = new float[3 * w * h];
        float[] truth = new float[w * h];
        double fx = 100, cx = 40, cy = 30;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                truth[i] = x < 40 ? 1.0f : 2.0f; // a 1 m step at column 40
                float z = truth[i] + (float) (r.nextGaussian() * 0.005);
                p[3 * i] = (float) ((x - cx) * z / fx);
                p[3 * i + 1] = (float) ((y - cy) * z / fx);
                p[3 * i + 2] = z;
            }
        }
        OrganizedCloud grid = new OrganizedCloud(w, h, p, null);
        OrganizedCloud smooth = new DepthSmoother(2, 0.05).apply(grid);
        double before = 0, after = 0, worstEdge = 0;
        for (int i = 0; i < w * h; i++) {
            before += Math.pow(p[3 * i + 2] - truth[i], 2);
            double e = smooth.positions()[3 * i + 2] - truth[i];
            after += e * e;
            worstEdge = Math.max(worstEdge, Math.abs(e));
            // the point stays on its pixel's viewing ray
            int x = i % w;
            assertThat((double) smooth.positions()[3 * i]).isCloseTo((x - cx) * smooth.positions()[3 * i + 2] / fx, within(1e-5));
        }
        double rmsBefore = Math.sqrt(before / (w * h)), rmsAfter = Math.sqrt(after / (w * h));
        System.out.printf("depth smoothing: rms %.5f -> %.5f m, worst error %.4f m%n", rmsBefore, rmsAfter, worstEdge);
        assertThat(rmsAfter).isLessThan(rmsBefore / 3);
        assertThat(worstEdge).isLessThan(0.02); // no pixel pulled towards the other side of the 1 m step
    }
}
