package io.github.stereostation.models;

import java.util.ArrayDeque;

/** Bytes per second over a sliding window, so that the time left follows the current speed, not the average. */
final class RateMeter {
    private static final long WINDOW_NANOS = 3_000_000_000L;

    private record Sample(long nanos, long bytes) {
    }

    private final ArrayDeque<Sample> samples = new ArrayDeque<>();

    void add(long nanos, long totalBytes) {
        samples.addLast(new Sample(nanos, totalBytes));
        while (samples.size() > 2 && nanos - samples.peekFirst().nanos() > WINDOW_NANOS) {
            samples.removeFirst();
        }
    }

    double bytesPerSecond() {
        if (samples.size() < 2) {
            return 0;
        }
        Sample first = samples.peekFirst();
        Sample last = samples.peekLast();
        long dt = last.nanos() - first.nanos();
        return dt <= 0 ? 0 : (last.bytes() - first.bytes()) * 1e9 / dt;
    }
}
