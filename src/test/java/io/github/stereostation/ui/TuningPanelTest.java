package io.github.stereostation.ui;

import io.github.stereostation.depth.MatcherSettings;
import io.github.stereostation.depth.Preset;
import io.github.stereostation.pipeline.LoopSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.swing.SwingUtilities;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class TuningPanelTest {
    @Test
    void editsBecomeTheNewTuningAndBadValuesAreRefusedWithTheReason(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("ui.yaml");
        try (StationController c = new StationController(UiSettings.defaults().withPreset("balanced"), file,
                LoopSpec.synthetic(160, 120))) {
            SwingUtilities.invokeAndWait(() -> {
                TuningPanel panel = new TuningPanel(c);
                Preset before = c.tuning().get();
                assertThat(before.name()).isEqualTo("balanced");
                // the preset file's description key is shown, not just read
                assertThat(panel.presetBox().getToolTipText()).isEqualTo(Preset.load("balanced").description())
                        .contains("SGBM");
                panel.blockSizeSpinner().setValue(before.matcher().blockSize() + 2);
                assertThat(c.tuning().get().matcher().blockSize()).isEqualTo(before.matcher().blockSize() + 2);
                assertThat(c.tuning().get().filters()).isEqualTo(before.filters());
                Preset good = c.tuning().get();
                panel.blockSizeSpinner().setValue(6); // SGBM needs an odd block size
                assertThat(c.tuning().get()).isEqualTo(good);
                // The library's words, by the field they are about; nothing in the CLI's words.
                assertThat(panel.problemBy(panel.blockSizeSpinner())).contains("block size 6 must be odd")
                        .doesNotContain("--");
                assertThat(panel.problemLabelOf(panel.blockSizeSpinner()).isVisible()).isTrue();
                panel.blockSizeSpinner().setValue(7);
                assertThat(panel.problemBy(panel.blockSizeSpinner())).isEmpty();
                assertThat(c.tuning().get().matcher().blockSize()).isEqualTo(7);
                panel.blockSizeSpinner().setValue(3);
                panel.algorithmBox().setSelectedItem("bm"); // BM's window starts at 5
                assertThat(panel.problemBy(panel.blockSizeSpinner())).contains("block size 3", "between 5 and 255 for bm");
                assertThat(c.tuning().get().matcher().algorithm()).isEqualTo(MatcherSettings.Algorithm.SGBM);
            });
            c.applyPreset("none");
            assertThat(c.tuning().get().name()).isEqualTo("none");
            assertThat(UiSettings.load(file).preset()).isEqualTo("none");
        }
    }
}
