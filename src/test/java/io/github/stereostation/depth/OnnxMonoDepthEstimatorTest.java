package io.github.stereostation.depth;

import io.github.stereostation.OpenCvNative;
import io.github.stereostation.UserInputException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Runs the real ONNX Runtime on tiny hand-written models whose output is a known linear function of the input
 * planes, so every pre- and post-processing step is checked against arithmetic done here independently.
 */
class OnnxMonoDepthEstimatorTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void opencv() {
        OpenCvNative.load();
    }

    /**
     * R = 10 + x, G = 30 + y, B = 220 - y: exact integer ramps (so resizing reproduces them in the interior), for
     * images up to 245x220.
     */
    static Mat rampImage(int w, int h) {
        if (w > 245 || h > 220) {
            throw new IllegalArgumentException("ramps would overflow 8 bits");
        }
        Mat bgr = new Mat(h, w, CvType.CV_8UC3);
        byte[] px = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = (y * w + x) * 3;
                px[i] = (byte) (220 - y);   // B
                px[i + 1] = (byte) (30 + y); // G
                px[i + 2] = (byte) (10 + x); // R
            }
        }
        bgr.put(0, 0, px);
        return bgr;
    }

    /** What the model must output at (x, y) if the image is fed as the spec says (computed here, not by the code). */
    static double expected(MonoModelSpec spec, float[] w, float bias, int x, int y) {
        double r = 10 + x;
        double g = 30 + y;
        double b = 220 - y;
        double[] planes = spec.wantsRgb() ? new double[]{r, g, b} : new double[]{b, g, r};
        double sum = bias;
        for (int c = 0; c < 3; c++) {
            double v = spec.scaleToUnit() ? planes[c] / 255.0 : planes[c];
            if (!spec.normalizationInGraph()) {
                v = (v - spec.mean()[c]) / spec.std()[c];
            }
            sum += w[c] * v;
        }
        return spec.outputIsInverseDepth() ? sum : 1.0 / sum;
    }

    private Path install(String base, byte[] model, String sidecarName) throws IOException {
        Path onnx = OnnxTestModels.write(dir.resolve(base + ".onnx"), model);
        Files.copy(Path.of("models", sidecarName), dir.resolve(base + ".yaml"), StandardCopyOption.REPLACE_EXISTING);
        return onnx;
    }

    /** Largest |actual - expected| over pixels at least {@code margin} from the border. */
    private static double maxError(Mat actual, MonoModelSpec spec, float[] w, float bias, int margin) {
        int cols = actual.cols();
        int rows = actual.rows();
        float[] a = new float[cols * rows];
        actual.get(0, 0, a);
        double worst = 0;
        for (int y = margin; y < rows - margin; y++) {
            for (int x = margin; x < cols - margin; x++) {
                worst = Math.max(worst, Math.abs(a[y * cols + x] - expected(spec, w, bias, x, y)));
            }
        }
        return worst;
    }

    @Test
    void shippedSidecarsMatchTheUpstreamPreprocessing() {
        assertThat(MonoModelSpec.read(Path.of("models", "model-small.yaml"))).isEqualTo(MonoModelSpec.midasSmall());
        assertThat(MonoModelSpec.read(Path.of("models", "depth_anything_v2_vits.yaml")))
                .isEqualTo(MonoModelSpec.depthAnythingV2Small());
    }

    @Test
    void fixedSizeExportIsFedExactlyWithoutResize() throws IOException {
        // A Depth-Anything export with a fixed 240x180 input and a 240x180 photo: no resize at all, so every pixel
        // must match to float precision (layout, channel order, scaling, normalisation).
        float[] w = {0.7f, -1.3f, 2.1f};
        float bias = 0.25f;
        Path onnx = install("depth_anything_v2_vits", OnnxTestModels.linearDepth(180L, 240L, w, bias, true),
                "depth_anything_v2_vits.yaml");
        Mat img = rampImage(240, 180);
        try (OnnxMonoDepthEstimator est = OnnxMonoDepthEstimator.open(onnx, 1);
             MonoDepth depth = est.estimate(img)) {
            MonoModelSpec spec = est.spec();
            assertThat(est.networkInputSize(240, 180)).containsExactly(240, 180);
            assertThat(depth.width()).isEqualTo(240);
            assertThat(depth.height()).isEqualTo(180);
            assertThat(depth.note()).isEmpty();
            assertThat(maxError(depth.inverseDepth(), spec, w, bias, 0)).isLessThan(1e-4);
            // The check is sharp: swapping R and B would be off by far more.
            MonoModelSpec bgr = new MonoModelSpec(spec.name(), spec.model(), 518, 518, 14, true, "cubic", "BGR",
                    true, spec.mean(), spec.std(), false, "inverse-depth");
            assertThat(maxError(depth.inverseDepth(), bgr, w, bias, 0)).isGreaterThan(1.0);
        } finally {
            img.release();
        }
    }

    @Test
    void midasFamilyResizesInAndBackOut() throws IOException {
        // 240x180 stretched to 256x256 and back (cubic): linear ramps survive both resizes away from the border.
        float[] w = {1.5f, 0.5f, -0.8f};
        float bias = -0.1f;
        Path onnx = install("model-small", OnnxTestModels.linearDepth(256L, 256L, w, bias, true), "model-small.yaml");
        Mat img = rampImage(240, 180);
        try (OnnxMonoDepthEstimator est = OnnxMonoDepthEstimator.open(onnx, 2);
             MonoDepth depth = est.estimate(img)) {
            assertThat(depth.width()).isEqualTo(240);
            assertThat(depth.height()).isEqualTo(180);
            double err = maxError(depth.inverseDepth(), est.spec(), w, bias, 4);
            assertThat(err).isLessThan(2e-3);
            // Orientation: output must rise left to right as R does (weight 1.5 > 0), not top to bottom:
            // 200 px of R ramp = 1.5 * 200 / 255 = 1.18 (the graph normalises, so no division by std here).
            float[] row = new float[1];
            depth.inverseDepth().get(90, 20, row);
            float left = row[0];
            depth.inverseDepth().get(90, 220, row);
            assertThat(row[0] - left).isGreaterThan(1.1f);
        } finally {
            img.release();
        }
    }

    @Test
    void depthAnythingFamilyKeepsAspectOnMultiplesOf14() throws IOException {
        // Dynamic HxW model with an un-squeezed 1x1xHxW output, as many exports have.
        float[] w = {-0.4f, 1.1f, 0.9f};
        float bias = 0.5f;
        Path onnx = install("depth_anything_v2_vits",
                OnnxTestModels.linearDepth("height", "width", w, bias, false), "depth_anything_v2_vits.yaml");
        Mat img = rampImage(240, 180);
        try (OnnxMonoDepthEstimator est = OnnxMonoDepthEstimator.open(onnx, 1);
             MonoDepth depth = est.estimate(img)) {
            // Shorter side 180 -> 518; 240 * 518/180 = 690.7 -> nearest multiple of 14 = 686.
            assertThat(est.networkInputSize(240, 180)).containsExactly(686, 518);
            assertThat(depth.width()).isEqualTo(240);
            assertThat(depth.height()).isEqualTo(180);
            assertThat(maxError(depth.inverseDepth(), est.spec(), w, bias, 4)).isLessThan(2e-3);
        } finally {
            img.release();
        }
    }

    @Test
    void bgrRawInputAndDepthOutputAreHonoured() throws IOException {
        // A family that wants BGR 0..255, normalises inside its graph and outputs depth (inverted here).
        MonoModelSpec spec = new MonoModelSpec("bgr raw depth", null, 0, 0, 1, false, "linear", "BGR", false,
                null, null, true, "depth");
        float[] w = {0.01f, 0.02f, 0.005f};
        float bias = 1f;
        Path onnx = OnnxTestModels.write(dir.resolve("raw.onnx"), OnnxTestModels.linearDepth(180L, 240L, w, bias, true));
        Mat img = rampImage(240, 180);
        try (OnnxMonoDepthEstimator est = new OnnxMonoDepthEstimator(onnx, spec, 1, Long.MAX_VALUE);
             MonoDepth depth = est.estimate(img)) {
            assertThat(maxError(depth.inverseDepth(), spec, w, bias, 0)).isLessThan(1e-6);
        } finally {
            img.release();
        }
    }

    @Test
    void hugeImagesAreDownscaledWithANote() throws IOException {
        float[] w = {1f, 0f, 0f};
        Path onnx = OnnxTestModels.write(dir.resolve("m.onnx"), OnnxTestModels.linearDepth("h", "w", w, 0f, true));
        MonoModelSpec spec = new MonoModelSpec("any", null, 64, 48, 1, false, "linear", "RGB", true, null, null,
                false, "inverse-depth");
        Mat img = rampImage(240, 180);
        try (OnnxMonoDepthEstimator est = new OnnxMonoDepthEstimator(onnx, spec, 1, 10_800);
             MonoDepth depth = est.estimate(img)) {
            assertThat(depth.width()).isEqualTo(120);
            assertThat(depth.height()).isEqualTo(90);
            assertThat(depth.note()).contains("240x180").contains("downscaled to 120x90");
        } finally {
            img.release();
        }
    }

    @Test
    void asyncEstimationRunsOnTheEstimatorsThread() throws Exception {
        float[] w = {1f, 1f, 1f};
        Path onnx = install("model-small", OnnxTestModels.linearDepth(256L, 256L, w, 0f, true), "model-small.yaml");
        Mat img = rampImage(64, 48);
        try (OnnxMonoDepthEstimator est = OnnxMonoDepthEstimator.open(onnx, 1)) {
            MonoDepth depth = est.estimateAsync(img).get();
            img.release(); // the estimator copied it
            assertThat(depth.width()).isEqualTo(64);
            depth.close();
        }
    }

    @Test
    void grayscaleAndColourMapPutNearAsLight() {
        Mat inv = new Mat(2, 3, CvType.CV_32FC1);
        inv.put(0, 0, new float[]{0f, 1f, 2f, 3f, 4f, 10f});
        try (MonoDepth d = new MonoDepth(inv, "test", null)) {
            Mat g = d.grayscale();
            byte[] px = new byte[6];
            g.get(0, 0, px);
            assertThat(Byte.toUnsignedInt(px[0])).isEqualTo(0);
            assertThat(Byte.toUnsignedInt(px[5])).isEqualTo(255);
            assertThat(Byte.toUnsignedInt(px[4])).isEqualTo(102); // 4/10 * 255
            Mat c = d.colourMapped();
            assertThat(c.type()).isEqualTo(CvType.CV_8UC3);
            byte[] near = new byte[3];
            byte[] far = new byte[3];
            c.get(1, 2, near);
            c.get(0, 0, far);
            int nearSum = Byte.toUnsignedInt(near[0]) + Byte.toUnsignedInt(near[1]) + Byte.toUnsignedInt(near[2]);
            int farSum = Byte.toUnsignedInt(far[0]) + Byte.toUnsignedInt(far[1]) + Byte.toUnsignedInt(far[2]);
            assertThat(nearSum).isGreaterThan(farSum + 300);
            g.release();
            c.release();
        }
    }

    @Test
    void aFileThatIsNotOnnxIsRefusedByName() throws IOException {
        Path bogus = dir.resolve("model-small.onnx");
        Files.writeString(bogus, "this is not a protobuf model\n");
        Files.copy(Path.of("models", "model-small.yaml"), dir.resolve("model-small.yaml"));
        assertThatThrownBy(() -> OnnxMonoDepthEstimator.open(bogus, 1))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining(bogus.toString())
                .hasMessageContaining("not a loadable ONNX model");
    }

    @Test
    void aModelWithRankTwoInputIsRefusedSayingWhatWasExpected() throws IOException {
        Path onnx = install("model-small", OnnxTestModels.rankTwoInput(), "model-small.yaml");
        assertThatThrownBy(() -> OnnxMonoDepthEstimator.open(onnx, 1))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining(onnx.toString())
                .hasMessageContaining("has shape ?x?")
                .hasMessageContaining("expected one float input of shape 1x3xHxW");
    }

    @Test
    void aModelOfTheWrongFixedSizeIsRefused() throws IOException {
        Path onnx = install("model-small", OnnxTestModels.linearDepth(384L, 384L, new float[]{1, 1, 1}, 0f, true),
                "model-small.yaml");
        assertThatThrownBy(() -> OnnxMonoDepthEstimator.open(onnx, 1))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("takes 384x384 images but its sidecar says 256x256");
    }

    @Test
    void aMissingModelOrSidecarIsNamed() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("models"));
        Files.copy(Path.of("models", "model-small.yaml"), folder.resolve("model-small.yaml"));
        assertThatThrownBy(() -> MonoModels.resolve(null, java.util.List.of(folder)))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("model-small.onnx")
                .hasMessageContaining("models/README.md");
        Path lonely = OnnxTestModels.write(dir.resolve("lonely.onnx"),
                OnnxTestModels.linearDepth(8L, 8L, new float[]{1, 1, 1}, 0f, true));
        assertThatThrownBy(() -> MonoModels.resolve(lonely.toString()))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("lonely.yaml");
        assertThatThrownBy(() -> new OnnxMonoDepthEstimator(dir.resolve("absent.onnx"), MonoModelSpec.midasSmall(), 1, 100))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("absent.onnx: model file not found");
    }

    @Test
    void weightsInTheSharedFolderUseTheShippedSidecar() throws IOException {
        Path shipped = Files.createDirectory(dir.resolve("models"));
        Path shared = Files.createDirectory(dir.resolve("shared-models"));
        Files.copy(Path.of("models", "model-small.yaml"), shipped.resolve("model-small.yaml"));
        Path weights = OnnxTestModels.write(shared.resolve("model-small.onnx"),
                OnnxTestModels.linearDepth(256L, 256L, new float[]{1, 1, 1}, 0f, true));
        MonoModels.Found byDefault = MonoModels.resolve(null, java.util.List.of(shipped, shared));
        assertThat(byDefault.model()).isEqualTo(weights);
        assertThat(byDefault.sidecar()).isEqualTo(shipped.resolve("model-small.yaml"));
        MonoModels.Found byPath = MonoModels.resolve(weights.toString(), java.util.List.of(shipped, shared));
        assertThat(byPath.spec()).isEqualTo(MonoModelSpec.midasSmall());
        MonoModels.Found byName = MonoModels.resolve("model-small", java.util.List.of(shipped, shared));
        assertThat(byName.model()).isEqualTo(weights);
    }

    @Test
    void aBrokenSidecarIsNamed() throws IOException {
        Path sidecar = dir.resolve("x.yaml");
        Files.writeString(sidecar, "name: x\ninterpolation: bicubicish\n");
        assertThatThrownBy(() -> MonoModelSpec.read(sidecar))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("x.yaml")
                .hasMessageContaining("bicubicish");
        Files.writeString(sidecar, "name: x\nmeen: [1,2,3]\n");
        assertThatThrownBy(() -> MonoModelSpec.read(sidecar))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("meen");
    }
}
