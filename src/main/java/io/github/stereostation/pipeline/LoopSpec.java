package io.github.stereostation.pipeline;

import io.github.stereostation.capture.CameraSettings;
import io.github.stereostation.config.StationSettings;
import io.github.stereostation.depth.MatcherSettings;
import io.github.stereostation.depth.Preset;
import io.github.stereostation.geometry.DisparityToDepth;
import io.github.stereostation.sim.SyntheticStereoSource;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What a live loop opens and runs: a source spec ("synthetic", "auto", "replay:DIR", "opencv:0,1", …), an
 * optional calibration file, the camera settings the source is opened with, the station's matcher settings
 * ({@link #livePreset()} is the preset a loop starts with until the user chooses one), and whether generated sources (the synthetic rig, replays) are
 * paced like a camera at the camera's fps or run as fast as the loop takes frames (bench, tests). With
 * {@code syntheticLoopFrames} above 0 the synthetic rig loops with that period, the
 * {@link SyntheticStereoSource#looping} way (an even number: K/2 + 1 distinct frames, rendered once); 0 renders
 * every frame afresh.
 * With {@code monoFillEveryFrames} above 0 (and distances known) the loop fills stereo holes from a mono depth
 * model run on every n-th frame; {@code monoModel} names it as {@code depth.MonoModels.resolve} takes it (null:
 * the first model installed under models/).
 */
public record LoopSpec(String source, Path calibration, CameraSettings camera, StationSettings.Matcher matcher,
                       boolean paceGenerated, int syntheticLoopFrames, int monoFillEveryFrames, String monoModel) {

    public LoopSpec {
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("source spec: empty");
        }
        source = source.trim();
        Objects.requireNonNull(camera, "camera");
        Objects.requireNonNull(matcher, "matcher");
        if (syntheticLoopFrames < 0 || syntheticLoopFrames % 2 != 0) {
            throw new IllegalArgumentException("synthetic loop period must be 0 or an even number of frames, got "
                    + syntheticLoopFrames);
        }
        monoFillEveryFrames = Math.max(0, monoFillEveryFrames);
    }

    /**
     * The station's loop as the settings describe it: their source, cameras and presets; generated sources
     * paced like a camera, and the synthetic rig looping (ray-cast rendering is slow: a loop's distinct frames
     * are rendered once, then replayed).
     */
    public static LoopSpec from(StationSettings settings) {
        return new LoopSpec(settings.camera().source(), null, CameraSettings.from(settings.camera()),
                settings.matcher(), true, SyntheticStereoSource.LIVE_LOOP_FRAMES, 0, null);
    }

    /** The synthetic rig at this size with the shipped settings, unpaced, every frame rendered afresh. */
    public static LoopSpec synthetic(int width, int height) {
        StationSettings d = StationSettings.defaults();
        return new LoopSpec("synthetic", null, CameraSettings.from(d.camera()).withSize(width, height), d.matcher(),
                false, 0, 0, null);
    }

    public int width() {
        return camera.width();
    }

    public int height() {
        return camera.height();
    }

    public double fps() {
        return camera.fps();
    }

    /** The preset the loop starts with: the settings' {@code livePreset}, with their matcher overrides. */
    public Preset livePreset() {
        return Preset.live(matcher);
    }

    /**
     * {@code preset} as the loop runs it when distances are known: a preset that leaves the range to the images
     * searches what {@code matcher.nearestMetres} shows as instead (plus a pixel, rounded up to OpenCV's 16,
     * inside the image), so a hand that comes nearer than the first frame's scene is still measured. A range
     * given in the settings or the window stands.
     *
     * @param geometry the rectified rig, or null when the loop has no distances (the preset is returned as is)
     * @param width    the rectified image width, pixels
     */
    public Preset withWorkingRange(Preset preset, DisparityToDepth geometry, int width) {
        if (workingRangeReason(preset, geometry) == null) {
            return preset;
        }
        int nearest = (int) Math.ceil(geometry.disparityPx(matcher.nearestMetres())) + 1;
        int range = Math.min(MatcherSettings.roundUpTo16(Math.max(16, nearest)), Math.max(16, (width - 1) / 16 * 16));
        return preset.withMatcher(preset.matcher().withNumDisparities(range));
    }

    /**
     * Why {@link #withWorkingRange} sets {@code preset}'s range, e.g. "from 0.50 m on"; null where it leaves
     * the preset as it is (no distances, or a range given).
     */
    public String workingRangeReason(Preset preset, DisparityToDepth geometry) {
        return geometry == null || preset.matcher().numDisparities() > 0 ? null
                : String.format(java.util.Locale.ROOT, "from %.2f m on", matcher.nearestMetres());
    }

    /** A preset chosen by name, with the same matcher overrides as the live preset. */
    public Preset preset(String name) {
        return Preset.load(name, matcher);
    }

    public LoopSpec withSource(String s) {
        return new LoopSpec(s, calibration, camera, matcher, paceGenerated, syntheticLoopFrames, monoFillEveryFrames,
                monoModel);
    }

    public LoopSpec withCalibration(Path c) {
        return new LoopSpec(source, c, camera, matcher, paceGenerated, syntheticLoopFrames, monoFillEveryFrames,
                monoModel);
    }

    public LoopSpec withCamera(CameraSettings c) {
        return new LoopSpec(source, calibration, c, matcher, paceGenerated, syntheticLoopFrames, monoFillEveryFrames,
                monoModel);
    }

    public LoopSpec withMatcher(StationSettings.Matcher m) {
        return new LoopSpec(source, calibration, camera, m, paceGenerated, syntheticLoopFrames, monoFillEveryFrames,
                monoModel);
    }

    public LoopSpec withPaceGenerated(boolean pace) {
        return new LoopSpec(source, calibration, camera, matcher, pace, syntheticLoopFrames, monoFillEveryFrames,
                monoModel);
    }

    public LoopSpec withSyntheticLoopFrames(int n) {
        return new LoopSpec(source, calibration, camera, matcher, paceGenerated, n, monoFillEveryFrames, monoModel);
    }

    /** Mono fill on every n-th frame (0 = off) with the named model (null = the first one installed). */
    public LoopSpec withMonoFill(int everyFrames, String model) {
        return new LoopSpec(source, calibration, camera, matcher, paceGenerated, syntheticLoopFrames, everyFrames,
                model);
    }
}
