package io.github.stereostation;

import io.github.stereostation.config.StationSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StationSettingsTest {
    @Test
    void shippedConfigReadsWithItsDocumentedValues() {
        StationSettings s = StationSettings.load(StationSettings.DEFAULT_FILE);
        assertThat(s.matcher().preset()).isEqualTo("balanced");
        assertThat(s.camera().width()).isEqualTo(640);
        assertThat(s.camera().maxSkewMillis()).isEqualTo(15.0);
    }

    @Test
    void missingKeysKeepDefaultsAndMissingFileMeansDefaults(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("s.yaml");
        Files.writeString(f, "camera:\n  fps: 15\n");
        StationSettings s = StationSettings.load(f);
        assertThat(s.camera().fps()).isEqualTo(15);
        assertThat(s.camera().height()).isEqualTo(480);
        assertThat(s.matcher().algorithm()).isEqualTo("sgbm");
        assertThat(StationSettings.load(dir.resolve("absent.yaml"))).isEqualTo(StationSettings.defaults());
    }

    @Test
    void typoInAKeyIsAnErrorNamingTheFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("s.yaml");
        Files.writeString(f, "camera:\n  fsp: 15\n");
        assertThatThrownBy(() -> StationSettings.load(f)).isInstanceOf(UserInputException.class)
                .hasMessageContaining("s.yaml").hasMessageContaining("fsp");
    }
}
