package io.github.stereostation.models;

import java.util.Locale;

/**
 * How far a download is: bytes on disk (including a resumed part), the total when known, and the recent rate.
 *
 * @param doneBytes      bytes of the file received so far
 * @param totalBytes     the whole file's size, 0 when neither the server nor the sidecar says it
 * @param bytesPerSecond the rate over the last few seconds (0 before there is one)
 */
public record FetchProgress(long doneBytes, long totalBytes, double bytesPerSecond) {

    /** 0..1, or -1 when the total is not known. */
    public double fraction() {
        return totalBytes > 0 ? Math.min(1.0, doneBytes / (double) totalBytes) : -1;
    }

    /** Seconds left at the recent rate, or -1 when that cannot be told. */
    public long secondsLeft() {
        if (totalBytes <= 0 || bytesPerSecond <= 0) {
            return -1;
        }
        return (long) Math.ceil((totalBytes - doneBytes) / bytesPerSecond);
    }

    /** "31.2 / 66.8 MB, 4.1 MB/s, 0:09 left": the line both the command line and the window show. */
    public String text() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%.1f", doneBytes / 1e6));
        b.append(totalBytes > 0 ? " / " + Bytes.megabytes(totalBytes) : " MB");
        if (bytesPerSecond > 0) {
            b.append(", ").append(Bytes.megabytes((long) bytesPerSecond)).append("/s");
        }
        long left = secondsLeft();
        if (left >= 0 && doneBytes < totalBytes) {
            b.append(", ").append(Bytes.clock(left)).append(" left");
        }
        return b.toString();
    }
}
