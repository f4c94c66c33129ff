package io.github.stereostation.depth;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.github.stereostation.InvalidValueException;
import io.github.stereostation.UserInputException;
import io.github.stereostation.config.StationSettings;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A named set of matcher and filter parameters, kept in {@code config/presets/NAME.yaml} (the copy a user
 * edits; the jar carries the shipped copy as a fallback). {@code fast} is for the live loop, {@code balanced}
 * for the commands and snapshots; {@code none} is bare OpenCV SGBM with no post-processing.
 * Which one each uses by default is a station setting ({@code matcher.preset}, {@code matcher.livePreset}).
 */
public record Preset(String name, String description, MatcherSettings matcher, FilterSettings filters) {

    public static final List<String> NAMES = List.of("fast", "balanced", "none");
    public static final Path DIRECTORY = io.github.stereostation.StationHome.path("config", "presets");
    /** The value's name, as {@link InvalidValueException#field()} gives it. */
    public static final String FIELD = "preset";

    public Preset {
        if (matcher == null) {
            throw new UserInputException("preset " + name + ": missing 'matcher' section");
        }
        filters = filters == null ? FilterSettings.none() : filters;
    }

    /** Loads a preset by name from config/presets/ (or the shipped copy); unknown names list the valid ones. */
    public static Preset load(String name) {
        String key = name.trim().toLowerCase(Locale.ROOT);
        if (!NAMES.contains(key)) {
            throw new InvalidValueException(FIELD, "unknown preset '" + name + "'; valid: " + String.join(", ", NAMES));
        }
        Path file = DIRECTORY.resolve(key + ".yaml");
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                return parse(in, file.toString(), key);
            } catch (IOException e) {
                throw new UserInputException(file + ": cannot read preset (" + e.getMessage() + ")", e);
            }
        }
        String resource = "presets/" + key + ".yaml";
        try (InputStream in = Preset.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("shipped preset " + resource + " missing from the build");
            }
            return parse(in, resource, key);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Preset parse(InputStream in, String source, String name) throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        try {
            Preset p = yaml.readValue(in, Preset.class);
            return new Preset(name, p.description(), p.matcher(), p.filters());
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            Throwable root = e;
            while (root.getCause() != null && !(root instanceof UserInputException)) {
                root = root.getCause();
            }
            String why = root instanceof UserInputException ? root.getMessage()
                    : e.getOriginalMessage().lines().findFirst().orElse("");
            throw new UserInputException(source + ": not a valid preset: " + why, e);
        }
    }

    /** The commands' preset: {@code matcher.preset} of the station settings, with the section's overrides. */
    public static Preset forStation(StationSettings.Matcher station) {
        return load(station.preset(), station);
    }

    /** The live station's preset: {@code matcher.livePreset}, with the section's overrides. */
    public static Preset live(StationSettings.Matcher station) {
        return load(station.livePreset(), station);
    }

    /**
     * A preset with the station settings' matcher overrides applied, the one place they are: a different
     * algorithm (that algorithm's defaults under the preset's filters), a fixed largest disparity, a block size.
     */
    public static Preset load(String name, StationSettings.Matcher station) {
        Preset p = load(name);
        MatcherSettings m = p.matcher();
        MatcherSettings.Algorithm a = MatcherSettings.Algorithm.parse(station.algorithm(), "matcher.algorithm");
        if (a != m.algorithm()) {
            m = MatcherSettings.defaults(a);
        }
        if (station.maxDisparity() > 0) {
            m = m.withNumDisparities(station.maxDisparity() + 1);
        }
        if (station.blockSize() > 0) {
            m = m.withBlockSize(station.blockSize());
        }
        return p.withMatcher(m);
    }

    public Preset withMatcher(MatcherSettings m) {
        return new Preset(name, description, m, filters);
    }

    public Preset withFilters(FilterSettings f) {
        return new Preset(name, description, matcher, f);
    }

    /** The matcher this preset describes: bare OpenCV when every filter is off, the filtered chain otherwise. */
    public DisparityMatcher createMatcher() {
        return filters.any() ? new FilteredMatcher(name, matcher, filters) : matcher.createMatcher();
    }
}
