package io.github.stereostation.cli;

import io.github.stereostation.UserInputException;
import io.github.stereostation.config.StationSettings;
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
            loaded = StationSettings.load(file != null ? file : StationSettings.defaultFile());
        }
        return loaded;
    }
}
