package io.github.stereostation.ui;

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
                panel.blockSizeSpinner().setValue(before.matcher().blockSize() + 2);
                assertThat(c.tuning().get().matcher().blockSize()).isEqualTo(before.matcher().blockSize() + 2);
                assertThat(c.tuning().get().filters()).isEqualTo(before.filters());
                Preset good = c.tuning().get();
                panel.blockSizeSpinner().setValue(6); // SGBM needs an odd block size
                assertThat(c.tuning().get()).isEqualTo(good);
                assertThat(panel.problemLabel().getText()).contains("block");
            });
            c.applyPreset("quality");
            assertThat(c.tuning().get().name()).isEqualTo("quality");
            assertThat(UiSettings.load(file).preset()).isEqualTo("quality");
        }
    }
}
