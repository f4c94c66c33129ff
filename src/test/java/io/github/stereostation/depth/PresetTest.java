package io.github.stereostation.depth;

import io.github.stereostation.InvalidValueException;
import io.github.stereostation.UserInputException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PresetTest {

    @Test
    void shippedPresetsLoadAsTypedSettings() {
        Preset fast = Preset.load("fast");
        Preset balanced = Preset.load("balanced");
        Preset none = Preset.load("none");
        assertThat(balanced.matcher().algorithm()).isEqualTo(MatcherSettings.Algorithm.SGBM);
        assertThat(balanced.filters().leftRightCheck()).isTrue();
        assertThat(balanced.filters().fillHoles()).isTrue();
        assertThat(balanced.filters().smoothing()).isTrue();
        assertThat(fast.filters().downscale()).isGreaterThan(1);
        assertThat(balanced.filters().detail()).as("balanced matches exposure and detail").isPositive();
        assertThat(none.filters().any()).isFalse();
        assertThat(none.createMatcher()).isInstanceOf(SemiGlobalMatcher.class);
        assertThat(balanced.createMatcher()).isInstanceOf(FilteredMatcher.class);
        assertThat(Preset.load(" Balanced ").name()).isEqualTo("balanced");
    }

    @Test
    void stationSettingsChooseThePresetAndOverrideItsMatcher() {
        var station = new io.github.stereostation.config.StationSettings.Matcher("none", "fast", "bm", 95, 21, 0.5,
                new io.github.stereostation.config.StationSettings.Temporal(false, 0.2, 1));
        Preset p = Preset.forStation(station);
        assertThat(p.name()).isEqualTo("none");
        assertThat(p.matcher().algorithm()).isEqualTo(MatcherSettings.Algorithm.BM);
        assertThat(p.matcher().numDisparities()).isEqualTo(96);
        assertThat(p.matcher().blockSize()).isEqualTo(21);
        assertThat(p.filters()).isEqualTo(Preset.load("none").filters());
        Preset defaults = Preset.forStation(io.github.stereostation.config.StationSettings.defaults().matcher());
        assertThat(defaults).isEqualTo(Preset.load("balanced"));
        assertThat(Preset.live(station).name()).isEqualTo("fast");
        assertThat(Preset.live(station).matcher().blockSize()).isEqualTo(21);
    }

    @Test
    void unknownPresetNamesTheValidChoices() {
        assertThatThrownBy(() -> Preset.load("turbo"))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("turbo").hasMessageContaining("fast, balanced, none");
    }

    @Test
    void aBadPresetFileIsNamedWithWhatIsWrong() {
        String evenBlock = """
                matcher: {algorithm: sgbm, sgbmMode: 3way, numDisparities: 0, blockSize: 4, uniquenessRatio: 10,
                          speckleWindow: 100, speckleRange: 2, disp12MaxDiff: 1, preFilterCap: 63}
                """;
        assertThatThrownBy(() -> Preset.parse(new ByteArrayInputStream(evenBlock.getBytes(StandardCharsets.UTF_8)),
                "my.yaml", "my")).isInstanceOf(UserInputException.class)
                .hasMessageContaining("my.yaml").hasMessageContaining("block size 4 must be odd").hasMessageNotContaining("--");
        String unknownKey = "matcher: {algorithm: sgbm}\nfilterz: {}\n";
        assertThatThrownBy(() -> Preset.parse(new ByteArrayInputStream(unknownKey.getBytes(StandardCharsets.UTF_8)),
                "my.yaml", "my")).isInstanceOf(UserInputException.class).hasMessageContaining("my.yaml");
        String badAlgo = "matcher: {algorithm: census, blockSize: 5}\n";
        assertThatThrownBy(() -> Preset.parse(new ByteArrayInputStream(badAlgo.getBytes(StandardCharsets.UTF_8)),
                "my.yaml", "my")).isInstanceOf(UserInputException.class).hasMessageContaining("bm, sgbm");
    }

    @Test
    void settingsRejectEvenOrOutOfRangeBlockSizes() {
        MatcherSettings s = MatcherSettings.defaultSgbm();
        assertThatThrownBy(() -> s.withBlockSize(6)).isInstanceOf(InvalidValueException.class)
                .hasMessage("block size 6 must be odd, between 1 and 21 for sgbm")
                .extracting(e -> ((InvalidValueException) e).field()).isEqualTo(MatcherSettings.BLOCK_SIZE);
        assertThatThrownBy(() -> s.withBlockSize(23)).hasMessageContaining("between 1 and 21");
        assertThatThrownBy(() -> MatcherSettings.defaultBm().withBlockSize(3)).hasMessageContaining("between 5 and 255");
        assertThat(s.p1(3)).isEqualTo(8 * 3 * 25);
        assertThat(s.p2(3)).isEqualTo(32 * 3 * 25);
    }
}
