package io.github.stereostation.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Every command's --help renders cleanly: a description, and no picocli format warnings (an unescaped '%'). */
class HelpTextTest {
    @Test
    void everyCommandHelpRendersWithoutFormatWarnings() {
        CommandLine root = StereoStation.commandLine();
        PrintStream oldErr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertThat(root.getSubcommands()).containsKeys("disparity", "eval", "sim", "calibrate", "rectify",
                    "board", "cameras", "record", "cloud", "station", "bench", "mono");
            for (var e : root.getSubcommands().entrySet()) {
                StringWriter out = new StringWriter();
                e.getValue().usage(new PrintWriter(out));
                assertThat(e.getValue().getCommandSpec().usageMessage().description())
                        .as(e.getKey() + " has a description").isNotEmpty();
                assertThat(out.toString()).as(e.getKey()).contains("Usage: stereo-station " + e.getKey());
            }
        } finally {
            System.setErr(oldErr);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8)).as("picocli warnings").doesNotContain("WARN");
    }

    @Test
    void oneConfigOptionForEveryCommandThatReadsTheSettings() {
        CommandLine root = StereoStation.commandLine();
        for (var e : root.getSubcommands().entrySet()) {
            var spec = e.getValue().getCommandSpec();
            assertThat(spec.findOption("--settings")).as(e.getKey() + " has no second name for the settings file")
                    .isNull();
            java.util.Set<Class<?>> mixins = new java.util.HashSet<>();
            spec.mixins().values().forEach(m -> mixins.add(m.userObject().getClass()));
            boolean readsSettings = mixins.contains(SourceOptions.class) || mixins.contains(MatcherOptions.class)
                    || e.getKey().equals("station") || e.getKey().equals("two-shot");
            if (readsSettings) {
                assertThat(mixins).as(e.getKey() + " takes the shared --config").contains(ConfigOption.class);
            }
            if (spec.findOption("--config") != null) {
                assertThat(mixins).as(e.getKey() + "'s --config is the shared one").contains(ConfigOption.class);
            }
            StringWriter help = new StringWriter();
            e.getValue().usage(new PrintWriter(help));
            // a default that lives in config/station.yaml is named by its key, never restated as a number
            assertThat(help.toString()).as(e.getKey()).doesNotContain("default from config")
                    .doesNotContain("default from the config");
        }
    }
}
