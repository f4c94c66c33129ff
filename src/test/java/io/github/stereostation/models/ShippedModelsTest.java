package io.github.stereostation.models;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The two models the repository offers: each pinned (https URL, size, SHA-256, licence, where found), nothing else. */
class ShippedModelsTest {

    @Test
    void eachShippedModelIsPinnedAndOnlyPermissiveWeightsAreOffered() {
        List<KnownModel> models = new ModelCatalog(List.of(Path.of("models"))).list();

        assertThat(models).extracting(KnownModel::id).containsExactly("midas-small", "depth-anything-v2-small");
        for (KnownModel m : models) {
            ModelDownload d = m.download();
            assertThat(d.url().getScheme()).isEqualTo("https");
            assertThat(d.checksumKnown()).as(m.id()).isTrue();
            assertThat(d.bytes()).as(m.id()).isGreaterThan(10_000_000);
            assertThat(d.source()).as(m.id()).contains("SHA-256");
            assertThat(d.licence()).isIn("MIT", "Apache-2.0");
        }
        KnownModel midas = models.get(0);
        assertThat(midas.download().url().toString())
                .isEqualTo("https://github.com/isl-org/MiDaS/releases/download/v2_1/model-small.onnx");
        assertThat(midas.fileName()).isEqualTo("model-small.onnx");
        // a fixed revision, so the bytes behind the URL cannot change
        assertThat(models.get(1).download().url().getPath()).matches(".*/resolve/[0-9a-f]{40}/onnx/model\\.onnx");
    }
}
