package io.github.stereostation.cli;

import io.github.stereostation.UserInputException;
import io.github.stereostation.calibration.CalibrationStore;
import io.github.stereostation.calibration.RefinedRectification;
import io.github.stereostation.calibration.StereoCalibration;
import io.github.stereostation.capture.StereoSource;
import io.github.stereostation.pipeline.RigRefinement;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code stereo-station refine-rectification}: re-aims the right camera of a calibration from the scene, no board. */
@Command(name = "refine-rectification", mixinStandardHelpOptions = true,
        description = "Refines a calibration after a camera was bumped, without a board: matches features on a few "
                + "seconds of pairs, re-estimates the right camera's orientation (keeping intrinsics and baseline), "
                + "prints the row error before and after, and saves a new calibration file (an existing file of "
                + "that name is kept as .bak).")
public final class RefineRectificationCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Mixin
    SourceOptions source;

    @Option(names = "--calibration", paramLabel = "FILE", required = true, description = "The calibration to refine.")
    Path calibration;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Where to save the refined calibration (default: NAME-refined.yaml beside the calibration).")
    Path out;

    @Option(names = "--pairs", paramLabel = "N", defaultValue = "90",
            description = "Use at most this many pairs (default: ${DEFAULT-VALUE}, 3 s at 30 frames/s).")
    int pairs;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "10",
            description = "Stop reading after this long (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (pairs < 1) {
            throw new UserInputException("--pairs " + pairs + ": expected 1 or more");
        }
        if (!(seconds > 0)) {
            throw new UserInputException("--seconds " + seconds + ": expected more than 0");
        }
        if (!Files.isRegularFile(calibration)) {
            throw new UserInputException("--calibration " + calibration + ": no such file");
        }
        StereoCalibration cal = StereoCalibration.load(calibration);
        Path target = out != null ? out : defaultOut(calibration);
        PrintWriter o = spec.commandLine().getOut();
        RefinedRectification r;
        try (StereoSource src = source.open(config.settings())) {
            o.println("Reading up to " + pairs + " pairs from " + src.describe() + " ...");
            o.flush();
            r = RigRefinement.fromSource(src, cal, pairs, seconds, null);
        }
        boolean replacing = Files.exists(target);
        r.save(target);
        o.println(r.summary());
        o.println("saved " + target + (replacing ? " (the previous file is kept as "
                + CalibrationStore.backupOf(target).getFileName() + ")" : ""));
        o.flush();
        return 0;
    }

    static Path defaultOut(Path calibration) {
        String name = calibration.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot) : ".yaml";
        return calibration.resolveSibling(stem + "-refined" + ext);
    }
}
