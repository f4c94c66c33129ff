package io.github.stereostation.pipeline;

import java.util.List;

/**
 * The live loop's figures at one moment, plain numbers for overlays, the status bar and the bench.
 *
 * @param steps            capture, each stage, present, in order
 * @param framesPerSecond  frames delivered per second over the recent window
 * @param latencyMillis    mean time from capture to display over the recent window
 * @param latencyMaxMillis worst latency in the recent window
 * @param skewMillis       time between the left and right exposures of the latest pair
 * @param delivered        frames shown so far
 * @param sourceFaults     times the source failed to deliver a pair
 * @param status           the latest fault or state in plain words ("running" when all is well)
 */
public record PipelineStats(List<StageTiming> steps, double framesPerSecond, double latencyMillis,
                            double latencyMaxMillis, double skewMillis, long delivered, long sourceFaults,
                            String status) {

    /** Frames of the loop dropped as stale anywhere along the way. */
    public long dropped() {
        return steps.stream().mapToLong(StageTiming::dropped).sum();
    }

    /** The step with this name, or null. */
    public StageTiming step(String name) {
        return steps.stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
    }

    /** Latency in frame intervals at the current rate (how many frames behind the display is). */
    public double latencyFrames() {
        return latencyMillis * framesPerSecond / 1000.0;
    }

    /** One line for logs and the headless station: fps, latency, skew and each step's mean time. */
    public String summary() {
        // a figure not yet known (one replayed pair has no rate) is "–", never NaN
        StringBuilder b = new StringBuilder(figure(framesPerSecond)).append(" fps, latency ")
                .append(figure(latencyMillis)).append(" ms");
        if (Double.isFinite(latencyFrames())) {
            b.append(String.format(java.util.Locale.ROOT, " (%.2f frames)", latencyFrames()));
        }
        b.append(", skew ").append(figure(skewMillis)).append(" ms |");
        for (StageTiming t : steps) {
            b.append(String.format(java.util.Locale.ROOT, " %s %.1f", t.name(), t.meanMillis()));
        }
        b.append(" ms");
        return b.toString();
    }

    private static String figure(double value) {
        return Double.isFinite(value) ? String.format(java.util.Locale.ROOT, "%.1f", value) : "–";
    }
}
