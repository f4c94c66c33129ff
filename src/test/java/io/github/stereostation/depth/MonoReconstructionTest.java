package io.github.stereostation.depth;

import io.github.stereostation.InvalidValueException;
import io.github.stereostation.OpenCvNative;
import io.github.stereostation.UserInputException;
import io.github.stereostation.cloud.PointCloud;
import io.github.stereostation.geometry.CameraIntrinsics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * A ball in front of a wall, ray-traced through the same pinhole camera the reconstruction assumes: fed the true
 * inverse depth, the cloud must lie on the ball and the wall, with the silhouette's flying pixels removed.
 */
class MonoReconstructionTest {

    static final int W = 160;
    static final int H = 120;
    static final double FOV = 60;
    static final double R = 0.2;
    static final double CZ = 1.0;
    static final double WALL = 1.6;

    @BeforeAll
    static void opencv() {
        OpenCvNative.load();
    }

    static float[] trueDepth() {
        CameraIntrinsics k = CameraIntrinsics.fromHorizontalFov(W, H, FOV);
        float[] z = new float[W * H];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                double u = (x - k.cxPx()) / k.fxPx();
                double v = (y - k.cyPx()) / k.fxPx();
                // ray t*(u, v, 1) meets |p - (0,0,CZ)| = R where a t^2 - 2 CZ t + CZ^2 - R^2 = 0
                double a = u * u + v * v + 1;
                double disc = CZ * CZ - a * (CZ * CZ - R * R);
                z[y * W + x] = (float) (disc >= 0 ? (CZ - Math.sqrt(disc)) / a : WALL);
            }
        }
        return z;
    }

    static Mat codedPhoto() {
        Mat photo = new Mat(H, W, CvType.CV_8UC3);
        byte[] px = new byte[W * H * 3];
        for (int i = 0; i < W * H; i++) {
            px[i * 3] = (byte) (i % W);      // B = x
            px[i * 3 + 1] = (byte) (i / W);  // G = y
            px[i * 3 + 2] = (byte) 77;       // R
        }
        photo.put(0, 0, px);
        return photo;
    }

    static MonoDepth inverseOf(float[] z, double noise, long seed) {
        Random r = new Random(seed);
        float[] inv = new float[z.length];
        for (int i = 0; i < z.length; i++) {
            inv[i] = (float) (1 / z[i] + r.nextGaussian() * noise);
        }
        Mat m = new Mat(H, W, CvType.CV_32FC1);
        m.put(0, 0, inv);
        return new MonoDepth(m, "truth", "");
    }

    @Test
    void trueInverseDepthGivesTheBallAndTheWall() {
        checkBallAndWall(1);
    }

    @Test
    void everyThirdPixelStillLiesOnTheBallAndTheWall() {
        checkBallAndWall(3);
    }

    private void checkBallAndWall(int step) {
        float[] z = trueDepth();
        float near = Float.MAX_VALUE;
        for (float v : z) {
            near = Math.min(near, v);
        }
        var settings = new MonoReconstruction.Settings(FOV, near, WALL, 0, 0.03, step);
        Mat photo = codedPhoto();
        try (MonoReconstruction.Result res = MonoReconstruction.fromDepth(inverseOf(z, 0, 1), photo, settings)) {
            PointCloud cloud = res.cloud();
            float[] p = cloud.positions();
            int onBall = 0;
            int onWall = 0;
            boolean[] ball = new boolean[cloud.size()];
            for (int i = 0; i < cloud.size(); i++) {
                double dx = p[i * 3];
                double dy = p[i * 3 + 1];
                double dz = p[i * 3 + 2] - CZ;
                double fromCentre = Math.sqrt(dx * dx + dy * dy + dz * dz);
                if (Math.abs(fromCentre - R) < 1e-4) {
                    onBall++;
                    ball[i] = true;
                } else {
                    assertThat(p[i * 3 + 2]).as("point %d off the ball must be on the wall", i)
                            .isCloseTo((float) WALL, within(1e-4f));
                    onWall++;
                }
            }
            int dropped = ((W + step - 1) / step) * ((H + step - 1) / step) - cloud.size();
            System.out.printf("reconstruction: %d on ball, %d on wall, %d edge pixels dropped, %d triangles; %s%n",
                    onBall, onWall, dropped, res.mesh().triangleCount(), res.notes());
            // the cloud is the mesh's vertices, and a vertex no triangle uses is dropped: at every third pixel the
            // ball's rim loses a few more than at full resolution
            assertThat(onBall).isGreaterThan(1900 / (step * step));
            assertThat(onWall).isGreaterThan(10000 / (step * step));
            // The silhouette (a ring about 2 pixels wide around a ball ~58 px across) is what gets dropped.
            assertThat(dropped).isBetween(150 / (step * step), 1200 / step);
            // No triangle bridges the ball and the wall.
            int[] t = res.mesh().triangles();
            assertThat(t.length).isGreaterThan(0);
            for (int i = 0; i < t.length; i += 3) {
                assertThat(ball[t[i]] == ball[t[i + 1]] && ball[t[i]] == ball[t[i + 2]]).isTrue();
            }
            // Colours come from the pixel each point came from, as RGB.
            byte[] c = cloud.colors();
            for (int i = 0; i < cloud.size(); i += 97) {
                double x = p[i * 3] * res.intrinsics().fxPx() / p[i * 3 + 2] + res.intrinsics().cxPx();
                double y = p[i * 3 + 1] * res.intrinsics().fxPx() / p[i * 3 + 2] + res.intrinsics().cyPx();
                assertThat(Math.round(x) % step).isZero();
                assertThat(Byte.toUnsignedInt(c[i * 3])).isEqualTo(77);
                assertThat(Byte.toUnsignedInt(c[i * 3 + 1])).isEqualTo((int) Math.round(y));
                assertThat(Byte.toUnsignedInt(c[i * 3 + 2])).isEqualTo((int) Math.round(x));
            }
            assertThat(res.notes()).contains("horizontal FOV 60.0 deg").contains("fx = fy = 138.6 px");
        } finally {
            photo.release();
        }
    }

    @Test
    void gaussianSmoothingReducesNoiseOnTheWall() {
        float[] z = trueDepth();
        Mat photo = codedPhoto();
        double noisy = wallRms(z, photo, 0);
        double smoothed = wallRms(z, photo, 2.0);
        System.out.printf("wall depth rms: %.4f m raw, %.4f m smoothed (sigma 2 px)%n", noisy, smoothed);
        assertThat(smoothed).isLessThan(noisy / 3);
        photo.release();
    }

    private static double wallRms(float[] z, Mat photo, double sigma) {
        var settings = new MonoReconstruction.Settings(FOV, 0.5, WALL, sigma, 0, 1);
        try (var res = MonoReconstruction.fromDepth(inverseOf(z, 0.01, 5), photo, settings)) {
            float[] d = new float[W * H];
            res.depthMetres().get(0, 0, d);
            // Wall pixels far from the ball: compare with their median, so the near/far mapping does not matter.
            double sum = 0;
            double sumSq = 0;
            int n = 0;
            for (int y = 10; y < H - 10; y++) {
                for (int x = 5; x < 25; x++) {
                    sum += d[y * W + x];
                    sumSq += d[y * W + x] * d[y * W + x];
                    n++;
                }
            }
            double mean = sum / n;
            return Math.sqrt(sumSq / n - mean * mean);
        }
    }

    @Test
    void photoFileToMeshOffTheCallersThread(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path photo = dir.resolve("photo.png");
        Mat img = codedPhoto();
        org.opencv.imgcodecs.Imgcodecs.imwrite(photo.toString(), img);
        img.release();
        java.nio.file.Path model = OnnxTestModels.write(dir.resolve("m.onnx"),
                OnnxTestModels.linearDepth("h", "w", new float[]{0.1f, 0.2f, 0.3f}, 0f, true));
        MonoModelSpec spec = new MonoModelSpec("test", null, 64, 48, 8, true, "linear", "RGB", true, null, null,
                false, "inverse-depth");
        var pool = java.util.concurrent.Executors.newSingleThreadExecutor();
        try (OnnxMonoDepthEstimator est = new OnnxMonoDepthEstimator(model, spec, 1, Long.MAX_VALUE);
             MonoReconstruction.Result res = new MonoReconstruction(est, MonoReconstruction.Settings.defaults())
                     .reconstructAsync(photo, pool).get()) {
            assertThat(res.grid().width()).isEqualTo(W);
            assertThat(res.grid().height()).isEqualTo(H);
            assertThat(res.cloud().size()).isGreaterThan(W * H / 2);
            assertThat(res.mesh().triangleCount()).isGreaterThan(0);
            float[] p = res.cloud().positions();
            for (int i = 2; i < p.length; i += 3) {
                assertThat(p[i]).isBetween(0.5f - 1e-4f, 1.5f + 1e-4f); // the default near/far
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void badSettingsAreNamed() {
        assertThatThrownBy(() -> new MonoReconstruction.Settings(200, 0.5, 1.5, 1, 0.03, 1))
                .isInstanceOf(UserInputException.class).hasMessageContaining("field of view 200");
        assertThatThrownBy(() -> new MonoReconstruction.Settings(60, 2, 1.5, 1, 0.03, 1))
                .isInstanceOf(UserInputException.class).hasMessageContaining("farthest distance 1.5 m must be beyond the nearest");
        assertThatThrownBy(() -> new MonoReconstruction.Settings(60, 0.5, 1.5, -1, 0.03, 1))
                .isInstanceOf(InvalidValueException.class).hasMessage("smoothing -1.0 px must not be negative")
                .extracting(e -> ((InvalidValueException) e).field()).isEqualTo(MonoReconstruction.Settings.SMOOTHING);
    }
}
