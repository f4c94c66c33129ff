package io.github.stereostation.cli;

import io.github.stereostation.OpenCvNative;
import io.github.stereostation.depth.Preset;
import io.github.stereostation.pipeline.LoopSpec;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class StationCommandTest {
    @Test
    void headlessRunPrintsRateLatencyAndBad2AgainstTheRigsTruth() throws Exception {
        OpenCvNative.load();
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
        LoopSpec spec = LoopSpec.synthetic(160, 120).withSyntheticLoopFrames(6);
        assertThat(StationCommand.runHeadless(spec, Preset.load("fast"), 3, out)).isZero();
        String text = buf.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("source: synthetic rig 160x120").contains("ideal synthetic rig");
        assertThat(text).containsPattern("done: \\d+ frames, [0-9.]+ fps, latency [0-9.]+ ms");
        assertThat(text).containsPattern("bad-2 [0-9.]+ % \\(mean of [1-9]\\d* frames vs truth\\)");
    }

    @Test
    void aBadPresetOrMissingCalibrationIsAUserErrorWithExitCode2() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        var cl = StereoStation.commandLine();
        cl.setErr(new java.io.PrintWriter(err, true));
        assertThat(cl.execute("station", "--headless", "--preset", "turbo")).isEqualTo(2);
        assertThat(err.toString()).contains("turbo");
        assertThat(cl.execute("station", "--headless", "--calibration", "no/such/rig.yaml")).isEqualTo(2);
        assertThat(err.toString()).contains("no/such/rig.yaml");
    }

    @Test
    void aPresetTheSettingsFileNamesButNoLongerShipsIsAnErrorNamingTheFileAndKey(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path yaml = java.nio.file.Files.writeString(dir.resolve("station.yaml"),
                "matcher:\n  livePreset: quality\n");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        var cl = StereoStation.commandLine();
        cl.setErr(new java.io.PrintWriter(err, true));
        assertThat(cl.execute("station", "--headless", "--config", yaml.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("station.yaml").contains("matcher.livePreset")
                .contains("unknown preset 'quality'").contains("fast, balanced");
    }
}
