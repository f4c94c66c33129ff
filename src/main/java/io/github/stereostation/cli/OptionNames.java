package io.github.stereostation.cli;

import io.github.stereostation.InvalidValueException;
import io.github.stereostation.calibration.BoardPrinter;
import io.github.stereostation.calibration.BoardSpec;
import io.github.stereostation.calibration.CalibrationImages;
import io.github.stereostation.calibration.StereoCalibrator;
import io.github.stereostation.depth.MatcherSettings;
import io.github.stereostation.depth.MonoReconstruction;
import io.github.stereostation.depth.Preset;
import picocli.CommandLine;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The CLI's words for the library's values: which flag gives each {@link InvalidValueException#field()}, so an
 * error about "block size 4" reads {@code --block-size: block size 4 must be odd, ...} on the command line.
 */
final class OptionNames {
    private static final Map<String, List<String>> FLAGS = Map.ofEntries(
            Map.entry(MatcherSettings.ALGORITHM, List.of("--matcher")),
            Map.entry(MatcherSettings.BLOCK_SIZE, List.of("--block-size")),
            Map.entry(MatcherSettings.DISPARITY_RANGE, List.of("--max-disparity", "--num-disparities")),
            Map.entry(MatcherSettings.UNIQUENESS, List.of("--uniqueness")),
            Map.entry(MatcherSettings.SPECKLE_WINDOW, List.of("--speckle-window")),
            Map.entry(MatcherSettings.SPECKLE_RANGE, List.of("--speckle-range")),
            Map.entry(Preset.FIELD, List.of("--preset")),
            Map.entry(MonoReconstruction.Settings.FIELD_OF_VIEW, List.of("--fov")),
            Map.entry(MonoReconstruction.Settings.NEAR, List.of("--near")),
            Map.entry(MonoReconstruction.Settings.FAR, List.of("--far")),
            Map.entry(MonoReconstruction.Settings.SMOOTHING, List.of("--smooth")),
            Map.entry(MonoReconstruction.Settings.EDGE_JUMP, List.of("--edge-jump")),
            Map.entry(MonoReconstruction.Settings.STEP, List.of("--step")),
            Map.entry(BoardPrinter.DPI, List.of("--dpi")),
            Map.entry(BoardPrinter.MARGIN, List.of("--margin-mm")),
            Map.entry(BoardSpec.FIELD, List.of("--board")),
            Map.entry(StereoCalibrator.DROP_ABOVE, List.of("--drop-above")),
            Map.entry(CalibrationImages.LEFT_PATTERN, List.of("--left")),
            Map.entry(io.github.stereostation.cloud.DepthSmoother.RADIUS, List.of("--smooth")),
            Map.entry(io.github.stereostation.depth.OnnxMonoDepthEstimator.THREADS, List.of("--threads")),
            Map.entry(io.github.stereostation.capture.SessionRecorder.QUEUE, List.of("--queue")));

    private OptionNames() {
    }

    /**
     * The flag the user typed on this command that gave the value, or empty when the value came from elsewhere
     * (a settings file, a default) and no flag is to blame.
     */
    static Optional<String> typedFor(CommandLine command, String field) {
        CommandLine.ParseResult parsed = command.getParseResult();
        if (parsed == null) {
            return Optional.empty();
        }
        return FLAGS.getOrDefault(field, List.of()).stream().filter(parsed::hasMatchedOption).findFirst();
    }

    /** The message as the command line says it: the flag in front of the library's words where one is to blame. */
    static String message(CommandLine command, InvalidValueException e) {
        return typedFor(command, e.field()).map(flag -> flag + ": ").orElse("") + e.getMessage();
    }
}
