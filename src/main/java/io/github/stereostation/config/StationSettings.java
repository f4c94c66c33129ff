package io.github.stereostation.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.github.stereostation.UserInputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The defaults a user edits, read from {@code config/station.yaml}: one typed record for the whole program.
 * Missing keys keep their built-in defaults; an unknown key or a wrong type is a clear error naming the file.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record StationSettings(Matcher matcher, Camera camera) {

    /** Where the settings live, relative to the working directory (the repo root when run by the launcher). */
    public static final Path DEFAULT_FILE = io.github.stereostation.StationHome.path("config", "station.yaml");

    /** Disparity defaults: preset name plus overrides (0 or negative = "choose automatically"). */
    public record Matcher(String preset, String algorithm, int maxDisparity, int blockSize) {
        public Matcher {
            preset = preset == null ? "balanced" : preset;
            algorithm = algorithm == null ? "sgbm" : algorithm;
        }
    }

    /** Camera defaults for the live station. */
    public record Camera(String source, int leftDevice, int rightDevice, int width, int height, int fps,
                         String pixelFormat, double maxSkewMillis) {
        public Camera {
            source = source == null ? "auto" : source;
            width = width <= 0 ? 640 : width;
            height = height <= 0 ? 480 : height;
            fps = fps <= 0 ? 30 : fps;
            pixelFormat = pixelFormat == null ? "MJPG" : pixelFormat;
            maxSkewMillis = maxSkewMillis <= 0 ? 15 : maxSkewMillis;
        }
    }

    public StationSettings {
        matcher = matcher == null ? new Matcher(null, null, 0, 0) : matcher;
        camera = camera == null ? new Camera(null, 0, 1, 0, 0, 0, null, 0) : camera;
    }

    public static StationSettings defaults() {
        return new StationSettings(null, null);
    }

    /** Reads the settings file; a missing file means defaults, a malformed one is the user's error to fix. */
    public static StationSettings load(Path file) {
        if (!Files.exists(file)) {
            return defaults();
        }
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        try {
            StationSettings s = yaml.readValue(file.toFile(), StationSettings.class);
            return s == null ? defaults() : s;
        } catch (IOException e) {
            String why = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            throw new UserInputException(file + ": not a valid settings file: " + why, e);
        }
    }
}
