package io.github.stereostation.capture;

import org.opencv.core.Mat;

/**
 * One stereo pair as captured: left and right images (BGR, CV_8UC3, or CV_8UC1 for mono cameras) with the
 * capture timestamp of each side in nanoseconds on one monotonic clock, and a sequence number.
 * Owns native memory: {@link #close()} releases both Mats.
 */
public record StereoFrame(Mat left, Mat right, long leftNanos, long rightNanos, long sequence) implements AutoCloseable {

    /** Absolute time difference between the two exposures, in milliseconds. */
    public double skewMillis() {
        return Math.abs(leftNanos - rightNanos) / 1e6;
    }

    @Override
    public void close() {
        left.release();
        right.release();
    }
}
