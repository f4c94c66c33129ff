package io.github.stereostation.cli;

import io.github.stereostation.OpenCvNative;
import io.github.stereostation.UserInputException;
import io.github.stereostation.depth.DisparityImages;
import io.github.stereostation.depth.DisparityMap;
import io.github.stereostation.depth.DisparityMatcher;
import io.github.stereostation.depth.MatcherSettings;
import io.github.stereostation.depth.Pfm;
import io.github.stereostation.depth.Preset;
import io.github.stereostation.depth.RangedMatcher;
import io.github.stereostation.depth.StereoImages;
import io.github.stereostation.io.ImageFiles;
import org.opencv.core.Mat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** Disparity from two rectified photos, written as viewable PNGs and lossless PFM. */
@Command(name = "disparity", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Computes the disparity of a rectified stereo pair (left pixel x matches right pixel x-d).",
                "Writes NAME.png (grey, near = light, no disparity = black), NAME-colour.png (Turbo colour map) "
                        + "and NAME.pfm (float disparity in pixels, Middlebury format, no disparity = NaN).",
                "With a filtering preset (the default, balanced) it also writes NAME-confidence.png (0 = guessed, "
                        + "255 = both views agree).",
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
    MatcherOptions matcherOptions;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        OpenCvNative.load();
        if (!Files.isDirectory(outDir)) {
            throw new UserInputException("--out: " + outDir + " is not an existing folder");
        }
        java.util.List<Preset> presets = matcherOptions.resolvePresets();
        if (presets.size() != 1) {
            throw new UserInputException("--preset: give one preset for disparity (eval compares several)");
        }
        Preset preset = presets.get(0);
        MatcherSettings settings = preset.matcher();
        Mat[] pair = StereoImages.readPair(left, right);
        try (DisparityMatcher matcher = preset.createMatcher()) {
            if (settings.numDisparities() >= pair[0].cols()) {
                throw new UserInputException("--num-disparities/--max-disparity: range " + settings.numDisparities()
                        + " px is larger than the image width " + pair[0].cols() + " px of " + left);
            }
            long t0 = System.nanoTime();
            try (DisparityMap map = matcher.compute(pair[0], pair[1])) {
                double ms = (System.nanoTime() - t0) / 1e6;
                int range = matcher instanceof RangedMatcher r ? r.numDisparities() : 0;
                write(map, range);
                spec.commandLine().getOut().printf(Locale.ROOT, "%s, range %d px, %dx%d, %.0f ms -> %s%n", matcher.describe(), range,
                        map.width(), map.height(), ms, outDir.resolve(name + ".{png,pfm}"));
            }
        } finally {
            pair[0].release();
            pair[1].release();
        }
        return 0;
    }

    private void write(DisparityMap map, int range) throws IOException {
        double top = range > 0 ? range : DisparityImages.maxFinite(map.disparity());
        Mat grey = DisparityImages.grey(map.disparity(), top);
        Mat colour = DisparityImages.colour(map.disparity(), top);
        try {
            Pfm.write(outDir.resolve(name + ".pfm"), map.disparity());
            ImageFiles.writePng(outDir.resolve(name + ".png"), grey);
            ImageFiles.writePng(outDir.resolve(name + "-colour.png"), colour);
            if (map.confidence() != null) {
                ImageFiles.writePng(outDir.resolve(name + "-confidence.png"), map.confidence());
            }
        } finally {
            grey.release();
            colour.release();
        }
    }
}
