package io.github.stereostation.capture;

import org.opencv.core.Mat;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * A test source that behaves like a camera going wrong: after {@code goodFrames} frames it either throws (an
 * unplugged camera) or stalls until {@code release} is counted down (a camera that stops delivering). Frames are
 * labelled with their index; every Mat it makes is remembered so a test can check that all were released.
 */
final class FaultInjectingSource implements StereoSource {
    enum Fault { NONE, THROW, STALL }

    private final String name;
    private final int goodFrames;
    private final Fault fault;
    private final CountDownLatch release;
    private final List<Mat> made;
    private int produced;
    private volatile boolean closed;
    private boolean faulted;

    FaultInjectingSource(String name, int goodFrames, Fault fault, CountDownLatch release, List<Mat> made) {
        this.name = name;
        this.goodFrames = goodFrames;
        this.fault = fault;
        this.release = release;
        this.made = made;
    }

    @Override
    public StereoFrame next() throws IOException {
        if (closed) {
            throw new IllegalStateException(name + " used after close");
        }
        if (produced == goodFrames && !faulted) {
            faulted = true;
            if (fault == Fault.THROW) {
                throw new SourceFailure(SourceStatus.State.DISCONNECTED, name + " was unplugged");
            }
            if (fault == Fault.STALL) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(name + ": read interrupted", e);
                }
            }
        }
        int i = produced++;
        Mat l = TestFrames.labelled(i);
        Mat r = TestFrames.labelled(i);
        made.add(l);
        made.add(r);
        long t = 1_000_000_000L + i * 33_000_000L;
        return new StereoFrame(l, r, t, t, i);
    }

    @Override
    public String describe() {
        return name;
    }

    @Override
    public boolean live() {
        return true;
    }

    boolean closed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
    }
}
