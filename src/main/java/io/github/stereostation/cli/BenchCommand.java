package io.github.stereostation.cli;

import io.github.stereostation.OpenCvNative;
import io.github.stereostation.UserInputException;
import io.github.stereostation.depth.Preset;
import io.github.stereostation.pipeline.LiveLoop;
import io.github.stereostation.pipeline.MatcherBenchmark;
import io.github.stereostation.pipeline.PipelineBenchmark;
import io.github.stereostation.pipeline.SoakRun;
import io.github.stereostation.sim.StereoRig;
import io.github.stereostation.ui.ViewRenderer;
import io.github.stereostation.ui.ViewSettings;
import io.github.stereostation.ui.ViewerBenchmark;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code bench}: speed tables, each section next to the bare OpenCV calls it builds on, in one process. The
 * measuring lives in {@link MatcherBenchmark}, {@link PipelineBenchmark}, {@link SoakRun} and
 * {@link ViewerBenchmark}; this command checks the options and prints.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measures speed and prints tables (nothing is asserted; numbers depend on the machine).",
                "matcher: each preset (--compare) against bare OpenCV doing the same matching: the preset's "
                        + "StereoSGBM/StereoBM call with its parameters at its working resolution and range (fast: "
                        + "half resolution), nothing else; rows interleaved frame by frame, median over the rounds, "
                        + "ratio = preset time / bare time. Printed as a Markdown table.",
                "pipeline: the live loop against the same preset in a plain loop on the same synthetic frames. Rows: "
                        + "preset, plain loop; pipeline (capture -> match -> depth on their own threads, as fast "
                        + "as it goes); pipeline + view (also building the window's images); paced like a camera "
                        + "at --camera-fps (for latency).",
                "viewer: software 3D viewer frame time for clouds of 100k to 1M points while orbiting (camera order, as "
                        + "clouds from depth maps come, and shuffled), next to OpenCV's projectPoints on the same points "
                        + "(projection only).",
                "--soak N runs the station loop on the synthetic rig for N frames and prints resident memory (VmRSS)."})
public final class BenchCommand implements Callable<Integer> {

    @Option(names = "--only", paramLabel = "SECTION", description = "Run one section: matcher, pipeline or viewer.")
    String only;

    @Option(names = "--compare", paramLabel = "PRESETS", defaultValue = "fast,balanced", split = ",",
            description = "Presets the matcher section compares with bare OpenCV (default: ${DEFAULT-VALUE}).")
    List<String> compare;

    @Option(names = "--frames", paramLabel = "N",
            description = "Frames measured per row: matcher (rounds, default 21), pipeline (default 200), viewer "
                    + "(per cloud size, default 30).")
    Integer frames;

    @Option(names = "--width", paramLabel = "PX", defaultValue = "640", description = "Image width (default: ${DEFAULT-VALUE}).")
    int width;

    @Option(names = "--height", paramLabel = "PX", defaultValue = "480", description = "Image height (default: ${DEFAULT-VALUE}).")
    int height;

    @Option(names = "--preset", paramLabel = "NAME", defaultValue = "fast",
            description = "Matcher preset: fast, balanced or none (default: ${DEFAULT-VALUE}).")
    String preset;

    @Option(names = "--disparities", paramLabel = "PX", defaultValue = "128",
            description = "Disparity search range in pixels, a multiple of 16; 0 keeps the preset's "
                    + "(default: ${DEFAULT-VALUE}).")
    int disparities;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "20",
            description = "Frames run before measuring each row (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--distinct", paramLabel = "N", defaultValue = "8",
            description = "Different synthetic pairs rendered up front and cycled (default: ${DEFAULT-VALUE}).")
    int distinct;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "3",
            description = "Rounds of all rows; the summary takes each row's median (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--camera-fps", paramLabel = "FPS", defaultValue = "25",
            description = "Rate of the paced row, like a camera (default: ${DEFAULT-VALUE}).")
    double cameraFps;

    @Option(names = "--size", paramLabel = "WxH", defaultValue = "1280x720",
            description = "Viewer frame size in pixels (default: ${DEFAULT-VALUE}).")
    String size;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--soak", paramLabel = "N", defaultValue = "0",
            description = "Instead of the table: run the station loop on the synthetic rig for N frames, "
                    + "printing resident memory (VmRSS) every --rss-every frames.")
    long soak;

    @Option(names = "--rss-every", paramLabel = "N", defaultValue = "500",
            description = "Soak report interval in frames (default: ${DEFAULT-VALUE}).")
    long rssEvery;

    @Override
    public Integer call() throws Exception {
        OpenCvNative.load();
        if (only != null && !List.of("matcher", "pipeline", "viewer").contains(only)) {
            throw new UserInputException("--only: unknown section '" + only + "' (expected matcher, pipeline or viewer)");
        }
        if (frames != null && frames < 1) {
            throw new UserInputException("--frames: expected at least 1, got " + frames);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (soak > 0) {
            return soak(pipelinePreset(), out);
        }
        if (only == null || only.equals("matcher")) {
            matcher(out);
        }
        if (only == null || only.equals("pipeline")) {
            pipeline(pipelinePreset(), out);
        }
        if (only == null || only.equals("viewer")) {
            viewer(out);
        }
        return 0;
    }

    private void checkSize() {
        if (width < 64 || height < 48) {
            throw new UserInputException("--width/--height: " + width + "x" + height + " is too small; expected at least 64x48");
        }
        if (warmup < 0 || distinct <= 0 || rounds <= 0) {
            throw new UserInputException("--distinct and --rounds must be positive, --warmup not negative");
        }
        if (disparities < 0 || disparities % 16 != 0 || disparities >= width) {
            throw new UserInputException("--disparities: " + disparities + " is not valid; expected 0 or a multiple "
                    + "of 16 below the width " + width);
        }
    }

    private Preset pipelinePreset() {
        checkSize();
        Preset p = Preset.load(preset);
        if (disparities > 0) {
            p = p.withMatcher(p.matcher().withNumDisparities(disparities));
        }
        return p;
    }

    private void matcher(PrintWriter out) throws IOException {
        checkSize();
        if (disparities == 0) {
            throw new UserInputException("--disparities: the matcher section needs a fixed range (a multiple of 16)");
        }
        List<Preset> presets = new ArrayList<>();
        for (String name : compare) {
            presets.add(Preset.load(name.trim()));
        }
        List<Mat[]> pairs = PipelineBenchmark.syntheticPairs(width, height, distinct);
        try {
            MatcherBenchmark.Table t = MatcherBenchmark.run(presets, pairs, disparities, frames == null ? 21 : frames,
                    Math.min(warmup, 3));
            out.println(t.header() + ", OpenCV " + Core.VERSION + " with " + Core.getNumThreads() + " threads");
            out.println();
            out.print(t.markdown());
            out.println();
            out.flush();
        } finally {
            release(pairs);
        }
    }

    private void pipeline(Preset p, PrintWriter out) throws Exception {
        out.printf(Locale.ROOT, "bench %dx%d, preset %s (%s), %d cores, OpenCV %s with %d threads%n", width, height,
                p.name(), p.matcher().describe(), Runtime.getRuntime().availableProcessors(), Core.VERSION,
                Core.getNumThreads());
        List<Mat[]> pairs = PipelineBenchmark.syntheticPairs(width, height, distinct);
        try {
            PipelineBenchmark.Spec s = new PipelineBenchmark.Spec(p, frames == null ? 200 : frames, warmup, rounds,
                    cameraFps, () -> new ViewRenderer(ViewSettings::defaults, v -> { }));
            PipelineBenchmark.Result r = PipelineBenchmark.run(s, pairs,
                    LiveLoop.idealGeometry(StereoRig.idealDesk(width, height)), line -> {
                        out.println(line);
                        out.flush();
                    });
            out.printf(Locale.ROOT, "median of %d rounds%n", rounds);
            for (PipelineBenchmark.Row row : r.medians()) {
                out.println(row.format(r.plainFps()));
            }
            out.printf(Locale.ROOT, "pipeline/plain-loop throughput ratio: %.3f (plumbing cost %.1f %%)%n",
                    r.ratio(), 100 * (1 - r.ratio()));
            out.flush();
        } finally {
            release(pairs);
        }
    }

    private static void release(List<Mat[]> pairs) {
        for (Mat[] m : pairs) {
            m[0].release();
            m[1].release();
        }
    }

    private void viewer(PrintWriter out) {
        String[] wh = size.toLowerCase(Locale.ROOT).split("x");
        int w, h;
        try {
            w = Integer.parseInt(wh[0]);
            h = Integer.parseInt(wh[1]);
        } catch (RuntimeException e) {
            throw new UserInputException("--size: expected WxH such as 1280x720, got '" + size + "'");
        }
        if (w < 16 || h < 16 || w > 8192 || h > 8192) {
            throw new UserInputException("--size: " + size + " is out of range (16..8192 per side)");
        }
        int n = frames == null ? 30 : frames;
        out.printf(Locale.ROOT, "viewer (software z-buffer renderer, %dx%d, %d frames while orbiting, %d cores)%n", w, h, n,
                Runtime.getRuntime().availableProcessors());
        out.printf(Locale.ROOT, "%10s %-9s %10s %8s %6s %24s%n", "points", "order", "median ms", "best ms", "fps",
                "OpenCV projectPoints ms");
        for (int count : List.of(100_000, 300_000, 1_000_000, -1_000_000)) {
            boolean shuffled = count < 0;
            ViewerBenchmark.Result r = ViewerBenchmark.run(ViewerBenchmark.syntheticCloud(Math.abs(count), shuffled, 1), w, h, n);
            out.printf(Locale.ROOT, "%,10d %-9s %10.1f %8.1f %6.1f %24.1f%n", r.points(), shuffled ? "shuffled" : "camera",
                    r.medianMillis(), r.bestMillis(), r.framesPerSecond(), r.openCvProjectMedianMillis());
            out.flush();
        }
    }

    private int soak(Preset p, PrintWriter out) throws Exception {
        if (!SoakRun.available()) {
            throw new UserInputException("--soak: /proc/self/status is not available (Linux only)");
        }
        SoakRun.run(new SoakRun.Spec(p, width, height, soak, rssEvery, distinct,
                shown -> new ViewRenderer(ViewSettings::defaults, v -> shown.run())), line -> {
                    out.println(line);
                    out.flush();
                });
        return 0;
    }
}
