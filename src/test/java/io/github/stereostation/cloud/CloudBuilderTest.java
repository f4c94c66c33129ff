package io.github.stereostation.cloud;

import io.github.stereostation.OpenCvNative;
import io.github.stereostation.geometry.CameraIntrinsics;
import io.github.stereostation.geometry.DisparityToDepth;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.calib3d.Calib3d;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class CloudBuilderTest {
    static final int W = 320, H = 240;
    static final double F = 400, CX = 159.5, CY = 119.5, B_MM = 60;

    @BeforeAll
    static void load() {
        OpenCvNative.load();
    }

    /** Disparity of a fronto-parallel plane at zMetres: d = f B / Z (B in mm, Z in mm). */
    static Mat planeDisparity(double zMetres) {
        Mat d = new Mat(H, W, CvType.CV_32F, new Scalar(F * B_MM / (zMetres * 1000)));
        return d;
    }

    static Mat gradientImage() {
        Mat img = new Mat(H, W, CvType.CV_8UC3);
        byte[] px = new byte[W * H * 3];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int i = 3 * (y * W + x);
                px[i] = (byte) x;            // B
                px[i + 1] = (byte) y;        // G
                px[i + 2] = (byte) (x ^ y);  // R
            }
        }
        img.put(0, 0, px);
        return img;
    }

    @Test
    void planeFromDisparityLandsAtItsDepthWithPinholeXYAndLeftImageColours() {
        Mat q = new DisparityToDepth(F, B_MM / 1000.0, 0, CX, CY).qMat();
        OrganizedCloud grid = CloudBuilder.fromDisparity(planeDisparity(1.5), q, gradientImage(), DepthRange.ANY);
        assertThat(grid.validCount()).isEqualTo(W * H);
        float[] p = grid.positions();
        byte[] c = grid.colors();
        for (int y = 0; y < H; y += 7) {
            for (int x = 0; x < W; x += 5) {
                int i = y * W + x;
                assertThat(p[3 * i + 2]).isCloseTo(1.5f, within(1e-5f));
                assertThat(p[3 * i]).isCloseTo((float) ((x - CX) * 1.5 / F), within(1e-5f));
                assertThat(p[3 * i + 1]).isCloseTo((float) ((y - CY) * 1.5 / F), within(1e-5f));
                assertThat(c[3 * i] & 0xFF).isEqualTo((x ^ y) & 0xFF);     // R from BGR's third channel
                assertThat(c[3 * i + 1] & 0xFF).isEqualTo(y & 0xFF);
                assertThat(c[3 * i + 2] & 0xFF).isEqualTo(x & 0xFF);
            }
        }
    }

    @Test
    void agreesWithOpenCvReprojectImageTo3dIncludingPrincipalPointOffset() {
        // a slanted disparity ramp and a Q with a doffs term, in mm; OpenCV's result divided by 1000 must match
        Mat disp = new Mat(H, W, CvType.CV_32F);
        float[] d = new float[W * H];
        for (int i = 0; i < d.length; i++) {
            d[i] = 20f + (i % W) * 0.05f + (i / W) * 0.02f;
        }
        disp.put(0, 0, d);
        Mat q = new DisparityToDepth(F, B_MM / 1000.0, 12.5, CX, CY).qMat();
        Mat xyz = new Mat();
        Calib3d.reprojectImageTo3D(disp, xyz, q, false, CvType.CV_32F);
        float[] ref = new float[W * H * 3];
        xyz.get(0, 0, ref);
        float[] ours = CloudBuilder.fromDisparity(disp, q, null, DepthRange.ANY).positions();
        for (int k = 0; k < ref.length; k++) {
            assertThat(ours[k]).isCloseTo(ref[k] / 1000f, within(Math.abs(ref[k] / 1000f) * 1e-5f + 1e-7f));
        }
    }

    @Test
    void nanAndOutOfRangeDisparitiesGiveNoPoint() {
        Mat disp = planeDisparity(2.0);
        disp.put(10, 10, Float.NaN);
        disp.put(11, 10, Float.POSITIVE_INFINITY);
        disp.put(12, 10, 0f);                          // zero disparity: a point at infinity
        disp.put(13, 10, (float) (F * B_MM / 500.0));  // 0.5 m: nearer than the range
        Mat q = new DisparityToDepth(F, B_MM / 1000.0, 0, CX, CY).qMat();
        OrganizedCloud grid = CloudBuilder.fromDisparity(disp, q, null, new DepthRange(1.0, 3.0));
        assertThat(grid.validCount()).isEqualTo(W * H - 4);
        for (int y = 10; y <= 13; y++) {
            assertThat(grid.isValid(y * W + 10)).isFalse();
        }
        assertThat(grid.toPointCloud().size()).isEqualTo(W * H - 4);
        assertThat(grid.toPointCloud().firstNonFinite()).isEqualTo(-1);
    }

    @Test
    void fixedPointDisparityIsScaledBy16AndRefusedRaw() {
        Mat raw = new Mat(H, W, CvType.CV_16S, new Scalar(16 * 24 + 8)); // 24.5 px
        raw.put(0, 0, new short[]{-16});                                   // StereoBM's "none" for minDisparity 0
        Mat q = new DisparityToDepth(F, B_MM / 1000.0, 0, CX, CY).qMat();
        assertThatThrownBy(() -> CloudBuilder.fromDisparity(raw, q, null, DepthRange.ANY))
                .hasMessageContaining("x16");
        Mat d = CloudBuilder.fromFixedPoint(raw, 0);
        float[] v = new float[2];
        d.get(0, 0, v);
        assertThat(v[0]).isNaN();
        assertThat(v[1]).isEqualTo(24.5f);
        OrganizedCloud grid = CloudBuilder.fromDisparity(d, q, null, DepthRange.ANY);
        assertThat(grid.positions()[3 * 1 + 2]).isCloseTo((float) (F * B_MM / 24.5 / 1000), within(1e-6f));
    }

    @Test
    void metricDepthAndAlignedInverseDepthBackProjectThroughIntrinsics() {
        CameraIntrinsics k = new CameraIntrinsics(W, H, F, F * 1.01, CX, CY, new double[0]);
        Mat depth = new Mat(H, W, CvType.CV_32F, new Scalar(0.8));
        depth.put(5, 7, 0f);
        OrganizedCloud g = CloudBuilder.fromDepth(depth, k, null, DepthRange.ANY);
        assertThat(g.validCount()).isEqualTo(W * H - 1);
        int i = 100 * W + 300;
        assertThat(g.positions()[3 * i]).isCloseTo((float) ((300 - CX) * 0.8 / F), within(1e-6f));
        assertThat(g.positions()[3 * i + 1]).isCloseTo((float) ((100 - CY) * 0.8 / (F * 1.01)), within(1e-6f));
        // mono: relative inverse depth v with metric depth 1 / (scale v + shift)
        Mat inv = new Mat(H, W, CvType.CV_32F, new Scalar(3.0));
        OrganizedCloud m = CloudBuilder.fromInverseDepth(inv, 0.25, 0.5, k, null, DepthRange.ANY);
        assertThat(m.positions()[3 * i + 2]).isCloseTo((float) (1 / (0.25 * 3 + 0.5)), within(1e-6f));
    }

    @Test
    void lowConfidencePixelsAreDropped() {
        Mat q = new DisparityToDepth(F, B_MM / 1000.0, 0, CX, CY).qMat();
        OrganizedCloud grid = CloudBuilder.fromDisparity(planeDisparity(1.0), q, null, DepthRange.ANY);
        Mat conf = new Mat(H, W, CvType.CV_8U, new Scalar(200));
        conf.submat(0, 10, 0, W).setTo(new Scalar(20));
        OrganizedCloud kept = CloudBuilder.dropLowConfidence(grid, conf, 100);
        assertThat(kept.validCount()).isEqualTo(W * (H - 10));
        assertThat(grid.validCount()).isEqualTo(W * H); // input untouched
    }

    @Test
    void unrectifyAppliesTheTransposeOfTheRectifyingRotation() {
        double a = Math.toRadians(3);
        double[] r1 = {Math.cos(a), -Math.sin(a), 0, Math.sin(a), Math.cos(a), 0, 0, 0, 1}; // X_rect = R1 X
        float[] orig = {0.3f, -0.2f, 1.5f, Float.NaN, Float.NaN, Float.NaN};
        float[] rect = {(float) (r1[0] * 0.3 + r1[1] * -0.2), (float) (r1[3] * 0.3 + r1[4] * -0.2), 1.5f,
                Float.NaN, Float.NaN, Float.NaN};
        OrganizedCloud back = CloudBuilder.unrectify(new OrganizedCloud(2, 1, rect, null), r1);
        assertThat(back.positions()[0]).isCloseTo(0.3f, within(1e-6f));
        assertThat(back.positions()[1]).isCloseTo(-0.2f, within(1e-6f));
        assertThat(back.positions()[2]).isEqualTo(1.5f);
        assertThat(back.isValid(1)).isFalse();
    }

    @Test
    void aRecipeAppliesConfidenceRangeSmoothingAndPointFiltersInOrder() {
        Mat q = new DisparityToDepth(F, B_MM / 1000.0, 0, CX, CY).qMat();
        Mat disp = planeDisparity(1.2);
        Mat conf = new Mat(H, W, CvType.CV_8U, new Scalar(255));
        conf.submat(0, H / 2, 0, W).setTo(new Scalar(10));
        CloudRecipe recipe = CloudRecipe.defaults().withMinConfidence(50).withSmoothing(1).withVoxel(0.05)
                .withRange(new DepthRange(1.0, 1.5));
        OrganizedCloud grid = recipe.grid(disp, conf, q, gradientImage());
        assertThat(grid.validCount()).isEqualTo(W * H / 2);
        PointCloud pts = recipe.points(grid);
        // 5 cm voxels over the lower half of a plane 1.2 m away: each voxel holds many points
        assertThat(pts.size()).isLessThan(grid.validCount() / 20).isGreaterThan(10);
        assertThat(recipe.filtersPoints()).isTrue();
        assertThat(recipe.mesh(grid).triangleCount()).isEqualTo(2 * (W - 1) * (H / 2 - 1));
        assertThat(CloudRecipe.defaults().withRange(new DepthRange(2, 3)).grid(disp, null, q, null).validCount()).isZero();
    }
}
