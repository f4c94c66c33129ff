package io.github.stereostation.cli;

import io.github.stereostation.OpenCvNative;
import io.github.stereostation.depth.DisparityMetrics;
import io.github.stereostation.depth.Preset;
import io.github.stereostation.pipeline.GroundTruthTap;
import io.github.stereostation.pipeline.LiveLoop;
import io.github.stereostation.pipeline.LoopSpec;
import io.github.stereostation.pipeline.PipelineStats;
import io.github.stereostation.ui.StationController;
import io.github.stereostation.ui.StationWindow;
import io.github.stereostation.ui.UiSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.awt.GraphicsEnvironment;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/** {@code station}: the live window (or, without a display, the same loop headless for a few seconds). */
@Command(name = "station", mixinStandardHelpOptions = true,
        description = {"The live station: left, right and disparity/depth views, live tuning, snapshots.",
                "Without a display it runs the same loop headless for --seconds and prints frames/s, latency and "
                        + "(on the synthetic rig) bad-2 against the rig's truth; use `xvfb-run -a` for a window "
                        + "on a server.",
                "Choices made in the window (source, calibration, preset, theme) are remembered in config/ui.yaml."})
public final class StationCommand implements Callable<Integer>, WritesAsItGoes {

    /** Loop period of the synthetic rig in a headless run: 8 distinct frames, so most of it shows the loop's speed. */
    static final int HEADLESS_LOOP_FRAMES = 14;

    @Option(names = "--source", paramLabel = "SPEC",
            description = "synthetic (the built-in rig), auto (two cameras, else the synthetic rig), opencv:L,R, "
                    + "webcam:L,R, sbs-camera:N, replay:DIR, video:FILE, videos:LEFT,RIGHT. "
                    + "Default: the last choice in config/ui.yaml, else camera.source in the settings file.")
    String source;

    @Option(names = "--calibration", paramLabel = "FILE",
            description = "Stereo calibration (OpenCV YAML) to rectify with and to measure distances; "
                    + "\"none\" for none. Default: the last choice in config/ui.yaml.")
    String calibration;

    @Option(names = "--preset", paramLabel = "NAME",
            description = "Matcher preset: fast, balanced or none. Default: the last choice in the window, "
                    + "else matcher.livePreset in the settings file.")
    String preset;

    @Option(names = "--headless", description = "Run without a window even when a display is available.")
    boolean headless;

    @Option(names = "--seconds", paramLabel = "S",
            description = "How long the run lasts (default: 10 headless, until closed with a window); the window "
                    + "then closes by itself and prints the same summary line as the headless run. With "
                    + "--screenshot, the wait before the screenshot.")
    Double seconds;

    @Option(names = "--screenshot", paramLabel = "PNG",
            description = "With a display: after --seconds, save a screenshot of the window to this file and close it.")
    Path screenshot;

    @Mixin
    ConfigOption config;

    @Override
    public Integer call() throws Exception {
        OpenCvNative.load();
        LoopSpec spec = LoopSpec.from(config.settings());
        UiSettings ui = UiSettings.load(UiSettings.DEFAULT_FILE);
        if (source != null) {
            ui = ui.withSource(source);
        }
        if (calibration != null) {
            ui = ui.withCalibration(calibration.equalsIgnoreCase("none") ? "" : calibration);
        }
        if (preset != null) {
            spec.preset(preset); // refuse a bad name before opening anything
            ui = ui.withPreset(preset);
        }
        if (!ui.calibration().isEmpty() && !java.nio.file.Files.isRegularFile(Path.of(ui.calibration()))) {
            throw new io.github.stereostation.UserInputException("--calibration: " + ui.calibration()
                    + " does not exist; expected a stereo calibration file (see the calibrate command)");
        }
        if (headless || GraphicsEnvironment.isHeadless()) {
            if (!headless) {
                System.out.println("No display found: running the station loop headless for " + runSeconds()
                        + " s. For the window on a server, run: xvfb-run -a ./stereo-station");
            }
            LoopSpec headlessSpec = (ui.source().isEmpty() ? spec : spec.withSource(ui.source()))
                    .withSyntheticLoopFrames(HEADLESS_LOOP_FRAMES)
                    .withCalibration(ui.calibration().isEmpty() ? null : Path.of(ui.calibration()));
            return runHeadless(headlessSpec, ui.preset().isEmpty() ? spec.livePreset() : spec.preset(ui.preset()),
                    runSeconds(), System.out);
        }
        boolean timed = seconds != null || screenshot != null;
        PipelineStats last = StationWindow.showAndWait(new StationController(ui, UiSettings.DEFAULT_FILE, spec),
                screenshot, timed ? runSeconds() : 0);
        if (timed && last != null) {
            System.out.println("done: " + last.delivered() + " frames, " + line(last, 0, 0));
        }
        return 0;
    }

    private double runSeconds() {
        return seconds == null ? 10 : seconds;
    }

    /** The loop without a window: prints its figures every second, and bad-2 when the truth is known. */
    static int runHeadless(LoopSpec spec, Preset preset, double seconds, PrintStream out) throws InterruptedException {
        AtomicReference<LiveLoop> loopRef = new AtomicReference<>();
        DoubleAdder bad2Sum = new DoubleAdder();
        LongAdder scored = new LongAdder();
        try (LiveLoop loop = LiveLoop.open(spec, () -> preset, job -> {
            LiveLoop l = loopRef.get();
            GroundTruthTap tap = l == null ? null : l.truth();
            GroundTruthTap.Truth t = tap == null ? null : tap.truth(job.sequence());
            if (t != null && job.disparity() != null) {
                float[] d = new float[t.width() * t.height()];
                job.disparity().get(0, 0, d);
                bad2Sum.add(DisparityMetrics.measure(d, t.disparity(), t.nonOccluded()).bad2());
                scored.increment();
            }
        })) {
            loopRef.set(loop);
            out.println("source: " + loop.pipeline().describeSource() + ", " + loop.describeCalibration()
                    + ", preset " + preset.name() + " (" + preset.matcher().describe() + ")");
            if (loop.sourceNote() != null) {
                out.println("note: " + loop.sourceNote());
            }
            long end = System.nanoTime() + (long) (seconds * 1e9);
            while (System.nanoTime() < end && !loop.pipeline().sourceEnded()) {
                Thread.sleep(Math.min(1000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
                out.println(line(loop.pipeline().stats(), bad2Sum.sum(), scored.sum()) + health(loop));
            }
            PipelineStats s = loop.pipeline().stats();
            out.println("done: " + s.delivered() + " frames, " + line(s, bad2Sum.sum(), scored.sum()) + health(loop));
        }
        return 0;
    }

    /** The rig's health for the summary; a rig that moved points to the command that repairs it. */
    private static String health(LiveLoop loop) {
        io.github.stereostation.calibration.RigHealth h = loop.rigHealth();
        if (h == null) {
            return "";
        }
        return "; " + h.text() + (h.needsRefinement() ? " (run refine-rectification)" : "");
    }

    private static String line(PipelineStats s, double bad2Sum, long scored) {
        String bad2 = scored == 0 ? "" : String.format(Locale.ROOT, ", bad-2 %.2f %% (mean of %d frames vs truth)",
                bad2Sum / scored, scored);
        return s.summary() + bad2 + (s.status().startsWith("running") ? "" : " — " + s.status());
    }
}
