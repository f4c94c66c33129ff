package io.github.stereostation.models;

import java.util.Locale;

/** Byte counts and durations as a person reads them in a progress line. */
final class Bytes {
    private Bytes() {
    }

    static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }

    /** "30 s", or "0.3 s" below ten seconds. */
    static String seconds(java.time.Duration d) {
        double s = d.toMillis() / 1000.0;
        return s >= 10 ? Math.round(s) + " s" : String.format(Locale.ROOT, "%.1f s", s);
    }

    /** m:ss, or h:mm:ss from an hour up. */
    static String clock(long seconds) {
        long h = seconds / 3600;
        long m = seconds / 60 % 60;
        long s = seconds % 60;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s) : String.format(Locale.ROOT, "%d:%02d", m, s);
    }
}
