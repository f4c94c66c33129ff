package io.github.stereostation.cli;

import io.github.stereostation.UserInputException;
import io.github.stereostation.capture.CameraSettings;
import io.github.stereostation.capture.RecordingFormat;
import io.github.stereostation.capture.SessionRecorder;
import io.github.stereostation.capture.SourceFailure;
import io.github.stereostation.capture.StereoFrame;
import io.github.stereostation.capture.StereoSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/** {@code stereo-station snapshot}: saves one pair as a one-pair session (left_000000.png, right_000000.png). */
@Command(name = "snapshot", mixinStandardHelpOptions = true,
        description = "Saves one stereo pair (lossless PNG) with its timestamps to a folder, as a one-pair session "
                + "that --source replay:DIR reads back.")
public final class SnapshotCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Mixin
    SourceOptions source;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "New (or empty) folder for the pair.")
    Path out;

    @Option(names = "--skip", paramLabel = "N",
            description = "Pairs to let pass first, so cameras settle their exposure (default: 10 for cameras, 0 for replays).")
    Integer skip;

    @Option(names = "--wait-seconds", paramLabel = "S", defaultValue = "10",
            description = "Give up when no pair arrives within this time (default: ${DEFAULT-VALUE}).")
    double waitSeconds;

    @Override
    public Integer call() throws IOException {
        if (skip != null && skip < 0) {
            throw new UserInputException("--skip " + skip + ": expected 0 or more");
        }
        try (StereoSource src = source.open(config.settings())) {
            int toSkip = skip != null ? skip : src.live() ? 10 : 0;
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.round(waitSeconds * 1000));
            String lastProblem = "no pair arrived";
            for (int seen = 0; System.nanoTime() < deadline; ) {
                StereoFrame f;
                try {
                    f = src.next();
                } catch (SourceFailure e) {
                    lastProblem = e.getMessage();
                    continue;
                }
                if (f == null) {
                    throw new UserInputException("source " + src.describe() + ": ended after " + seen
                            + " pair(s), before the one to save (lower --skip)");
                }
                try (f) {
                    if (seen++ < toSkip) {
                        continue;
                    }
                    CameraSettings settings = src.settings().orElse(source.settings(config.settings()));
                    try (SessionRecorder rec = SessionRecorder.start(out, RecordingFormat.PNG, src.describe(), settings, 1)) {
                        rec.put(f);
                    }
                    System.out.printf(Locale.ROOT, "Saved %dx%d pair to %s (left_000000.png, right_000000.png), skew %.2f ms%n",
                            f.left().cols(), f.left().rows(), out, f.skewMillis());
                    return 0;
                }
            }
            throw new UserInputException("source " + src.describe() + ": no pair within " + waitSeconds + " s (" + lastProblem + ")");
        }
    }
}
