package io.github.stereostation.pipeline;

import io.github.stereostation.depth.Preset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The station loop on the synthetic rig for many frames, with resident memory (VmRSS) sampled at exact frame
 * counts: a leak of native memory per frame shows as RSS growing after the warm-up. Linux only.
 */
public final class SoakRun {
    private static final Path STATUS = Path.of("/proc/self/status");

    /**
     * @param frames   frames to run
     * @param every    sample interval in frames
     * @param distinct different synthetic frames the rig loops over (at least 2 are used)
     * @param display  the window's sink, given the callback to run after each frame is shown
     */
    public record Spec(Preset preset, int width, int height, long frames, long every, int distinct,
                       Function<Runnable, FrameSink> display) {
    }

    private record Sample(long frames, double rssMb, double heapMb, long nanos) {
    }

    private SoakRun() {
    }

    /** Whether this system shows resident memory (/proc/self/status). */
    public static boolean available() {
        return Files.exists(STATUS);
    }

    /**
     * Runs the soak, reporting a line per sample to {@code report}.
     *
     * @return the largest RSS change after the warm-up, percent of the baseline
     */
    public static double run(Spec spec, Consumer<String> report) throws IOException, InterruptedException {
        if (!available()) {
            throw new IOException(STATUS + " is not available (resident memory is read on Linux only)");
        }
        long every = spec.every();
        long warm = Math.max(every, spec.frames() / 10 / every * every);
        report.accept(String.format(Locale.ROOT, "soak: station loop on the synthetic rig %dx%d, preset %s, %d frames; "
                + "RSS after warm-up (%d frames) is the baseline", spec.width(), spec.height(), spec.preset().name(),
                spec.frames(), warm));
        AtomicLong delivered = new AtomicLong();
        BlockingQueue<Sample> samples = new LinkedBlockingQueue<>();
        // sampled on the present thread at exact frame counts; /proc/self/status is cheap to read
        FrameSink display = spec.display().apply(() -> {
            long n = delivered.incrementAndGet();
            if (n % every == 0 && n <= spec.frames()) {
                Runtime rt = Runtime.getRuntime();
                try {
                    samples.add(new Sample(n, residentMegabytes(), (rt.totalMemory() - rt.freeMemory()) / 1048576.0,
                            System.nanoTime()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        });
        // a ping-pong loop with the distinct frames (at least 2)
        LoopSpec loopSpec = LoopSpec.synthetic(spec.width(), spec.height())
                .withSyntheticLoopFrames(2 * Math.max(1, spec.distinct() - 1));
        double baseline = Double.NaN;
        double worst = 0;
        long t0 = System.nanoTime();
        Preset tuning = spec.preset();
        try (LiveLoop loop = LiveLoop.open(loopSpec, () -> tuning, display)) {
            long reported = 0;
            while (reported < spec.frames() / every * every) {
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
                report.accept(String.format(Locale.ROOT, "frames %7d  RSS %8.1f MB%s  Java heap used %7.1f MB  "
                        + "%.1f fps since start", sm.frames(), sm.rssMb(), dev, sm.heapMb(),
                        sm.frames() * 1e9 / (sm.nanos() - t0)));
            }
            report.accept(String.format(Locale.ROOT, "largest RSS change after warm-up: %+.1f %%; last: %s", worst,
                    loop.pipeline().stats().summary()));
        }
        return worst;
    }

    /** Resident memory of this process from /proc/self/status (Linux), in MB. */
    public static double residentMegabytes() throws IOException {
        for (String line : Files.readAllLines(STATUS)) {
            if (line.startsWith("VmRSS:")) {
                String[] parts = line.trim().split("\\s+");
                return Long.parseLong(parts[1]) / 1024.0;
            }
        }
        throw new IOException(STATUS + " has no VmRSS line");
    }
}
