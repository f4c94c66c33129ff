package io.github.stereostation.depth;

import io.github.stereostation.OpenCvNative;
import io.github.stereostation.SharedData;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opencv.core.Mat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real networks on the real portrait, when their weights are installed (models/ or ../shared/models/);
 * skipped with a message otherwise. The astronaut's face is nearer the camera than the wall behind her
 * shoulder, so the face must get the larger inverse depth.
 */
class RealMonoModelTest {

    static final Path FACE = SharedData.DATA.resolve("faces/astronaut.png");

    @BeforeAll
    static void opencv() {
        OpenCvNative.load();
    }

    @ParameterizedTest
    @ValueSource(strings = {"model-small.onnx", "depth_anything_v2_vits.onnx"})
    void faceIsNearerThanTheBackground(String fileName) {
        Path model = List.of(Path.of("models"), SharedData.MODELS).stream()
                .map(f -> f.resolve(fileName)).filter(Files::isRegularFile).findFirst().orElse(null);
        Assumptions.assumeTrue(model != null, fileName + " is not in models/ or ../shared/models/ (see models/README.md);"
                + " skipping the real-model test");
        SharedData.require("faces/astronaut.png");
        try (PhotoFile photo = PhotoFile.read(FACE);
             OnnxMonoDepthEstimator est = open(MonoModels.resolve(model.toString()));
             MonoDepth depth = est.estimate(photo.bgr())) {
            assertThat(depth.width()).isEqualTo(512);
            assertThat(depth.height()).isEqualTo(512);
            double face = median(depth.inverseDepth(), 190, 100, 250, 160);      // cheeks and nose
            double background = median(depth.inverseDepth(), 100, 5, 150, 55);  // wall between flag and head
            System.out.printf("%s: face %.4f, background %.4f (relative inverse depth)%n", fileName, face, background);
            assertThat(face).isGreaterThan(background);
        }
    }

    static OnnxMonoDepthEstimator open(MonoModels.Found found) {
        return new OnnxMonoDepthEstimator(found.model(), found.spec(), 0, OnnxMonoDepthEstimator.DEFAULT_MAX_PIXELS);
    }

    static double median(Mat m, int x0, int y0, int x1, int y1) {
        float[] v = new float[(x1 - x0) * (y1 - y0)];
        float[] row = new float[x1 - x0];
        for (int y = y0; y < y1; y++) {
            m.get(y, x0, row);
            System.arraycopy(row, 0, v, (y - y0) * (x1 - x0), row.length);
        }
        Arrays.sort(v);
        return v[v.length / 2];
    }
}
