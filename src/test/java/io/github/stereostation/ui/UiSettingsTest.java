package io.github.stereostation.ui;

import io.github.stereostation.UserInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UiSettingsTest {
    @Test
    void roundTripsEveryChoiceAndLeavesNoTempFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("config").resolve("ui.yaml");
        UiSettings s = UiSettings.defaults().withTheme("dark").withSource("replay:/data/session 1")
                .withCalibration("calibration/rig.yaml").withPreset("none")
                .withView(new ViewSettings(ViewSettings.Quantity.DEPTH, ViewSettings.Palette.GREY, false));
        s.save(f);
        assertThat(UiSettings.load(f)).isEqualTo(s);
        assertThat(Files.list(f.getParent())).extracting(p -> p.getFileName().toString()).containsExactly("ui.yaml");
    }

    @Test
    void missingFileGivesDefaultsAndMissingKeysKeepThem(@TempDir Path dir) throws Exception {
        assertThat(UiSettings.load(dir.resolve("none.yaml"))).isEqualTo(UiSettings.defaults());
        Path f = dir.resolve("ui.yaml");
        Files.writeString(f, "theme: dark\n");
        UiSettings s = UiSettings.load(f);
        assertThat(s.dark()).isTrue();
        // not chosen in the window: the station settings' camera.source and matcher.livePreset apply
        assertThat(s.source()).isEmpty();
        assertThat(s.preset()).isEmpty();
    }

    @Test
    void aBrokenFileIsNamedInTheError(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("ui.yaml");
        Files.writeString(f, "theme: [unclosed\n");
        assertThatThrownBy(() -> UiSettings.load(f)).isInstanceOf(UserInputException.class)
                .hasMessageContaining("ui.yaml");
    }
}
