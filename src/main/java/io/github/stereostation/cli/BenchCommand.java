package io.github.stereostation.cli;

import io.github.stereostation.OpenCvNative;
import io.github.stereostation.UserInputException;
import io.github.stereostation.ui.ViewerBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** Speed tables. Section "viewer": the 3D viewer's frame time against OpenCV's bare point projection. */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measures speed and prints tables (nothing is asserted; numbers depend on the machine).",
                "viewer: software 3D viewer frame time for clouds of 100k to 1M points while orbiting (camera order, as "
                        + "clouds from depth maps come, and shuffled), next to OpenCV's projectPoints on the same points "
                        + "(projection only)."})
public final class BenchCommand implements Callable<Integer> {

    @Option(names = "--only", paramLabel = "SECTION", description = "Run one section: viewer.")
    String only;

    @Option(names = "--frames", paramLabel = "N", defaultValue = "30",
            description = "Frames measured per cloud size (default: ${DEFAULT-VALUE}).")
    int frames;

    @Option(names = "--size", paramLabel = "WxH", defaultValue = "1280x720",
            description = "Viewer frame size in pixels (default: ${DEFAULT-VALUE}).")
    String size;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        OpenCvNative.load();
        if (only != null && !only.equals("viewer")) {
            throw new UserInputException("--only: unknown section '" + only + "' (expected viewer)");
        }
        if (frames < 1) {
            throw new UserInputException("--frames: expected at least 1, got " + frames);
        }
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
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "viewer (software z-buffer renderer, %dx%d, %d frames while orbiting, %d cores)%n", w, h, frames,
                Runtime.getRuntime().availableProcessors());
        out.printf(Locale.ROOT, "%10s %-9s %10s %8s %6s %24s%n", "points", "order", "median ms", "best ms", "fps",
                "OpenCV projectPoints ms");
        for (int n : List.of(100_000, 300_000, 1_000_000, -1_000_000)) {
            boolean shuffled = n < 0;
            ViewerBenchmark.Result r = ViewerBenchmark.run(ViewerBenchmark.syntheticCloud(Math.abs(n), shuffled, 1), w, h, frames);
            out.printf(Locale.ROOT, "%,10d %-9s %10.1f %8.1f %6.1f %24.1f%n", r.points(), shuffled ? "shuffled" : "camera",
                    r.medianMillis(), r.bestMillis(), r.framesPerSecond(), r.openCvProjectMedianMillis());
            out.flush();
        }
        return 0;
    }
}
