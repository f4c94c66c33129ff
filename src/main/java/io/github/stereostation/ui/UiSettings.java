package io.github.stereostation.ui;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.github.stereostation.UserInputException;
import io.github.stereostation.io.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the station window remembers between runs, kept in {@code config/ui.yaml}: theme, source, calibration
 * file, preset and how the views are drawn. Only choices made in the window are kept here: a source or preset
 * never chosen is empty, and the station settings' {@code camera.source} and {@code matcher.livePreset} apply.
 * Unknown keys are ignored (an older or newer file still opens); a file that is not YAML at all is reported by name.
 *
 * @param theme       "light" or "dark"
 * @param source      source spec ("synthetic", "auto", "replay:DIR", "opencv:0,1"), or empty: not chosen
 * @param calibration calibration file, or empty for none
 * @param preset      matcher preset name (fast | balanced | none), or empty: not chosen
 * @param quantity    what the third view shows
 * @param palette     colour or grey
 * @param showRectified whether left/right show the rectified pair
 * @param monoFill    whether the live loop fills stereo holes from the mono depth model (off by default)
 * @param monoFillEveryFrames how often the mono model runs: every n-th frame
 * @param windowWidth  the station window's width when it was last closed (0: not known yet)
 * @param windowHeight its height
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record UiSettings(String theme, String source, String calibration, String preset,
                         ViewSettings.Quantity quantity, ViewSettings.Palette palette, Boolean showRectified,
                         Boolean monoFill, Integer monoFillEveryFrames, Integer windowWidth,
                         Integer windowHeight) {

    public static final Path DEFAULT_FILE = io.github.stereostation.StationHome.path("config", "ui.yaml");

    public UiSettings {
        theme = "dark".equalsIgnoreCase(theme) ? "dark" : "light";
        source = source == null ? "" : source.trim();
        calibration = calibration == null ? "" : calibration;
        preset = preset == null ? "" : preset.trim();
        quantity = quantity == null ? ViewSettings.Quantity.DISPARITY : quantity;
        palette = palette == null ? ViewSettings.Palette.COLOUR : palette;
        showRectified = showRectified == null ? Boolean.TRUE : showRectified;
        monoFill = monoFill == null ? Boolean.FALSE : monoFill;
        monoFillEveryFrames = monoFillEveryFrames == null || monoFillEveryFrames < 1 ? 10 : monoFillEveryFrames;
        windowWidth = windowWidth == null || windowWidth < 0 ? 0 : windowWidth;
        windowHeight = windowHeight == null || windowHeight < 0 ? 0 : windowHeight;
    }

    public static UiSettings defaults() {
        return new UiSettings(null, null, null, null, null, null, null, null, null, null, null);
    }

    public boolean dark() {
        return theme.equals("dark");
    }

    public ViewSettings view() {
        return new ViewSettings(quantity, palette, showRectified);
    }

    public UiSettings withTheme(String t) {
        return new UiSettings(t, source, calibration, preset, quantity, palette, showRectified, monoFill, monoFillEveryFrames,
                windowWidth, windowHeight);
    }

    public UiSettings withSource(String s) {
        return new UiSettings(theme, s, calibration, preset, quantity, palette, showRectified, monoFill, monoFillEveryFrames,
                windowWidth, windowHeight);
    }

    public UiSettings withCalibration(String c) {
        return new UiSettings(theme, source, c, preset, quantity, palette, showRectified, monoFill, monoFillEveryFrames,
                windowWidth, windowHeight);
    }

    public UiSettings withPreset(String p) {
        return new UiSettings(theme, source, calibration, p, quantity, palette, showRectified, monoFill, monoFillEveryFrames,
                windowWidth, windowHeight);
    }

    public UiSettings withView(ViewSettings v) {
        return new UiSettings(theme, source, calibration, preset, v.quantity(), v.palette(), v.showRectified(), monoFill,
                monoFillEveryFrames, windowWidth, windowHeight);
    }

    public UiSettings withMonoFill(boolean on, int everyFrames) {
        return new UiSettings(theme, source, calibration, preset, quantity, palette, showRectified, on, everyFrames,
                windowWidth, windowHeight);
    }

    public UiSettings withWindowSize(int width, int height) {
        return new UiSettings(theme, source, calibration, preset, quantity, palette, showRectified, monoFill,
                monoFillEveryFrames, width, height);
    }

    /** The live loop's mono fill rate: every n-th frame, 0 when off. */
    public int monoFillFrames() {
        return monoFill ? monoFillEveryFrames : 0;
    }

    private static ObjectMapper yaml() {
        return new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));
    }

    /** Reads the file; a missing file gives the defaults. */
    public static UiSettings load(Path file) {
        if (!Files.exists(file)) {
            return defaults();
        }
        try {
            UiSettings s = yaml().readValue(file.toFile(), UiSettings.class);
            return s == null ? defaults() : s;
        } catch (IOException e) {
            String why = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            throw new UserInputException(file + ": not a valid UI settings file: " + why, e);
        }
    }

    /** Writes the file atomically (creating its folder), so a crash never leaves half a file. */
    public void save(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        byte[] bytes = ("# Stereo Station window settings, written by the station when they change.\n"
                + yaml().writeValueAsString(this)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        AtomicFiles.write(file, bytes);
    }
}
