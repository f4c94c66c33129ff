package io.github.stereostation.depth;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.github.stereostation.UserInputException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A named set of matcher and filter parameters, kept in {@code config/presets/NAME.yaml} (the copy a user
 * edits; the jar carries the shipped copy as a fallback). {@code fast} is for the live loop, {@code balanced}
 * the default, {@code quality} for snapshots; {@code none} is bare OpenCV SGBM with no post-processing.
 */
public record Preset(String name, String description, MatcherSettings matcher, FilterSettings filters) {

    public static final List<String> NAMES = List.of("fast", "balanced", "quality", "none");
    public static final Path DIRECTORY = io.github.stereostation.StationHome.path("config", "presets");
    public static final String DEFAULT = "balanced";

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
            throw new UserInputException("--preset: unknown preset '" + name + "'; valid: " + String.join(", ", NAMES));
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

    /**
     * The preset {@code config/station.yaml}'s matcher section asks for, with its overrides applied: a
     * different algorithm (that algorithm's defaults under the preset's filters), a fixed largest disparity,
     * a block size. This is what the live loop and the UI use when the user has not chosen otherwise.
     */
    public static Preset forStation(io.github.stereostation.config.StationSettings.Matcher station) {
        Preset p = load(station.preset());
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
