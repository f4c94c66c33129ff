package io.github.stereostation.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/** Collects timings from the pipeline's threads (thread-safe) and hands out {@link PipelineStats} snapshots. */
final class PipelineMetrics {
    private static final int WINDOW = 30;

    private final String[] names;
    private final RollingWindow[] stepMillis;
    private final AtomicLong[] frames;
    private final AtomicLong[] errors;
    private final LongSupplier[] dropped;
    private final RollingWindow latency = new RollingWindow(WINDOW);
    private final long[] deliveredAt = new long[WINDOW];
    private long delivered;
    private volatile double skewMillis = Double.NaN;
    private final AtomicLong sourceFaults = new AtomicLong();
    private final AtomicReference<String> status = new AtomicReference<>("starting");

    PipelineMetrics(List<String> stepNames, List<LongSupplier> droppedCounters) {
        int n = stepNames.size();
        names = stepNames.toArray(new String[0]);
        stepMillis = new RollingWindow[n];
        frames = new AtomicLong[n];
        errors = new AtomicLong[n];
        dropped = droppedCounters.toArray(new LongSupplier[0]);
        for (int i = 0; i < n; i++) {
            stepMillis[i] = new RollingWindow(WINDOW);
            frames[i] = new AtomicLong();
            errors[i] = new AtomicLong();
        }
    }

    void stepDone(int step, long nanos) {
        stepMillis[step].add(nanos / 1e6);
        frames[step].incrementAndGet();
    }

    void stepFailed(int step) {
        errors[step].incrementAndGet();
    }

    void skew(double millis) {
        skewMillis = millis;
    }

    void sourceFault() {
        sourceFaults.incrementAndGet();
    }

    private volatile long problemNanos = Long.MIN_VALUE / 2;

    void status(String s) {
        status.set(s);
    }

    /** A problem to show for a while (a stage failed); the loop's "running" line returns once it stops. */
    void problem(String s) {
        problemNanos = System.nanoTime();
        status.set(s);
    }

    /** True when no problem was reported in the last few seconds. */
    boolean quiet() {
        return System.nanoTime() - problemNanos > 5_000_000_000L;
    }

    String status() {
        return status.get();
    }

    synchronized void delivered(long captureNanos, long nowNanos) {
        deliveredAt[(int) (delivered % WINDOW)] = nowNanos;
        delivered++;
        latency.add((nowNanos - captureNanos) / 1e6);
    }

    synchronized double framesPerSecond() {
        int n = (int) Math.min(delivered, WINDOW);
        if (n < 2) {
            return Double.NaN;
        }
        long newest = deliveredAt[(int) ((delivered - 1) % WINDOW)];
        long oldest = deliveredAt[(int) ((delivered - n) % WINDOW)];
        return newest == oldest ? Double.NaN : (n - 1) * 1e9 / (newest - oldest);
    }

    PipelineStats snapshot() {
        List<StageTiming> steps = new ArrayList<>(names.length);
        for (int i = 0; i < names.length; i++) {
            long drop = i < dropped.length && dropped[i] != null ? dropped[i].getAsLong() : 0;
            steps.add(new StageTiming(names[i], stepMillis[i].mean(), stepMillis[i].last(), frames[i].get(),
                    errors[i].get(), drop));
        }
        long count;
        synchronized (this) {
            count = delivered;
        }
        return new PipelineStats(List.copyOf(steps), framesPerSecond(), latency.mean(), latency.max(), skewMillis,
                count, sourceFaults.get(), status.get());
    }
}
