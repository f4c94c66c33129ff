package io.github.stereostation.pipeline;

import java.nio.file.Path;

/**
 * What a live loop opens: a source spec ("synthetic", "auto", "replay:DIR", "opencv:0,1", …), an optional
 * calibration file, the camera size and rate, and whether generated sources (the synthetic rig, replays) are
 * paced like a camera at {@code fps} or run as fast as the loop takes frames (bench, tests). With
 * {@code syntheticLoopFrames} above 0 the synthetic rig loops with that period, the
 * {@link io.github.stereostation.sim.SyntheticStereoSource#looping} way (an even number: K/2 + 1 distinct frames,
 * rendered once); 0 renders every frame afresh.
 * With {@code monoFillEveryFrames} above 0 (and distances known) the loop fills stereo holes from a mono depth
 * model run on every n-th frame; {@code monoModel} names it as {@code depth.MonoModels.resolve} takes it (null:
 * the first model installed under models/).
 */
public record LoopSpec(String source, Path calibration, int width, int height, double fps, double maxSkewMillis,
                       boolean paceGenerated, int syntheticLoopFrames, int monoFillEveryFrames, String monoModel) {

    public LoopSpec {
        source = source == null || source.isBlank() ? "synthetic" : source.trim();
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("size must be positive, got " + width + "x" + height);
        }
        fps = fps > 0 ? fps : 30;
        maxSkewMillis = maxSkewMillis > 0 ? maxSkewMillis : 20;
        if (syntheticLoopFrames < 0 || syntheticLoopFrames % 2 != 0) {
            throw new IllegalArgumentException("synthetic loop period must be 0 or an even number of frames, got "
                    + syntheticLoopFrames);
        }
        monoFillEveryFrames = Math.max(0, monoFillEveryFrames);
    }

    /** Without mono fill. */
    public LoopSpec(String source, Path calibration, int width, int height, double fps, double maxSkewMillis,
                    boolean paceGenerated, int syntheticLoopFrames) {
        this(source, calibration, width, height, fps, maxSkewMillis, paceGenerated, syntheticLoopFrames, 0, null);
    }

    public static LoopSpec synthetic(int width, int height) {
        return new LoopSpec("synthetic", null, width, height, 30, 20, false, 0);
    }

    public LoopSpec withSource(String s) {
        return new LoopSpec(s, calibration, width, height, fps, maxSkewMillis, paceGenerated, syntheticLoopFrames,
                monoFillEveryFrames, monoModel);
    }

    public LoopSpec withCalibration(Path c) {
        return new LoopSpec(source, c, width, height, fps, maxSkewMillis, paceGenerated, syntheticLoopFrames,
                monoFillEveryFrames, monoModel);
    }

    public LoopSpec withPaceGenerated(boolean pace) {
        return new LoopSpec(source, calibration, width, height, fps, maxSkewMillis, pace, syntheticLoopFrames,
                monoFillEveryFrames, monoModel);
    }

    public LoopSpec withSyntheticLoopFrames(int n) {
        return new LoopSpec(source, calibration, width, height, fps, maxSkewMillis, paceGenerated, n,
                monoFillEveryFrames, monoModel);
    }

    /** Mono fill on every n-th frame (0 = off) with the named model (null = the first one installed). */
    public LoopSpec withMonoFill(int everyFrames, String model) {
        return new LoopSpec(source, calibration, width, height, fps, maxSkewMillis, paceGenerated, syntheticLoopFrames,
                everyFrames, model);
    }
}
