package io.github.stereostation.cli;

import io.github.stereostation.OpenCvNative;
import io.github.stereostation.UserInputException;
import io.github.stereostation.capture.StereoFrame;
import io.github.stereostation.depth.DisparityMap;
import io.github.stereostation.depth.DisparityMatcher;
import io.github.stereostation.depth.Preset;
import io.github.stereostation.geometry.DisparityToDepth;
import io.github.stereostation.pipeline.DepthStage;
import io.github.stereostation.pipeline.FrameSink;
import io.github.stereostation.pipeline.LiveLoop;
import io.github.stereostation.pipeline.LoopSpec;
import io.github.stereostation.pipeline.MatchStage;
import io.github.stereostation.pipeline.PipelineOptions;
import io.github.stereostation.pipeline.PipelineStats;
import io.github.stereostation.pipeline.RepeatingSource;
import io.github.stereostation.pipeline.StageTiming;
import io.github.stereostation.pipeline.Stage;
import io.github.stereostation.pipeline.StationPipeline;
import io.github.stereostation.sim.StereoRig;
import io.github.stereostation.sim.SyntheticStereoSource;
import io.github.stereostation.ui.ViewRenderer;
import io.github.stereostation.ui.ViewSettings;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import io.github.stereostation.ui.ViewerBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code bench}: speed tables, each section next to the bare OpenCV calls it builds on, in one process.
 * Section "pipeline": the same synthetic frames through bare matching (the preset's matcher called in a plain
 * loop) and through the live pipeline; frames/s, per-stage times, latency and the ratio. With {@code --soak N}
 * it instead runs the live loop on the synthetic rig for N frames and prints resident memory as it goes.
 * Section "viewer": the 3D viewer's frame time against OpenCV's bare point projection.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measures speed and prints tables (nothing is asserted; numbers depend on the machine).",
                "pipeline: the live loop against bare matching on the same synthetic frames. Rows: bare (the preset's "
                        + "matcher in a plain loop), pipeline (capture -> match -> depth on their own threads, as fast "
                        + "as it goes), pipeline + view (also building the window's images), and paced like a camera "
                        + "at --camera-fps (for latency).",
                "viewer: software 3D viewer frame time for clouds of 100k to 1M points while orbiting (camera order, as "
                        + "clouds from depth maps come, and shuffled), next to OpenCV's projectPoints on the same points "
                        + "(projection only).",
                "--soak N runs the station loop on the synthetic rig for N frames and prints resident memory (VmRSS)."})
public final class BenchCommand implements Callable<Integer> {

    @Option(names = "--only", paramLabel = "SECTION", description = "Run one section: pipeline or viewer.")
    String only;

    @Option(names = "--frames", paramLabel = "N",
            description = "Frames measured per row (pipeline, default 200) or per cloud size (viewer, default 30).")
    Integer frames;

    @Option(names = "--width", paramLabel = "PX", defaultValue = "640", description = "Image width (default: ${DEFAULT-VALUE}).")
    int width;

    @Option(names = "--height", paramLabel = "PX", defaultValue = "480", description = "Image height (default: ${DEFAULT-VALUE}).")
    int height;

    @Option(names = "--preset", paramLabel = "NAME", defaultValue = "fast",
            description = "Matcher preset: fast, balanced, quality or none (default: ${DEFAULT-VALUE}).")
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
        if (only != null && !only.equals("viewer") && !only.equals("pipeline")) {
            throw new UserInputException("--only: unknown section '" + only + "' (expected pipeline or viewer)");
        }
        if (frames != null && frames < 1) {
            throw new UserInputException("--frames: expected at least 1, got " + frames);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (soak > 0) {
            return soak(pipelinePreset(), out);
        }
        if (only == null || only.equals("pipeline")) {
            table(pipelinePreset(), out);
        }
        if (only == null || only.equals("viewer")) {
            viewer(out);
        }
        return 0;
    }

    private Preset pipelinePreset() {
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
        Preset p = Preset.load(preset);
        if (disparities > 0) {
            p = p.withMatcher(p.matcher().withNumDisparities(disparities));
        }
        return p;
    }

    private int pipelineFrames() {
        return frames == null ? 200 : frames;
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

    private void table(Preset p, PrintWriter out) throws Exception {
        out.printf(Locale.ROOT, "bench %dx%d, preset %s (%s), %d cores, OpenCV %s with %d threads%n", width, height,
                p.name(), p.matcher().describe(), Runtime.getRuntime().availableProcessors(), Core.VERSION,
                Core.getNumThreads());
        List<Mat[]> pairs = renderPairs();
        StereoRig rig = StereoRig.idealDesk(width, height);
        DisparityToDepth geometry = LiveLoop.idealGeometry(rig);
        try {
            List<Double> bare = new ArrayList<>();
            List<Row> free = new ArrayList<>();
            List<Row> view = new ArrayList<>();
            List<Row> paced = new ArrayList<>();
            String pacedName = String.format(Locale.ROOT, "paced %.0f fps + view", cameraFps);
            // the Java filter loops and OpenCV's thread pool warm up over the first few hundred frames: one
            // uncounted pass through bare and pipeline keeps that out of round 1
            out.println("warm-up pass (not counted)");
            out.flush();
            bare(p, pairs);
            pipelined(p, pairs, geometry, PipelineOptions.onDemand(0), null);
            for (int round = 1; round <= rounds; round++) {
                // rows alternate within each round so that load from other processes hits them alike
                out.printf(Locale.ROOT, "round %d of %d%n", round, rounds);
                bare.add(bare(p, pairs));
                out.printf(Locale.ROOT, "  %-20s %8.1f frames/s  %7.2f ms/frame%n", "bare matching",
                        bare.get(bare.size() - 1), 1000 / bare.get(bare.size() - 1));
                double b = bare.get(bare.size() - 1);
                free.add(pipelined(p, pairs, geometry, PipelineOptions.onDemand(0), null));
                print(out, "pipeline", free.get(free.size() - 1), b);
                view.add(pipelined(p, pairs, geometry, PipelineOptions.onDemand(0),
                        new ViewRenderer(ViewSettings::defaults, v -> { })));
                print(out, "pipeline + view", view.get(view.size() - 1), b);
                paced.add(pipelined(p, pairs, geometry, PipelineOptions.onDemand(cameraFps),
                        new ViewRenderer(ViewSettings::defaults, v -> { })));
                print(out, pacedName, paced.get(paced.size() - 1), b);
            }
            double bareFps = median(bare);
            out.printf(Locale.ROOT, "median of %d rounds%n", rounds);
            out.printf(Locale.ROOT, "  %-20s %8.1f frames/s  %7.2f ms/frame%n", "bare matching", bareFps, 1000 / bareFps);
            Row f = medianRow(free);
            print(out, "pipeline", f, bareFps);
            print(out, "pipeline + view", medianRow(view), bareFps);
            print(out, pacedName, medianRow(paced), bareFps);
            out.printf(Locale.ROOT, "pipeline/bare throughput ratio: %.3f (plumbing cost %.1f %%)%n",
                    f.fps() / bareFps, 100 * (1 - f.fps() / bareFps));
            out.flush();
        } finally {
            for (Mat[] m : pairs) {
                m[0].release();
                m[1].release();
            }
        }
    }

    private List<Mat[]> renderPairs() throws IOException {
        List<Mat[]> pairs = new ArrayList<>();
        try (SyntheticStereoSource rig = new SyntheticStereoSource(StereoRig.idealDesk(width, height))) {
            for (int i = 0; i < distinct; i++) {
                StereoFrame f = rig.next();
                pairs.add(new Mat[]{f.left(), f.right()});
            }
        }
        return pairs;
    }

    private double bare(Preset p, List<Mat[]> pairs) {
        try (DisparityMatcher m = p.createMatcher()) {
            for (int i = 0; i < warmup; i++) {
                Mat[] pair = pairs.get(i % pairs.size());
                m.compute(pair[0], pair[1]).close();
            }
            long t0 = System.nanoTime();
            for (int i = 0; i < pipelineFrames(); i++) {
                Mat[] pair = pairs.get(i % pairs.size());
                DisparityMap d = m.compute(pair[0], pair[1]);
                d.close();
            }
            return pipelineFrames() * 1e9 / (System.nanoTime() - t0);
        }
    }

    private record Row(double fps, PipelineStats stats) {
    }

    private static double median(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        s.sort(null);
        return s.get(s.size() / 2);
    }

    private static Row medianRow(List<Row> rows) {
        List<Row> s = new ArrayList<>(rows);
        s.sort(java.util.Comparator.comparingDouble(Row::fps));
        return s.get(s.size() / 2);
    }

    private Row pipelined(Preset p, List<Mat[]> pairs, DisparityToDepth geometry, PipelineOptions options,
                          FrameSink view) throws InterruptedException {
        int total = warmup + pipelineFrames();
        AtomicLong delivered = new AtomicLong();
        long[] marks = new long[2];
        CountDownLatch done = new CountDownLatch(1);
        FrameSink sink = job -> {
            if (view != null) {
                view.accept(job);
            }
            long n = delivered.incrementAndGet();
            if (n == warmup) {
                marks[0] = System.nanoTime();
            }
            if (n == total) {
                marks[1] = System.nanoTime();
                done.countDown();
            }
        };
        // endless source: with newest-wins hand-offs the loop may skip a frame, so count deliveries instead
        RepeatingSource source = new RepeatingSource(pairs, 0, "synthetic frames in memory");
        List<Stage> stages = List.of(new MatchStage<Preset>(() -> p, Preset::createMatcher), new DepthStage(() -> geometry));
        try (StationPipeline pipeline = new StationPipeline(source, stages, sink, options)) {
            if (warmup == 0) {
                marks[0] = System.nanoTime();
            }
            pipeline.start();
            if (!done.await(10, TimeUnit.MINUTES)) {
                throw new IllegalStateException("pipeline delivered only " + delivered.get() + " of " + total + " frames");
            }
            PipelineStats stats = pipeline.stats();
            return new Row(pipelineFrames() * 1e9 / (marks[1] - marks[0]), stats);
        } finally {
            if (view != null) {
                view.close();
            }
        }
    }

    private static void print(PrintWriter out, String name, Row r, double bareFps) {
        PipelineStats s = r.stats();
        StringBuilder steps = new StringBuilder();
        for (StageTiming t : s.steps()) {
            steps.append(String.format(Locale.ROOT, " %s %.2f", t.name(), t.meanMillis()));
        }
        out.printf(Locale.ROOT, "  %-20s %8.1f frames/s  ratio %.3f  latency %.1f ms (%.2f frame intervals)  dropped %d |%s ms%n",
                name, r.fps(), r.fps() / bareFps, s.latencyMillis(), s.latencyMillis() * r.fps() / 1000,
                s.dropped(), steps);
    }

    private record Sample(long frames, double rssMb, double heapMb, long nanos) {
    }

    private int soak(Preset p, PrintWriter out) throws Exception {
        long warm = Math.max(rssEvery, soak / 10 / rssEvery * rssEvery);
        out.printf(Locale.ROOT, "soak: station loop on the synthetic rig %dx%d, preset %s, %d frames; "
                + "RSS after warm-up (%d frames) is the baseline%n", width, height, p.name(), soak, warm);
        Preset tuning = p;
        AtomicLong delivered = new AtomicLong();
        java.util.concurrent.BlockingQueue<Sample> samples = new java.util.concurrent.LinkedBlockingQueue<>();
        // sampled on the present thread at exact frame counts; /proc/self/status is cheap to read
        ViewRenderer renderer = new ViewRenderer(ViewSettings::defaults, v -> {
            long n = delivered.incrementAndGet();
            if (n % rssEvery == 0 && n <= soak) {
                Runtime rt = Runtime.getRuntime();
                try {
                    samples.add(new Sample(n, residentMegabytes(), (rt.totalMemory() - rt.freeMemory()) / 1048576.0,
                            System.nanoTime()));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        });
        // a ping-pong loop with --distinct different frames (at least 2)
        LoopSpec spec = LoopSpec.synthetic(width, height).withSyntheticLoopFrames(2 * Math.max(1, distinct - 1));
        double baseline = Double.NaN;
        double worst = 0;
        long t0 = System.nanoTime();
        try (LiveLoop loop = LiveLoop.open(spec, () -> tuning, renderer)) {
            long reported = 0;
            while (reported < soak / rssEvery * rssEvery) {
                Sample sm = samples.poll(1, TimeUnit.SECONDS);
                if (sm == null) {
                    if (loop.pipeline().sourceEnded()) {
                        break;
                    }
                    continue;
                }
                reported = sm.frames();
                String dev;
                if (sm.frames() == warm) {
                    baseline = sm.rssMb();
                    dev = " (baseline)";
                } else if (Double.isNaN(baseline)) {
                    dev = " (warming up)";
                } else {
                    double d = 100 * (sm.rssMb() - baseline) / baseline;
                    worst = Math.abs(d) > Math.abs(worst) ? d : worst;
                    dev = String.format(Locale.ROOT, " (%+.1f %% of baseline)", d);
                }
                out.flush();
                out.printf(Locale.ROOT, "frames %7d  RSS %8.1f MB%s  Java heap used %7.1f MB  %.1f fps since start%n",
                        sm.frames(), sm.rssMb(), dev, sm.heapMb(), sm.frames() * 1e9 / (sm.nanos() - t0));
            }
            out.printf(Locale.ROOT, "largest RSS change after warm-up: %+.1f %%; last: %s%n", worst,
                    loop.pipeline().stats().summary());
            out.flush();
        }
        return 0;
    }

    /** Resident memory of this process from /proc/self/status (Linux), in MB. */
    static double residentMegabytes() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            throw new UserInputException("--soak: /proc/self/status is not available (Linux only)");
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmRSS:")) {
                String[] parts = line.trim().split("\\s+");
                return Long.parseLong(parts[1]) / 1024.0;
            }
        }
        throw new IOException("/proc/self/status has no VmRSS line");
    }
}
