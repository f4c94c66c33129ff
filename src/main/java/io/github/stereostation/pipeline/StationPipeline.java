package io.github.stereostation.pipeline;

import io.github.stereostation.capture.StereoFrame;
import io.github.stereostation.capture.StereoSource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The live loop: capture → stage 1 → … → stage n → present, each on its own thread, joined by single-slot
 * "latest value" hand-offs ({@link LatestSlot}). A step only starts a frame when the step after it has
 * taken its previous output, so no work is done just to be thrown away; when the source is a camera that
 * runs faster than the loop, older pairs are dropped at the first hand-off and the display shows the newest.
 * <p>
 * A stage that throws is counted and reported in {@link PipelineStats#status()}, its frame is dropped, and
 * the loop goes on. {@link #close()} stops every thread, waits for them, then closes the stages, the sink
 * and the source (releasing the cameras). Owns native memory through the jobs in flight.
 */
public final class StationPipeline implements AutoCloseable {
    /** Prefix of every thread this class starts (tests look for leftovers by it). */
    public static final String THREAD_PREFIX = "station-";

    private final StereoSource source;
    private final List<Stage> stages;
    private final FrameSink sink;
    private final PipelineOptions options;
    private final List<LatestSlot<FrameJob>> slots = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final PipelineMetrics metrics;
    private final int presentStep;
    private volatile boolean running;
    private volatile boolean sourceEnded;
    private boolean closed;

    public StationPipeline(StereoSource source, List<? extends Stage> stages, FrameSink sink, PipelineOptions options) {
        this.source = source;
        this.stages = List.copyOf(stages);
        this.sink = sink;
        this.options = options;
        List<String> names = new ArrayList<>();
        List<LongSupplier> drops = new ArrayList<>();
        names.add("capture");
        for (int i = 0; i <= this.stages.size(); i++) {
            LatestSlot<FrameJob> slot = new LatestSlot<>();
            slots.add(slot);
            drops.add(slot::dropped); // step i's outputs dropped before step i+1 took them
        }
        for (Stage s : this.stages) {
            names.add(s.name());
        }
        names.add("present");
        drops.add(() -> 0);
        presentStep = names.size() - 1;
        metrics = new PipelineMetrics(names, drops);
    }

    /** Starts the threads; returns at once. */
    public synchronized StationPipeline start() {
        if (running || closed) {
            throw new IllegalStateException(closed ? "pipeline closed" : "pipeline already running");
        }
        running = true;
        metrics.status("running: " + source.describe());
        threads.add(new Thread(this::captureLoop, THREAD_PREFIX + "capture"));
        for (int i = 0; i < stages.size(); i++) {
            int index = i;
            threads.add(new Thread(() -> stageLoop(index), THREAD_PREFIX + stages.get(i).name()));
        }
        threads.add(new Thread(this::presentLoop, THREAD_PREFIX + "present"));
        for (Thread t : threads) {
            t.setDaemon(true);
            t.start();
        }
        return this;
    }

    public PipelineStats stats() {
        return metrics.snapshot();
    }

    public String describeSource() {
        return source.describe();
    }

    /** The source the loop reads (a window offers a replay's controls through it). */
    public StereoSource source() {
        return source;
    }

    /** True once a replay has run out of pairs (the other threads then idle until {@link #close()}). */
    public boolean sourceEnded() {
        return sourceEnded;
    }

    private void captureLoop() {
        LatestSlot<FrameJob> out = slots.get(0);
        long periodNanos = options.paceFps() > 0 ? (long) (1e9 / options.paceFps()) : 0;
        long nextDue = System.nanoTime();
        boolean faulted = false;
        int steps = presentStep + 1;
        try {
            while (running) {
                if (options.captureOnDemand()) {
                    // grab just in time: a pair read while the first stage is still busy would only age
                    out.awaitTaker();
                }
                if (periodNanos > 0) {
                    long wait = nextDue - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                    nextDue = Math.max(nextDue + periodNanos, System.nanoTime() - periodNanos);
                }
                if (!running) {
                    break;
                }
                long t0 = System.nanoTime();
                StereoFrame frame;
                try {
                    frame = source.next();
                } catch (IOException | RuntimeException e) {
                    if (!running) {
                        break;
                    }
                    metrics.sourceFault();
                    metrics.stepFailed(0);
                    metrics.problem("camera problem: " + plainMessage(e) + " (retrying)");
                    faulted = true;
                    Thread.sleep(options.retryMillis());
                    continue;
                }
                long t1 = System.nanoTime();
                if (frame == null) {
                    sourceEnded = true;
                    metrics.status("the source has no more frames: " + source.describe());
                    break;
                }
                if (faulted) {
                    faulted = false;
                    metrics.status("running: " + source.describe() + " (recovered)");
                } else if (metrics.quiet()) {
                    // back to the plain line after a stage's failure has been shown for a while; a description
                    // may also change (the synthetic loop finished rendering)
                    metrics.status("running: " + source.describe());
                }
                FrameJob job = new FrameJob(frame, captureTime(frame, t1), steps);
                job.stageNanos()[0] = t1 - t0;
                metrics.stepDone(0, t1 - t0);
                metrics.skew(frame.skewMillis());
                out.put(job);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The pair's own timestamp when it is on our clock and plausible, else the moment it arrived. */
    private static long captureTime(StereoFrame f, long arrivedNanos) {
        long t = Math.max(f.leftNanos(), f.rightNanos());
        return t <= arrivedNanos && t > arrivedNanos - 10_000_000_000L ? t : arrivedNanos;
    }

    private void stageLoop(int index) {
        Stage stage = stages.get(index);
        LatestSlot<FrameJob> in = slots.get(index);
        LatestSlot<FrameJob> out = slots.get(index + 1);
        int step = index + 1;
        try {
            while (running) {
                out.awaitEmpty();
                FrameJob job = in.take();
                if (job == null) {
                    break;
                }
                long t0 = System.nanoTime();
                try {
                    stage.process(job);
                } catch (Exception e) {
                    job.close();
                    metrics.stepFailed(step);
                    metrics.problem("stage '" + stage.name() + "' failed on frame " + job.sequence() + ": "
                            + plainMessage(e));
                    continue;
                }
                long dt = System.nanoTime() - t0;
                job.stageNanos()[step] = dt;
                metrics.stepDone(step, dt);
                out.put(job);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void presentLoop() {
        LatestSlot<FrameJob> in = slots.get(slots.size() - 1);
        try {
            while (running) {
                FrameJob job = in.take();
                if (job == null) {
                    break;
                }
                try (job) {
                    long t0 = System.nanoTime();
                    sink.accept(job);
                    long t1 = System.nanoTime();
                    job.stageNanos()[presentStep] = t1 - t0;
                    metrics.stepDone(presentStep, t1 - t0);
                    metrics.delivered(job.captureNanos(), t1);
                } catch (Exception e) {
                    metrics.stepFailed(presentStep);
                    metrics.problem("display failed on frame " + job.sequence() + ": " + plainMessage(e));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String plainMessage(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            return e.getClass().getSimpleName();
        }
        return m.lines().findFirst().orElse(m).trim();
    }

    /**
     * Stops the loop and waits for its threads, then closes the stages, the sink and the source. Safe to call
     * twice. A thread stuck in the source's blocking read is released by closing the source.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            running = false;
        }
        for (LatestSlot<FrameJob> s : slots) {
            s.close();
        }
        for (Thread t : threads) {
            if (!t.getName().equals(THREAD_PREFIX + "capture")) {
                t.interrupt();
            }
        }
        Thread capture = threads.isEmpty() ? null : threads.get(0);
        try {
            if (capture != null) {
                capture.join(2000);
            }
            // a camera read can block for long: closing the source is what unblocks it
            closeQuietly(source);
            if (capture != null && capture.isAlive()) {
                capture.interrupt();
                capture.join(2000);
            }
            for (Thread t : threads) {
                t.join(5000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Stage s : stages) {
            closeQuietly(s);
        }
        closeQuietly(sink);
        metrics.status("stopped");
    }

    /** True when every thread this pipeline started has ended. */
    public boolean threadsEnded() {
        return threads.stream().noneMatch(Thread::isAlive);
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // keep closing the rest
        }
    }
}
