package io.github.stereostation.capture;

import org.opencv.core.Mat;

/**
 * One image from one camera with its capture time in nanoseconds on the {@link System#nanoTime()} clock (or, for
 * recordings and files, on the clock they were recorded with) and its index in that camera's stream.
 * Owns native memory: {@link #close()} releases the Mat.
 */
public record TimedFrame(Mat image, long nanos, long sequence) implements AutoCloseable {
    @Override
    public void close() {
        image.release();
    }
}
