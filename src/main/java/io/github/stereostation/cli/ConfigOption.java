package io.github.stereostation.cli;

import io.github.stereostation.UserInputException;
import io.github.stereostation.config.StationSettings;
import io.github.stereostation.depth.Preset;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one {@code --config FILE} option ({@code @Mixin ConfigOption config;}): which station settings file a
 * command takes its defaults from. Commands pass {@link #settings()} to {@link SourceOptions} and
 * {@link MatcherOptions}.
 */
public final class ConfigOption {

    @Option(names = "--config", paramLabel = "FILE",
            description = "Settings file with the defaults (cameras, source, presets). Default: "
                    + StationSettings.DEFAULT_NAME + "; without it, the shipped values.")
    Path file;

    private StationSettings loaded;

    /** The settings the command runs with, read once. */
    public StationSettings settings() {
        if (loaded == null) {
            if (file != null && !Files.isRegularFile(file)) {
                throw new UserInputException("--config " + file + ": no such file");
            }
            Path read = file != null ? file : StationSettings.defaultFile();
            StationSettings s = StationSettings.load(read);
            // a preset the settings name must exist (an old file may name one no longer shipped): said now, by key
            presetOf(read, "matcher.preset", s.matcher().preset());
            presetOf(read, "matcher.livePreset", s.matcher().livePreset());
            loaded = s;
        }
        return loaded;
    }

    private static void presetOf(Path file, String key, String name) {
        if (!Preset.NAMES.contains(name.trim().toLowerCase(java.util.Locale.ROOT))) {
            throw new UserInputException(file + ": " + key + ": unknown preset '" + name + "'; valid: "
                    + String.join(", ", Preset.NAMES));
        }
    }
}
