package io.github.stereostation.cli;

import io.github.stereostation.OpenCvNative;
import io.github.stereostation.UserInputException;
import io.github.stereostation.depth.CameraDefect;
import io.github.stereostation.depth.Evaluation;
import io.github.stereostation.depth.EvaluationTable;
import io.github.stereostation.depth.Preset;
import io.github.stereostation.depth.MiddleburyScene;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.Callable;

/** Scores matcher configurations on scenes with ground truth (Middlebury 2014 layout). */
@Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs a matcher on Middlebury-layout scenes (im0.png, im1.png, disp0GT.pfm, optional "
                + "mask0nocc.png and calib.txt) and prints bad-1/2/4, EPE, density and time per scene and the mean.",
                "bad-N: %% of evaluated pixels (finite GT, and mask0nocc==255 where the mask exists) more than N px "
                        + "off; a pixel without a disparity counts as bad. EPE: mean absolute error over evaluated "
                        + "pixels that have a disparity. density: %% of evaluated pixels with a disparity. "
                        + "meas/fill: %% of all pixels measured / filled from neighbours. b2@50/b2@90: bad-2 of the "
                        + "50 %% / 90 %% most confident evaluated pixels (how well the confidence ranks errors). "
                        + "ms: the matcher call alone."})
public final class EvalCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "DIR",
            description = "A scene folder, or a folder holding scene folders (e.g. ../shared/data/stereo-gt).")
    List<Path> dirs;

    @Option(names = "--range", paramLabel = "calib|auto", defaultValue = "calib",
            description = "Disparity range when --num-disparities/--max-disparity is not given: calib = ndisp "
                    + "from the scene's calib.txt (the Middlebury protocol; auto when absent), auto = estimated "
                    + "from the images like the disparity command does (default: ${DEFAULT-VALUE}).")
    String range;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Also write the table (scenes and means) as CSV, or JSON when FILE ends in .json.")
    Path out;

    @Option(names = "--perturb", paramLabel = "DEFECT", split = ",",
            description = "Also score each preset on the scenes as a desk rig of two webcams would deliver them, "
                    + "one table per defect and a summary against the clean scores: gain (one camera 30 %% "
                    + "brighter), gamma (0.8), noise (sigma 3), jpeg (MJPEG quality 75), vshift (0.7 px vertical "
                    + "misalignment), blur (slight defocus), or all.")
    List<String> perturb;

    @Option(names = "--no-warm-up", description = "Time the first run of each matcher (by default one untimed "
            + "run comes first, so the time shows steady-state cost).")
    boolean noWarmUp;

    @Mixin
    ConfigOption config;

    @Mixin
    MatcherOptions matcherOptions;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private List<Evaluation.Row> runAll(List<Path> scenes, CameraDefect defect, List<Evaluation.Configuration> configs) {
        List<Evaluation.Row> rows = new ArrayList<>();
        for (Path p : scenes) {
            try (MiddleburyScene scene = MiddleburyScene.read(p)) {
                rows.addAll(Evaluation.run(scene, defect, configs, !noWarmUp));
            }
        }
        return rows;
    }

    @Override
    public Integer call() throws IOException {
        OpenCvNative.load();
        boolean calibRange = switch (range.toLowerCase(Locale.ROOT)) {
            case "calib" -> true;
            case "auto" -> false;
            default -> throw new UserInputException("--range: unknown value '" + range + "'; valid: calib, auto");
        };
        List<Path> scenes = new ArrayList<>();
        for (Path d : dirs) {
            scenes.addAll(MiddleburyScene.sceneDirs(d));
        }
        boolean fixedRange = matcherOptions.rangeGiven(config.settings());
        List<Evaluation.Configuration> configs = new ArrayList<>();
        for (Preset p : matcherOptions.resolvePresets(config.settings())) {
            configs.add(new Evaluation.Configuration(p.name(), scene -> (calibRange && !fixedRange && scene.ndisp() > 0
                    ? p.withMatcher(p.matcher().withNumDisparities(scene.ndisp())) : p).createMatcher()));
        }
        List<CameraDefect> defects = new ArrayList<>();
        if (perturb != null) {
            for (String d : perturb) {
                if (d.trim().equalsIgnoreCase("all")) {
                    defects.addAll(List.of(CameraDefect.values()));
                } else {
                    try {
                        defects.add(CameraDefect.parse(d));
                    } catch (UserInputException e) {
                        throw new UserInputException("--perturb: " + e.getMessage() + ", all");
                    }
                }
            }
        }
        PrintWriter printer = spec.commandLine().getOut();
        List<Evaluation.Row> rows = runAll(scenes, null, configs);
        List<Evaluation.Row> all = EvaluationTable.withMeans(rows);
        EvaluationTable.print(all, printer);
        Map<CameraDefect, List<Evaluation.Row>> perDefect = new LinkedHashMap<>();
        for (CameraDefect d : defects) {
            printer.println();
            printer.println("-- " + d.label() + ": " + d.description());
            List<Evaluation.Row> withDefect = runAll(scenes, d, configs);
            EvaluationTable.print(EvaluationTable.withMeans(withDefect), printer);
            perDefect.put(d, EvaluationTable.means(withDefect));
        }
        if (!perDefect.isEmpty()) {
            printer.println();
            EvaluationTable.printDefects(EvaluationTable.means(rows), perDefect, printer);
        }
        if (out != null) {
            EvaluationTable.write(out, all);
        }
        return 0;
    }
}
