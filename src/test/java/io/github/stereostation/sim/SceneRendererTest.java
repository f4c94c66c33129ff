package io.github.stereostation.sim;

import io.github.stereostation.OpenCvNative;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SceneRendererTest {
    static final int W = 320, H = 240;

    @BeforeAll
    static void load() {
        OpenCvNative.load();
    }

    static float[] floats(Mat m) {
        float[] a = new float[(int) m.total()];
        m.get(0, 0, a);
        return a;
    }

    static byte[] bytes(Mat m) {
        byte[] a = new byte[(int) (m.total() * m.channels())];
        m.get(0, 0, a);
        return a;
    }

    /** Bilinear sample of channel c of a BGR image at (x, y); NaN outside. */
    static double sample(byte[] img, int w, int h, double x, double y, int c) {
        if (x < 0 || y < 0 || x > w - 1 || y > h - 1) {
            return Double.NaN;
        }
        int x0 = Math.min((int) x, w - 2), y0 = Math.min((int) y, h - 2);
        double fx = x - x0, fy = y - y0;
        double a = img[(y0 * w + x0) * 3 + c] & 255, b = img[(y0 * w + x0 + 1) * 3 + c] & 255;
        double d = img[((y0 + 1) * w + x0) * 3 + c] & 255, e = img[((y0 + 1) * w + x0 + 1) * 3 + c] & 255;
        return (a * (1 - fx) + b * fx) * (1 - fy) + (d * (1 - fx) + e * fx) * fy;
    }

    /** Pixels within 2 px of a depth discontinuity (ground-truth depth jumping by more than 2 %). */
    static boolean[] nearDepthEdge(float[] depth, int w, int h) {
        boolean[] edge = new boolean[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float z = depth[y * w + x];
                boolean jump = Float.isNaN(z);
                if (x + 1 < w) {
                    jump |= Math.abs(depth[y * w + x + 1] - z) > 0.02 * z;
                }
                if (y + 1 < h) {
                    jump |= Math.abs(depth[(y + 1) * w + x] - z) > 0.02 * z;
                }
                if (jump) {
                    for (int dy = -2; dy <= 3; dy++) {
                        for (int dx = -2; dx <= 3; dx++) {
                            int xx = x + dx, yy = y + dy;
                            if (xx >= 0 && yy >= 0 && xx < w && yy < h) {
                                edge[yy * w + xx] = true;
                            }
                        }
                    }
                }
            }
        }
        return edge;
    }

    @Test
    void rightImageWarpedByGroundTruthDisparityReproducesTheLeftImage() {
        StereoRig rig = StereoRig.idealDesk(W, H);
        try (RenderedPair p = new SceneRenderer().render(rig, SyntheticScene.desk(7))) {
            float[] disp = floats(p.disparityLeft());
            float[] depth = floats(p.depthLeftMetres());
            byte[] mask = bytes(p.nonOccluded());
            byte[] left = bytes(p.left()), right = bytes(p.right());
            boolean[] edge = nearDepthEdge(depth, W, H);
            double sum = 0;
            long n = 0, occluded = 0;
            for (int y = 0; y < H; y++) {
                for (int x = 0; x < W; x++) {
                    int i = y * W + x;
                    assertThat(disp[i]).isCloseTo((float) (rig.left().fx() * rig.baselineMm() / (depth[i] * 1000)),
                            within(1e-3f));
                    if (mask[i] == 0) {
                        occluded++;
                        continue;
                    }
                    if (edge[i]) {
                        continue;
                    }
                    for (int c = 0; c < 3; c++) {
                        double r = sample(right, W, H, x - disp[i], y, c);
                        if (!Double.isNaN(r)) {
                            sum += Math.abs(r - (left[i * 3 + c] & 255));
                            n++;
                        }
                    }
                }
            }
            double mad = sum / n;
            System.out.printf("warp: mean abs diff %.3f grey levels over %d samples; %d occluded/out-of-view%n",
                    mad, n, occluded);
            assertThat(n).isGreaterThan(W * H * 3 / 2);
            assertThat(mad).isLessThan(3.0);
            // occlusions exist (left border band, beside the boxes) but are a minority
            assertThat(occluded).isBetween((long) (W * H * 0.02), (long) (W * H * 0.2));
            // desk disparity range at 320 px: about 6.7 (wall) to 25 (nearest box / table front)
            org.opencv.core.Core.MinMaxLocResult mm = org.opencv.core.Core.minMaxLoc(p.disparityLeft());
            assertThat(mm.minVal).isCloseTo(280 * rig.baselineMm() / 2500, within(0.01));
            assertThat(mm.maxVal).isBetween(20.0, 32.0);
        }
    }

    @Test
    void openCvSemiGlobalMatchingRecoversTheGroundTruthOnTheTexturedDesk() {
        // the textures are there for matchers: plain StereoSGBM must get most visible pixels right
        StereoRig rig = StereoRig.idealDesk(W, H);
        try (RenderedPair p = new SceneRenderer().render(rig, SyntheticScene.desk(3))) {
            org.opencv.calib3d.StereoSGBM sgbm = org.opencv.calib3d.StereoSGBM.create(0, 32, 5);
            sgbm.setP1(8 * 3 * 25);
            sgbm.setP2(32 * 3 * 25);
            sgbm.setUniquenessRatio(5);
            Mat fixed = new Mat();
            sgbm.compute(p.left(), p.right(), fixed);
            short[] d16 = new short[(int) fixed.total()];
            fixed.get(0, 0, d16);
            float[] gt = floats(p.disparityLeft());
            byte[] mask = bytes(p.nonOccluded());
            int visible = 0, bad = 0, matched = 0;
            double absErr = 0;
            for (int i = 0; i < gt.length; i++) {
                int x = i % W;
                if (mask[i] == 0 || x < 32) {
                    continue; // occluded, or in the band SGBM leaves blank for its disparity range
                }
                visible++;
                if (d16[i] < 0) {
                    bad++;
                    continue;
                }
                matched++;
                double err = Math.abs(d16[i] / 16.0 - gt[i]);
                absErr += err;
                if (err > 1.0) {
                    bad++;
                }
            }
            double badRate = bad / (double) visible;
            System.out.printf("SGBM on the desk: bad-1.0 %.2f %% of %d visible pixels, mean abs error %.3f px%n",
                    100 * badRate, visible, absErr / matched);
            assertThat(badRate).isLessThan(0.10);
            assertThat(absErr / matched).isLessThan(0.5);
            fixed.release();
        }
    }

    @Test
    void rawDistortedRigImagesAgreeThroughTheTrueGeometry() {
        // on the raw desk rig, every visible left pixel's 3D point projects through the right camera's
        // rotation and distortion onto the same colour; a quarter-pixel error in the geometry anywhere would
        // show as a worse agreement than at a shifted position
        StereoRig rig = StereoRig.desk(W, H);
        try (RenderedPair p = new SceneRenderer().render(rig, SyntheticScene.desk(7))) {
            assertThat(Float.isNaN(floats(p.disparityLeft())[W * H / 2])).isTrue();
            double[][] shifts = {{0, 0}, {0.25, 0}, {-0.25, 0}, {0, 0.25}, {0, -0.25}};
            double[] mad = new double[shifts.length];
            for (int s = 0; s < shifts.length; s++) {
                mad[s] = rawReprojectionError(p, rig, shifts[s][0], shifts[s][1]);
            }
            System.out.printf("raw reprojection: mean abs diff %.3f grey levels; shifted by 1/4 px: %.3f %.3f %.3f %.3f%n",
                    mad[0], mad[1], mad[2], mad[3], mad[4]);
            assertThat(mad[0]).isLessThan(4.0);
            for (int s = 1; s < shifts.length; s++) {
                assertThat(mad[s]).isGreaterThan(mad[0] + 0.2);
            }
        }
    }

    private static double rawReprojectionError(RenderedPair p, StereoRig rig, double du, double dv) {
        float[] depth = floats(p.depthLeftMetres());
        byte[] mask = bytes(p.nonOccluded());
        byte[] left = bytes(p.left()), right = bytes(p.right());
        boolean[] edge = nearDepthEdge(depth, W, H);
        double[] r = rig.rotationMatrix();
        double[] t = rig.translationMm();
        double sum = 0;
        long n = 0;
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int i = y * W + x;
                if (mask[i] == 0 || edge[i]) {
                    continue;
                }
                double[] ray = rig.left().ray(x, y);
                double z = depth[i] * 1000.0;
                double px = ray[0] * z, py = ray[1] * z;
                double[] uv = rig.right().project(r[0] * px + r[1] * py + r[2] * z + t[0],
                        r[3] * px + r[4] * py + r[5] * z + t[1], r[6] * px + r[7] * py + r[8] * z + t[2]);
                for (int c = 0; c < 3; c++) {
                    double v = sample(right, W, H, uv[0] + du, uv[1] + dv, c);
                    if (!Double.isNaN(v)) {
                        sum += Math.abs(v - (left[i * 3 + c] & 255));
                        n++;
                    }
                }
            }
        }
        assertThat(n).isGreaterThan(W * H * 3 / 2);
        return sum / n;
    }

    @Test
    void frontoParallelPlaneHasExactlyItsDepthAndDisparity() {
        StereoRig rig = StereoRig.ideal(W, H, 300, 75);
        try (RenderedPair p = new SceneRenderer(RenderOptions.DEFAULT.withSupersampling(1))
                .render(rig, SyntheticScene.frontoParallelPlane(1234.5, 3))) {
            float expectedDisp = (float) (300 * 75 / 1234.5);
            for (float z : floats(p.depthLeftMetres())) {
                assertThat(z).isEqualTo(1.2345f);
            }
            for (float d : floats(p.disparityLeft())) {
                assertThat(d).isEqualTo(expectedDisp);
            }
            for (float d : floats(p.disparityRight())) {
                assertThat(d).isEqualTo(expectedDisp);
            }
            // the left border band whose match falls off the right image is the only occlusion
            byte[] mask = bytes(p.nonOccluded());
            int w = W;
            int firstVisible = -1;
            for (int x = 0; x < w && firstVisible < 0; x++) {
                if (mask[100 * w + x] != 0) {
                    firstVisible = x;
                }
            }
            assertThat(firstVisible).isEqualTo((int) Math.ceil(expectedDisp - 0.5));
        }
    }

    @Test
    void slantedPlaneDepthFollowsThePlaneEquationAtEveryPixel() {
        StereoRig rig = StereoRig.idealDesk(W, H);
        double c = 1500, yaw = 25, pitch = -10;
        try (RenderedPair p = new SceneRenderer(RenderOptions.DEFAULT.withSupersampling(1))
                .render(rig, SyntheticScene.slantedPlane(c, yaw, pitch, 4))) {
            float[] depth = floats(p.depthLeftMetres());
            PinholeCamera cam = rig.left();
            double ty = Math.tan(Math.toRadians(yaw)), tp = Math.tan(Math.toRadians(pitch));
            double worst = 0;
            for (int y = 0; y < H; y++) {
                for (int x = 0; x < W; x++) {
                    // z = c + x·tan(yaw) + y·tan(pitch) with x = xn·z, y = yn·z
                    double xn = (x - cam.cx()) / cam.fx(), yn = (y - cam.cy()) / cam.fy();
                    double z = c / (1 - xn * ty - yn * tp) / 1000;
                    worst = Math.max(worst, Math.abs(depth[y * W + x] - z) / z);
                }
            }
            assertThat(worst).isLessThan(1e-6); // float storage
            // the right side is farther away (positive yaw), the bottom nearer (negative pitch)
            assertThat(depth[H / 2 * W + W - 1]).isGreaterThan(depth[H / 2 * W]);
            assertThat(depth[(H - 1) * W + W / 2]).isLessThan(depth[W / 2]);
        }
    }

    @Test
    void sphereRadiusAndCentreComeBackFromGroundTruthDepth() {
        StereoRig rig = StereoRig.idealDesk(W, H);
        Vec3 centre = new Vec3(40, -25, 900);
        double radius = 180;
        try (RenderedPair p = new SceneRenderer(RenderOptions.DEFAULT.withSupersampling(1))
                .render(rig, SyntheticScene.sphere(centre.toArray(), radius, 1600, 5))) {
            float[] depth = floats(p.depthLeftMetres());
            PinholeCamera cam = rig.left();
            // linear least squares: x²+y²+z² = 2ax + 2by + 2cz + e, radius² = e + a²+b²+c²
            double[][] ata = new double[4][4];
            double[] atb = new double[4];
            int n = 0;
            for (int y = 0; y < H; y++) {
                for (int x = 0; x < W; x++) {
                    double z = depth[y * W + x] * 1000.0;
                    if (!(z < 1500)) {
                        continue;
                    }
                    double px = (x - cam.cx()) / cam.fx() * z, py = (y - cam.cy()) / cam.fy() * z;
                    double[] row = {2 * px, 2 * py, 2 * z, 1};
                    double rhs = px * px + py * py + z * z;
                    for (int a = 0; a < 4; a++) {
                        atb[a] += row[a] * rhs;
                        for (int b = 0; b < 4; b++) {
                            ata[a][b] += row[a] * row[b];
                        }
                    }
                    n++;
                }
            }
            double[] sol = solve(ata, atb);
            double fitted = Math.sqrt(sol[3] + sol[0] * sol[0] + sol[1] * sol[1] + sol[2] * sol[2]);
            System.out.printf("sphere: %d pixels, radius %.4f mm (true %.1f), centre (%.3f, %.3f, %.3f)%n",
                    n, fitted, radius, sol[0], sol[1], sol[2]);
            assertThat(n).isGreaterThan(3000);
            // depth is stored as float metres: ~0.1 µm rounding, so the fit is far better than 0.05 mm
            assertThat(fitted).isCloseTo(radius, within(0.05));
            assertThat(sol[0]).isCloseTo(centre.x(), within(0.05));
            assertThat(sol[1]).isCloseTo(centre.y(), within(0.05));
            assertThat(sol[2]).isCloseTo(centre.z(), within(0.05));
        }
    }

    static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        double[][] m = new double[n][n + 1];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], 0, m[i], 0, n);
            m[i][n] = b[i];
        }
        for (int c = 0; c < n; c++) {
            int piv = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(m[r][c]) > Math.abs(m[piv][c])) {
                    piv = r;
                }
            }
            double[] tmp = m[c];
            m[c] = m[piv];
            m[piv] = tmp;
            for (int r = 0; r < n; r++) {
                if (r != c) {
                    double f = m[r][c] / m[c][c];
                    for (int k = c; k <= n; k++) {
                        m[r][k] -= f * m[c][k];
                    }
                }
            }
        }
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = m[i][n] / m[i][i];
        }
        return x;
    }

    @Test
    void stepSceneHasACleanEdgeAndTheExpectedOcclusionBand() {
        double f = 280, b = 60, zNear = 800, zFar = 1600;
        StereoRig rig = StereoRig.ideal(W, H, f, b);
        try (RenderedPair p = new SceneRenderer(RenderOptions.DEFAULT.withSupersampling(2))
                .render(rig, SyntheticScene.step(zNear, zFar, false, 11))) {
            float[] disp = floats(p.disparityLeft());
            byte[] mask = bytes(p.nonOccluded());
            int y = H / 2;
            int edge = (int) Math.ceil(rig.left().cx()); // first column whose centre ray is at x >= 0
            assertThat(disp[y * W + edge]).isEqualTo((float) (f * b / zNear));
            assertThat(disp[y * W + edge - 1]).isEqualTo((float) (f * b / zFar));
            int band = 0;
            for (int x = edge - 40; x < edge; x++) {
                if (mask[y * W + x] == 0) {
                    band++;
                }
            }
            double expected = f * b * (1 / zNear - 1 / zFar);
            System.out.printf("step: occluded band %d px, expected %.2f px%n", band, expected);
            assertThat((double) band).isCloseTo(expected, within(1.0));
            // the mirror scene (near half on the left) has no band in the left view
            try (RenderedPair q = new SceneRenderer(RenderOptions.DEFAULT.withSupersampling(1))
                    .render(rig, SyntheticScene.step(zNear, zFar, 11))) {
                byte[] m2 = bytes(q.nonOccluded());
                for (int x = W / 2 - 20; x < W / 2 + 20; x++) {
                    assertThat(m2[y * W + x]).isEqualTo((byte) 255);
                }
            }
        }
    }

    @Test
    void noiseAndGainChangeTheImagesButNotTheTruth() {
        StereoRig rig = StereoRig.ideal(160, 120, 140, 60);
        SyntheticScene scene = SyntheticScene.frontoParallelPlane(1000, 2);
        try (RenderedPair clean = new SceneRenderer(RenderOptions.DEFAULT.withSupersampling(1)).render(rig, scene);
             RenderedPair noisy = new SceneRenderer(RenderOptions.DEFAULT.withSupersampling(1)
                     .withNoise(4, 9).withRightGain(0.8)).render(rig, scene)) {
            byte[] a = bytes(clean.left()), b = bytes(noisy.left());
            double sumSq = 0;
            for (int i = 0; i < a.length; i++) {
                double d = (b[i] & 255) - (a[i] & 255);
                sumSq += d * d;
            }
            double sigma = Math.sqrt(sumSq / a.length);
            assertThat(sigma).isBetween(3.5, 4.5);
            double meanClean = org.opencv.core.Core.mean(clean.right()).val[1];
            double meanNoisy = org.opencv.core.Core.mean(noisy.right()).val[1];
            assertThat(meanNoisy / meanClean).isCloseTo(0.8, within(0.03));
            assertThat(floats(noisy.disparityLeft())).containsExactly(floats(clean.disparityLeft()));
        }
    }

    @Test
    void closeReleasesEveryMat() {
        RenderedPair p = new SceneRenderer(RenderOptions.DEFAULT.withSupersampling(1))
                .render(StereoRig.ideal(64, 48, 60, 60), SyntheticScene.frontoParallelPlane(500, 1));
        assertThat(p.left().type()).isEqualTo(CvType.CV_8UC3);
        assertThat(p.disparityLeft().type()).isEqualTo(CvType.CV_32F);
        assertThat(p.nonOccluded().type()).isEqualTo(CvType.CV_8U);
        p.close();
        for (Mat m : new Mat[] {p.left(), p.right(), p.disparityLeft(), p.depthLeftMetres(), p.nonOccluded(),
                p.disparityRight()}) {
            assertThat(m.empty()).isTrue();
        }
    }
}
