package io.github.stereostation.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.github.stereostation.UserInputException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

/**
 * The defaults a user edits, read from {@code config/station.yaml}: one typed record for the whole program, and
 * the one home of every default in it. The built-in defaults are that same file as shipped (it travels in the
 * jar), so each default is written once; a user's file only needs the keys it changes. An unknown key, a wrong
 * type or an impossible value is a clear error naming the file and the key.
 * <p>
 * Every key is read somewhere: the {@code matcher} section by the disparity, eval, cloud and two-shot commands
 * and (through {@code livePreset}) the station window and its loop; the {@code camera} section by every command
 * that opens cameras and by the station.
 */
public record StationSettings(Matcher matcher, Camera camera) {

    /** Where the settings live, relative to the working directory, in words for help texts. */
    public static final String DEFAULT_NAME = "config/station.yaml";

    /** Where the settings live: in the installation folder ({@link io.github.stereostation.StationHome}). */
    public static final Path DEFAULT_FILE = io.github.stereostation.StationHome.path(DEFAULT_NAME);

    /** The shipped file, as the build copies it into the jar. */
    private static final String BUILT_IN = "station.yaml";

    /**
     * Disparity defaults.
     *
     * @param preset       the commands' preset (disparity, eval, cloud, two-shot), from config/presets/
     * @param livePreset   the preset the live station starts with (until one is chosen in the window)
     * @param algorithm    sgbm or bm, applied to whichever preset is used
     * @param maxDisparity the largest disparity expected, pixels; 0 = estimate from the images
     * @param blockSize    matching window side; 0 = the preset's choice
     * @param nearestMetres the nearest distance the live loop measures when it knows distances (a calibration or
     *                     the synthetic rig): its disparity range follows from it instead of from the first frame
     * @param temporal     the live loop's temporal filter
     */
    public record Matcher(String preset, String livePreset, String algorithm, int maxDisparity, int blockSize,
                          double nearestMetres, Temporal temporal) {
        public Matcher {
            need(preset, "matcher.preset");
            need(livePreset, "matcher.livePreset");
            need(algorithm, "matcher.algorithm");
            if (maxDisparity < 0) {
                throw new IllegalArgumentException("matcher.maxDisparity " + maxDisparity
                        + ": expected pixels, or 0 to estimate from the images");
            }
            if (blockSize < 0) {
                throw new IllegalArgumentException("matcher.blockSize " + blockSize
                        + ": expected an odd size, or 0 for the preset's");
            }
            if (!(nearestMetres > 0)) {
                throw new IllegalArgumentException("matcher.nearestMetres " + nearestMetres
                        + ": expected a positive distance in metres");
            }
            if (temporal == null) {
                throw new IllegalArgumentException("matcher.temporal: missing; expected enabled, weight and resetPx");
            }
        }

        public Matcher withPreset(String p) {
            return new Matcher(p, livePreset, algorithm, maxDisparity, blockSize, nearestMetres, temporal);
        }

        public Matcher withLivePreset(String p) {
            return new Matcher(preset, p, algorithm, maxDisparity, blockSize, nearestMetres, temporal);
        }

        public Matcher withTemporal(Temporal t) {
            return new Matcher(preset, livePreset, algorithm, maxDisparity, blockSize, nearestMetres, t);
        }
    }

    /**
     * The live loop's temporal filter (depth.TemporalFilter): steadier depth on still surfaces.
     *
     * @param enabled whether the live loop runs it
     * @param weight  share of each new frame in a pixel's running average, in (0, 1]
     * @param resetPx a pixel whose disparity changes by more than this starts afresh (motion, edges), pixels
     */
    public record Temporal(boolean enabled, double weight, double resetPx) {
        public Temporal {
            if (!(weight > 0 && weight <= 1)) {
                throw new IllegalArgumentException("matcher.temporal.weight " + weight + ": expected more than 0, "
                        + "at most 1");
            }
            if (!(resetPx > 0)) {
                throw new IllegalArgumentException("matcher.temporal.resetPx " + resetPx
                        + ": expected a positive number of pixels");
            }
        }
    }

    /**
     * Camera defaults: for every command that opens cameras, and the station.
     *
     * @param source        a source spec (auto, synthetic, opencv:0,1, replay:DIR, ...)
     * @param pixelFormat   a four-character code such as MJPG or YUYV, or ANY
     * @param maxSkewMillis pairs whose two exposures are further apart are dropped
     */
    public record Camera(String source, int width, int height, double fps, String pixelFormat, double maxSkewMillis) {
        public Camera {
            need(source, "camera.source");
            need(pixelFormat, "camera.pixelFormat");
            if (width <= 0 || height <= 0) {
                throw new IllegalArgumentException("camera.width/height " + width + "x" + height
                        + ": expected positive sizes");
            }
            if (!(fps > 0)) {
                throw new IllegalArgumentException("camera.fps " + fps + ": expected a positive frame rate");
            }
            if (!(maxSkewMillis > 0)) {
                throw new IllegalArgumentException("camera.maxSkewMillis " + maxSkewMillis
                        + ": expected a positive number of milliseconds");
            }
        }

        public Camera withSource(String s) {
            return new Camera(s, width, height, fps, pixelFormat, maxSkewMillis);
        }

        public Camera withPixelFormat(String f) {
            return new Camera(source, width, height, fps, f, maxSkewMillis);
        }

        public Camera withMaxSkewMillis(double ms) {
            return new Camera(source, width, height, fps, pixelFormat, ms);
        }
    }

    public StationSettings {
        if (matcher == null || camera == null) {
            throw new IllegalArgumentException("both the matcher and the camera sections are needed");
        }
    }

    private static void need(String value, String key) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(key + ": empty; expected a value");
        }
    }

    public StationSettings withMatcher(Matcher m) {
        return new StationSettings(m, camera);
    }

    public StationSettings withCamera(Camera c) {
        return new StationSettings(matcher, c);
    }

    private static final class BuiltIn {
        static final ObjectNode TREE = readBuiltIn();
        static final StationSettings SETTINGS = toSettings(TREE, "built-in " + DEFAULT_NAME);
    }

    /** The shipped defaults. */
    public static StationSettings defaults() {
        return BuiltIn.SETTINGS;
    }

    /** The settings file the program reads when none is named. */
    public static Path defaultFile() {
        return DEFAULT_FILE;
    }

    /** Reads the default settings file ({@link #defaultFile()}). */
    public static StationSettings load() {
        return load(defaultFile());
    }

    /**
     * Reads a settings file over the defaults: a missing file means the defaults, a missing key keeps its
     * default, a malformed file is the user's error to fix.
     */
    public static StationSettings load(Path file) {
        if (!Files.exists(file)) {
            return defaults();
        }
        ObjectMapper yaml = mapper();
        JsonNode user;
        try {
            user = yaml.readTree(file.toFile());
        } catch (IOException e) {
            throw new UserInputException(file + ": not a valid settings file: " + firstLine(e), e);
        }
        ObjectNode merged = BuiltIn.TREE.deepCopy();
        if (user != null && user.isObject()) {
            overlay(merged, (ObjectNode) user);
        } else if (user != null && !user.isNull() && !user.isMissingNode()) {
            throw new UserInputException(file + ": not a valid settings file: expected sections such as 'camera:'");
        }
        return toSettings(merged, file.toString());
    }

    private static ObjectMapper mapper() {
        return new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    }

    private static StationSettings toSettings(ObjectNode tree, String where) {
        try {
            return mapper().treeToValue(tree, StationSettings.class);
        } catch (IOException e) {
            throw new UserInputException(where + ": not a valid settings file: " + firstLine(e), e);
        }
    }

    /** Copies the user's keys over the defaults, section by section; an empty value keeps the default. */
    private static void overlay(ObjectNode into, ObjectNode from) {
        for (Iterator<Map.Entry<String, JsonNode>> it = from.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode mine = into.get(e.getKey());
            JsonNode theirs = e.getValue();
            if (theirs == null || theirs.isNull()) {
                continue;
            }
            if (mine != null && mine.isObject() && theirs.isObject()) {
                overlay((ObjectNode) mine, (ObjectNode) theirs);
            } else {
                into.set(e.getKey(), theirs);
            }
        }
    }

    private static ObjectNode readBuiltIn() {
        try (InputStream in = StationSettings.class.getResourceAsStream(BUILT_IN)) {
            if (in == null) {
                throw new IllegalStateException("the built-in " + DEFAULT_NAME + " is missing from the build");
            }
            return (ObjectNode) mapper().readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("the built-in " + DEFAULT_NAME + " does not read: " + firstLine(e), e);
        }
    }

    private static String firstLine(Exception e) {
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()
                && !(m.getCause() instanceof IllegalArgumentException)) {
            StringBuilder key = new StringBuilder();
            for (JsonMappingException.Reference r : m.getPath()) {
                key.append(key.length() == 0 ? "" : ".").append(r.getFieldName() != null ? r.getFieldName() : "?");
            }
            if (m instanceof UnrecognizedPropertyException u) {
                return key + ": unknown key; expected one of " + u.getKnownPropertyIds();
            }
            if (m instanceof MismatchedInputException in && in.getTargetType() != null) {
                Class<?> t = in.getTargetType();
                return key + ": expected " + (t == String.class ? "text" : t.isPrimitive() ? "a number" : "a section");
            }
            String why = m.getOriginalMessage() == null ? "" : m.getOriginalMessage().lines().findFirst().orElse("");
            return key + ": " + why;
        }
        Throwable t = e;
        // a value refused by a record's constructor says what is wrong in its own message
        while (t.getCause() != null && t.getCause() instanceof IllegalArgumentException) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage().lines().findFirst().orElse("");
    }
}
