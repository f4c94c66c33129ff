package io.github.stereostation.pipeline;

import io.github.stereostation.capture.StereoFrame;
import io.github.stereostation.capture.StereoSource;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real pair source for loop tests: random texture, right view = left shifted by a constant disparity, so
 * every frame has a known answer. Counts frames handed out and whether it was closed.
 */
final class ShiftedPairSource implements StereoSource {
    final int width;
    final int height;
    final int disparityPx;
    final int limit;
    final AtomicInteger handedOut = new AtomicInteger();
    final AtomicBoolean closed = new AtomicBoolean();
    private final Mat texture;
    private long sequence;

    ShiftedPairSource(int width, int height, int disparityPx, int limit) {
        this.width = width;
        this.height = height;
        this.disparityPx = disparityPx;
        this.limit = limit;
        texture = new Mat(height, width + disparityPx, CvType.CV_8U);
        Core.setRNGSeed(7);
        Core.randu(texture, 0, 256);
    }

    @Override
    public StereoFrame next() {
        if (closed.get()) {
            throw new IllegalStateException("source used after close");
        }
        if (limit > 0 && handedOut.get() >= limit) {
            return null;
        }
        handedOut.incrementAndGet();
        long now = System.nanoTime();
        Mat left = texture.submat(new Rect(disparityPx, 0, width, height)).clone();
        Mat right = texture.submat(new Rect(0, 0, width, height)).clone();
        return new StereoFrame(left, right, now, now, sequence++);
    }

    @Override
    public String describe() {
        return "shifted texture " + width + "x" + height + " d=" + disparityPx;
    }

    @Override
    public void close() {
        closed.set(true);
        texture.release();
    }
}
