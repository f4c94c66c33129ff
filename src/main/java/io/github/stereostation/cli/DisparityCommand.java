package io.github.stereostation.cli;

import io.github.stereostation.OpenCvNative;
import io.github.stereostation.UserInputException;
import io.github.stereostation.depth.DisparityResultSet;
import io.github.stereostation.depth.Preset;
import io.github.stereostation.depth.StereoImages;
import org.opencv.core.Mat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** Disparity from two rectified photos, written as viewable PNGs and lossless PFM. */
@Command(name = "disparity", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Computes the disparity of a rectified stereo pair (left pixel x matches right pixel x-d).",
                "Writes NAME.png (grey, near = light, no disparity = black), NAME-colour.png (Turbo colour map) "
                        + "and NAME.pfm (float disparity in pixels, Middlebury format, no disparity = NaN).",
                "With a filtering preset (the default, balanced) it also writes NAME-confidence.png: 128-255 = "
                        + "measured (both views agree on a textured pixel), 1-127 = filled from neighbours "
                        + "(occlusions, rejected matches, bare surfaces), 0 = unknown.",
                "The disparity range is estimated from the images unless given."})
public final class DisparityCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "LEFT", description = "Left rectified image (PNG, JPEG, ...).")
    Path left;

    @Parameters(index = "1", paramLabel = "RIGHT", description = "Right rectified image, same size as LEFT.")
    Path right;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", defaultValue = ".",
            description = "Folder for the output files (default: current folder).")
    Path outDir;

    @Option(names = "--name", paramLabel = "NAME", defaultValue = "disparity",
            description = "Base name of the output files (default: ${DEFAULT-VALUE}).")
    String name;

    @Mixin
    ConfigOption config;

    @Mixin
    MatcherOptions matcherOptions;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        OpenCvNative.load();
        if (Files.exists(outDir) && !Files.isDirectory(outDir)) {
            throw new UserInputException("--out: " + outDir + " is a file, not a folder");
        }
        java.util.List<Preset> presets = matcherOptions.resolvePresets(config.settings());
        if (presets.size() != 1) {
            throw new UserInputException("--preset: give one preset for disparity (eval compares several)");
        }
        Preset preset = presets.get(0);
        Mat[] pair = StereoImages.readPair(left, right);
        try {
            if (preset.matcher().numDisparities() >= pair[0].cols()) {
                throw new UserInputException("--num-disparities/--max-disparity: range " + preset.matcher().numDisparities()
                        + " px is larger than the image width " + pair[0].cols() + " px of " + left);
            }
            spec.commandLine().getOut().println(DisparityResultSet.compute(preset, pair[0], pair[1], outDir, name));
        } finally {
            pair[0].release();
            pair[1].release();
        }
        return 0;
    }
}
