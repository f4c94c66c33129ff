package io.github.stereostation.cli;

import io.github.stereostation.UserInputException;
import io.github.stereostation.capture.CameraSettings;
import io.github.stereostation.capture.PairingStats;
import io.github.stereostation.capture.RecordingFormat;
import io.github.stereostation.capture.SessionRecorder;
import io.github.stereostation.capture.SourceFailure;
import io.github.stereostation.capture.SourceStatus;
import io.github.stereostation.capture.StereoFrame;
import io.github.stereostation.capture.StereoSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** {@code stereo-station record}: records a session of pairs, timestamps and settings to a folder. */
@Command(name = "record", mixinStandardHelpOptions = true,
        description = "Records synchronized pairs with their timestamps and the camera settings to a folder that "
                + "--source replay:DIR plays back exactly. Stops after --frames or --seconds, at the end of a replay, "
                + "or on Ctrl-C (the session is always closed properly).")
public final class RecordCommand implements Callable<Integer>, WritesAsItGoes {

    @Mixin
    ConfigOption config;

    @Mixin
    SourceOptions source;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "New (or empty) folder to record into.")
    Path out;

    @Option(names = "--frames", paramLabel = "N", defaultValue = "0",
            description = "Pairs to record (pairs the disk could not take do not count); 0 = until --seconds, the end of the source, or Ctrl-C (default).")
    long frames;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "0",
            description = "Stop after this many seconds; 0 = no limit (default).")
    double seconds;

    @Option(names = "--calibration", paramLabel = "FILE",
            description = "Stereo calibration stored with the session as calibration.yaml, so its replay is rectified "
                    + "and in metres: default the station's active one (config/ui.yaml), \"none\" for none. A "
                    + "recording of the synthetic rig stores the rig's true geometry instead.")
    String calibration;

    @Option(names = "--format", paramLabel = "png|mjpeg", defaultValue = "png",
            description = "png: lossless images per pair, replays pixel-identical (default); mjpeg: left.avi + right.avi, about 10x smaller.")
    String format;

    @Option(names = "--queue", paramLabel = "PAIRS", defaultValue = "32",
            description = "Pairs held in memory while the disk catches up (default: ${DEFAULT-VALUE}); when full, pairs are not recorded and a warning says so.")
    int queue;

    @Override
    public Integer call() throws IOException {
        if (frames < 0) {
            throw new UserInputException("--frames " + frames + ": expected 0 or more");
        }
        if (seconds < 0) {
            throw new UserInputException("--seconds " + seconds + ": expected 0 or more");
        }
        RecordingFormat fmt = RecordingFormat.parse(format);
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> awaitQuietly(finished), "record-shutdown");
        try (StereoSource src = source.open(config.settings())) {
            return record(src, fmt, hook);
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException | IllegalArgumentException e) {
                // already shutting down, or never added
            }
        }
    }

    private int record(StereoSource src, RecordingFormat fmt, Thread hook) throws IOException {
        PrintStream err = System.err;
        CameraSettings settings = src.settings().orElse(source.settings(config.settings()));
        Path active = activeCalibration(); // checked before the session folder is made
        try (SessionRecorder rec = SessionRecorder.start(out, fmt, src.describe(), settings, queue)
                .onWarning(w -> err.println("warning: " + w))) {
            Runtime.getRuntime().addShutdownHook(hook);
            String stored = io.github.stereostation.source.SessionCalibration.store(out, src, active);
            if (stored != null) {
                System.out.println("Storing " + stored + " with the session (" + io.github.stereostation.source
                        .SessionCalibration.FILE_NAME + ")");
            }
            // status on stdout: stderr is for what went wrong
            System.out.println("Recording " + src.describe() + " to " + out + " (" + fmt.key() + ")"
                    + (src.live() ? "; Ctrl-C stops" : ""));
            try {
                loop(src, rec, err);
                rec.close();
            } catch (IOException e) {
                rec.close();
                throw new IOException(e.getMessage() + "; " + out + " keeps the " + rec.stats().written()
                        + " pairs recorded before, listed in its session.json", e);
            }
            SessionRecorder.Stats st = rec.stats();
            System.out.printf(Locale.ROOT, "Recorded %d pairs to %s (%s)%s%n", st.accepted(), out, fmt.key(),
                    st.skipped() == 0 ? "" : "; " + st.skipped() + " pairs not recorded because the disk could not keep up");
            System.out.println("Pairing: " + src.pairing().map(PairingStats::toString).orElse(String.format(Locale.ROOT,
                    "%d pairs delivered already paired by the source (0 dropped, 0 unmatched), skew mean %.2f ms, max %.2f ms",
                    pairsSeen, pairsSeen == 0 ? 0 : skewSumMillis / pairsSeen, maxSkewMillis)));
        }
        return 0;
    }

    /** The calibration to store: the one named, or the station's active one; null for none. */
    private Path activeCalibration() {
        if (calibration != null) {
            if (calibration.equalsIgnoreCase("none")) {
                return null;
            }
            Path p = Path.of(calibration);
            if (!java.nio.file.Files.isRegularFile(p)) {
                throw new UserInputException("--calibration: " + p + " does not exist");
            }
            return p;
        }
        String active = io.github.stereostation.ui.UiSettings.load(io.github.stereostation.ui.UiSettings.DEFAULT_FILE)
                .calibration();
        return active.isEmpty() ? null : Path.of(active);
    }

    private volatile boolean stopping;
    private long pairsSeen;
    private double skewSumMillis;
    private double maxSkewMillis;

    /** On Ctrl-C the JVM runs this hook: ask the loop to stop, then wait for the session to be closed. */
    private void awaitQuietly(CountDownLatch finished) {
        stopping = true;
        try {
            finished.await(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void loop(StereoSource src, SessionRecorder rec, PrintStream err) throws IOException {
        long start = System.nanoTime();
        long limitNanos = seconds > 0 ? Math.round(seconds * 1e9) : Long.MAX_VALUE;
        long lastReport = start;
        SourceStatus.State lastFailure = null;
        long recorded = 0;
        while (!stopping && (frames == 0 || recorded < frames) && System.nanoTime() - start < limitNanos) {
            StereoFrame f;
            try {
                f = src.next();
            } catch (SourceFailure e) {
                if (e.state() != lastFailure) {
                    err.println("camera: " + e.getMessage());
                    lastFailure = e.state();
                }
                continue;
            }
            if (f == null) {
                break;
            }
            if (lastFailure != null) {
                err.println("camera: receiving again");
                lastFailure = null;
            }
            try (f) {
                pairsSeen++;
                skewSumMillis += Math.abs(f.skewMillis());
                maxSkewMillis = Math.max(maxSkewMillis, Math.abs(f.skewMillis()));
                if (!src.live()) {
                    rec.put(f);
                    recorded++;
                } else if (rec.offer(f)) {
                    recorded++;
                }
            }
            long now = System.nanoTime();
            if (now - lastReport > TimeUnit.SECONDS.toNanos(2)) {
                SessionRecorder.Stats st = rec.stats();
                PairingStats p = src.pairing().orElse(null);
                err.printf(Locale.ROOT, "%d pairs recorded, %d queued%s%n", st.accepted(), st.queued(),
                        p == null ? "" : String.format(Locale.ROOT, ", skew mean %.1f ms max %.1f ms, %d dropped",
                                p.meanSkewMillis(), p.maxSkewMillis(), p.dropped()));
                lastReport = now;
            }
        }
    }
}
