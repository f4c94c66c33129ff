package io.github.stereostation;

import io.github.stereostation.capture.CameraSettings;
import io.github.stereostation.config.StationSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StationSettingsTest {
    @Test
    void theShippedFileIsTheBuiltInDefaults() {
        StationSettings shipped = StationSettings.load(StationSettings.defaultFile());
        assertThat(shipped).isEqualTo(StationSettings.defaults());
        assertThat(shipped.matcher().preset()).isEqualTo("balanced");
        assertThat(shipped.matcher().livePreset()).isEqualTo("fast");
        assertThat(shipped.camera().width()).isEqualTo(640);
        assertThat(shipped.camera().pixelFormat()).isEqualTo("MJPG");
        assertThat(shipped.camera().maxSkewMillis()).isEqualTo(15.0);
        // the camera record's defaults are the file's, not a second copy
        assertThat(CameraSettings.defaults()).isEqualTo(CameraSettings.from(shipped.camera()));
    }

    @Test
    void missingKeysKeepDefaultsAndMissingFileMeansDefaults(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("s.yaml");
        Files.writeString(f, "camera:\n  fps: 15\nmatcher:\n  livePreset: none\n");
        StationSettings s = StationSettings.load(f);
        assertThat(s.camera().fps()).isEqualTo(15);
        assertThat(s.camera().height()).isEqualTo(480);
        assertThat(s.matcher().algorithm()).isEqualTo("sgbm");
        assertThat(s.matcher().livePreset()).isEqualTo("none");
        assertThat(s.matcher().preset()).isEqualTo("balanced");
        assertThat(StationSettings.load(dir.resolve("absent.yaml"))).isEqualTo(StationSettings.defaults());
        Files.writeString(f, "# nothing set\n");
        assertThat(StationSettings.load(f)).isEqualTo(StationSettings.defaults());
        Files.writeString(f, "camera:\n");
        assertThat(StationSettings.load(f)).isEqualTo(StationSettings.defaults());
    }

    @Test
    void theTemporalFilterIsOffByDefaultAndOneKeyTurnsItOn(@TempDir Path dir) throws Exception {
        assertThat(StationSettings.defaults().matcher().temporal().enabled()).isFalse();
        Path f = dir.resolve("s.yaml");
        Files.writeString(f, "matcher:\n  temporal:\n    enabled: true\n");
        StationSettings.Temporal t = StationSettings.load(f).matcher().temporal();
        assertThat(t.enabled()).isTrue();
        assertThat(t.weight()).isEqualTo(StationSettings.defaults().matcher().temporal().weight());
        Files.writeString(f, "matcher:\n  temporal:\n    weight: 1.5\n");
        assertThatThrownBy(() -> StationSettings.load(f)).isInstanceOf(UserInputException.class)
                .hasMessageContaining("s.yaml").hasMessageContaining("matcher.temporal.weight");
    }

    @Test
    void typoInAKeyIsAnErrorNamingTheFileAndTheKey(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("s.yaml");
        Files.writeString(f, "camera:\n  fsp: 15\n");
        assertThatThrownBy(() -> StationSettings.load(f)).isInstanceOf(UserInputException.class)
                .hasMessageContaining("s.yaml").hasMessageContaining("camera.fsp: unknown key")
                .hasMessageContaining("maxSkewMillis");
        // the keys this round removed (nothing read them) are refused, not silently ignored
        Files.writeString(f, "camera:\n  leftDevice: 2\n");
        assertThatThrownBy(() -> StationSettings.load(f)).isInstanceOf(UserInputException.class)
                .hasMessageContaining("camera.leftDevice");
    }

    @Test
    void wrongTypesAndImpossibleValuesNameTheKey(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("s.yaml");
        Files.writeString(f, "camera:\n  fps: fast\n");
        assertThatThrownBy(() -> StationSettings.load(f)).isInstanceOf(UserInputException.class)
                .hasMessageContaining("s.yaml").hasMessageContaining("camera.fps: expected a number");
        Files.writeString(f, "camera:\n  maxSkewMillis: -3\n");
        assertThatThrownBy(() -> StationSettings.load(f)).isInstanceOf(UserInputException.class)
                .hasMessageContaining("s.yaml").hasMessageContaining("camera.maxSkewMillis -3");
        Files.writeString(f, "camera: [unclosed\n");
        assertThatThrownBy(() -> StationSettings.load(f)).isInstanceOf(UserInputException.class)
                .hasMessageContaining("s.yaml");
    }
}
