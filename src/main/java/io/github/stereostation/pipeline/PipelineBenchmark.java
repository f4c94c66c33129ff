package io.github.stereostation.pipeline;

import io.github.stereostation.capture.StereoFrame;
import io.github.stereostation.depth.DisparityMatcher;
import io.github.stereostation.depth.Preset;
import io.github.stereostation.geometry.DisparityToDepth;
import io.github.stereostation.sim.StereoRig;
import io.github.stereostation.sim.SyntheticStereoSource;
import org.opencv.core.Mat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The live loop's plumbing cost: the same synthetic frames through the preset's matcher in a plain loop, and
 * through the pipeline (capture → match → depth on their own threads, as fast as it goes), with the window's
 * view rendering, and paced like a camera (for latency). Rows alternate within each round so that load from
 * other processes hits them alike; the summary takes each row's median round.
 */
public final class PipelineBenchmark {

    /** What to measure. {@code view} makes the window's renderer (a fresh one per row; null: no view rows). */
    public record Spec(Preset preset, int frames, int warmup, int rounds, double cameraFps, Supplier<FrameSink> view) {
    }

    /** One row of one round: throughput and the pipeline's own timing (null for the plain loop). */
    public record Row(String name, double fps, PipelineStats stats, double cloudsPerSecond) {

        public Row(String name, double fps, PipelineStats stats) {
            this(name, fps, stats, Double.NaN);
        }

        /** "name  N frames/s  ratio R  latency ...  dropped D | stage ms ..." against the plain loop's rate. */
        public String format(double plainFps) {
            if (stats == null) {
                return String.format(Locale.ROOT, "  %-22s %8.1f frames/s  %7.2f ms/frame", name, fps, 1000 / fps);
            }
            StringBuilder steps = new StringBuilder();
            for (StageTiming t : stats.steps()) {
                steps.append(String.format(Locale.ROOT, " %s %.2f", t.name(), t.meanMillis()));
            }
            String clouds = Double.isNaN(cloudsPerSecond) ? ""
                    : String.format(Locale.ROOT, "  live 3D %.1f clouds/s", cloudsPerSecond);
            return String.format(Locale.ROOT, "  %-22s %8.1f frames/s%s  ratio %.3f  latency %.1f ms (%.2f frame "
                    + "intervals)  dropped %d |%s ms", name, fps, clouds, fps / plainFps, stats.latencyMillis(),
                    stats.latencyMillis() * fps / 1000, stats.dropped(), steps);
        }
    }

    /** Every round's rows, and the medians. */
    public record Result(List<List<Row>> rounds, List<Row> medians) {
        public double plainFps() {
            return medians.get(0).fps();
        }

        /** Pipeline throughput over the plain loop's. */
        public double ratio() {
            return medians.get(1).fps() / plainFps();
        }
    }

    private PipelineBenchmark() {
    }

    /** {@code count} different pairs from the ideal synthetic desk rig; the caller releases them. */
    public static List<Mat[]> syntheticPairs(int width, int height, int count) throws IOException {
        List<Mat[]> pairs = new ArrayList<>();
        try (SyntheticStereoSource rig = new SyntheticStereoSource(StereoRig.idealDesk(width, height))) {
            for (int i = 0; i < count; i++) {
                StereoFrame f = rig.next();
                pairs.add(new Mat[]{f.left(), f.right()});
            }
        }
        return pairs;
    }

    /**
     * Runs one uncounted pass, then the rounds; {@code progress} hears each round's rows as they finish.
     *
     * @param geometry disparity to metres for the depth stage (the rig the pairs came from)
     */
    public static Result run(Spec spec, List<Mat[]> pairs, DisparityToDepth geometry, Consumer<String> progress)
            throws InterruptedException {
        String paced = String.format(Locale.ROOT, "paced %.0f fps + view", spec.cameraFps());
        // the Java filter loops and OpenCV's thread pool warm up over the first few hundred frames: one
        // uncounted pass through both kinds of row keeps that out of round 1
        progress.accept("warm-up pass (not counted)");
        plainLoop(spec, pairs);
        pipelined(spec, pairs, geometry, PipelineOptions.onDemand(0), null, "pipeline", false);
        List<List<Row>> rounds = new ArrayList<>();
        for (int round = 1; round <= spec.rounds(); round++) {
            progress.accept(String.format(Locale.ROOT, "round %d of %d", round, spec.rounds()));
            List<Row> rows = new ArrayList<>();
            rows.add(new Row("preset, plain loop", plainLoop(spec, pairs), null));
            progress.accept(rows.get(0).format(rows.get(0).fps()));
            rows.add(pipelined(spec, pairs, geometry, PipelineOptions.onDemand(0), null, "pipeline", false));
            if (spec.view() != null) {
                rows.add(pipelined(spec, pairs, geometry, PipelineOptions.onDemand(0), spec.view().get(),
                        "pipeline + view", false));
                rows.add(pipelined(spec, pairs, geometry, PipelineOptions.onDemand(spec.cameraFps()),
                        spec.view().get(), paced, false));
                // the 3D view following the loop: clouds built per second next to the loop's own rate
                rows.add(pipelined(spec, pairs, geometry, PipelineOptions.onDemand(spec.cameraFps()),
                        spec.view().get(), paced + " + live 3D", true));
            }
            for (Row r : rows.subList(1, rows.size())) {
                progress.accept(r.format(rows.get(0).fps()));
            }
            rounds.add(rows);
        }
        List<Row> medians = new ArrayList<>();
        for (int i = 0; i < rounds.get(0).size(); i++) {
            List<Row> column = new ArrayList<>();
            for (List<Row> r : rounds) {
                column.add(r.get(i));
            }
            column.sort(Comparator.comparingDouble(Row::fps));
            medians.add(column.get(column.size() / 2));
        }
        return new Result(rounds, medians);
    }

    private static double plainLoop(Spec spec, List<Mat[]> pairs) {
        try (DisparityMatcher m = spec.preset().createMatcher()) {
            for (int i = 0; i < spec.warmup(); i++) {
                Mat[] pair = pairs.get(i % pairs.size());
                m.compute(pair[0], pair[1]).close();
            }
            long t0 = System.nanoTime();
            for (int i = 0; i < spec.frames(); i++) {
                Mat[] pair = pairs.get(i % pairs.size());
                m.compute(pair[0], pair[1]).close();
            }
            return spec.frames() * 1e9 / (System.nanoTime() - t0);
        }
    }

    private static Row pipelined(Spec spec, List<Mat[]> pairs, DisparityToDepth geometry, PipelineOptions options,
                                 FrameSink view, String name, boolean live3d) throws InterruptedException {
        int warmup = spec.warmup();
        int total = warmup + spec.frames();
        AtomicLong delivered = new AtomicLong();
        long[] marks = new long[2];
        long[] clouds = new long[2];
        CountDownLatch done = new CountDownLatch(1);
        LiveCloud live = live3d ? new LiveCloud(cloud -> { }) : null;
        FrameSink sink = job -> {
            if (live != null) {
                live.offer(job);
            }
            if (view != null) {
                view.accept(job);
            }
            long n = delivered.incrementAndGet();
            if (n == warmup) {
                marks[0] = System.nanoTime();
                clouds[0] = live == null ? 0 : live.updates();
            }
            if (n == total) {
                marks[1] = System.nanoTime();
                clouds[1] = live == null ? 0 : live.updates();
                done.countDown();
            }
        };
        // endless source: with newest-wins hand-offs the loop may skip a frame, so count deliveries instead
        RepeatingSource source = new RepeatingSource(pairs, 0, "synthetic frames in memory");
        Preset p = spec.preset();
        List<Stage> stages = List.of(new MatchStage<Preset>(() -> p, Preset::createMatcher),
                new DepthStage(() -> geometry));
        try (StationPipeline pipeline = new StationPipeline(source, stages, sink, options)) {
            if (warmup == 0) {
                marks[0] = System.nanoTime();
            }
            pipeline.start();
            if (!done.await(10, TimeUnit.MINUTES)) {
                throw new IllegalStateException("pipeline delivered only " + delivered.get() + " of " + total + " frames");
            }
            double seconds = (marks[1] - marks[0]) / 1e9;
            return new Row(name, spec.frames() / seconds, pipeline.stats(),
                    live == null ? Double.NaN : (clouds[1] - clouds[0]) / seconds);
        } finally {
            if (view != null) {
                view.close();
            }
            if (live != null) {
                live.close();
            }
        }
    }
}
