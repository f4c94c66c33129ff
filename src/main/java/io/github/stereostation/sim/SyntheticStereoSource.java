package io.github.stereostation.sim;

import io.github.stereostation.capture.StereoFrame;
import io.github.stereostation.capture.StereoSource;

import java.util.Objects;
import java.util.concurrent.locks.LockSupport;

/**
 * The synthetic rig as a {@link StereoSource}: renders a slowly animated scene (by default the desk, with a
 * sliding box and a rolling ball) through a settable rig. Scene time advances 1/30 s per frame whatever the
 * wall clock does, so a run is reproducible; timestamps come from {@link System#nanoTime()} (the right side
 * offset by a configurable skew). No pacing by default, so tests run as fast as rendering allows.
 *
 * <p>Each {@link #next()} returns new Mats the caller owns. The ground truth of the most recent frame stays
 * available from {@link #lastTruth()} until the next frame or {@link #close()}.
 */
public final class SyntheticStereoSource implements StereoSource {

    /** The scene at a given scene time in seconds. */
    @FunctionalInterface
    public interface Animation {
        SyntheticScene at(double seconds);
    }

    private static final double SCENE_SECONDS_PER_FRAME = 1.0 / 30;

    private StereoRig rig;
    private SceneRenderer renderer;
    private final Animation animation;
    private volatile long skewNanos;
    private volatile double framesPerSecond;
    private volatile long frameLimit = Long.MAX_VALUE;
    private long sequence;
    private long lastEmitNanos;
    private RenderedPair lastTruth;
    private boolean closed;

    /** The animated desk scene (seed 1) through the given rig, rendered with {@link RenderOptions#LIVE}. */
    public SyntheticStereoSource(StereoRig rig) {
        this(rig, RenderOptions.LIVE, seconds -> SyntheticScene.deskAt(1, seconds));
    }

    public SyntheticStereoSource(StereoRig rig, RenderOptions options, Animation animation) {
        this.rig = Objects.requireNonNull(rig);
        this.renderer = new SceneRenderer(options);
        this.animation = Objects.requireNonNull(animation);
    }

    /** The animated desk through {@link StereoRig#desk(int, int)}: raw images, as real webcams deliver them. */
    public static SyntheticStereoSource desk(int width, int height) {
        return new SyntheticStereoSource(StereoRig.desk(width, height));
    }

    /** Changes the rig (and so the image size) from the next frame on. */
    public synchronized void setRig(StereoRig rig) {
        this.rig = Objects.requireNonNull(rig);
    }

    public synchronized StereoRig rig() {
        return rig;
    }

    public synchronized void setRenderOptions(RenderOptions options) {
        this.renderer = new SceneRenderer(options);
    }

    /** Right timestamp minus left timestamp, nanoseconds (0 by default: a perfectly synchronised pair). */
    public void setSkewNanos(long skewNanos) {
        this.skewNanos = skewNanos;
    }

    /** Paces {@link #next()} to at most this many frames per second; 0 (the default) renders as fast as it can. */
    public void setFramesPerSecond(double fps) {
        if (!(fps >= 0)) {
            throw new IllegalArgumentException("frames per second must be >= 0, got " + fps);
        }
        this.framesPerSecond = fps;
    }

    /** Ends the source (next() returns null) after this many frames; unlimited by default. */
    public void setFrameLimit(long frames) {
        this.frameLimit = frames;
    }

    /** Scene time of a frame, seconds. */
    public static double sceneSeconds(long sequence) {
        return sequence * SCENE_SECONDS_PER_FRAME;
    }

    @Override
    public synchronized StereoFrame next() {
        if (closed) {
            throw new IllegalStateException("source is closed");
        }
        if (sequence >= frameLimit) {
            return null;
        }
        RenderedPair truth = renderer.render(rig, animation.at(sceneSeconds(sequence)));
        double fps = framesPerSecond;
        if (fps > 0 && lastEmitNanos != 0) {
            long due = lastEmitNanos + (long) (1e9 / fps);
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
        }
        long now = System.nanoTime();
        lastEmitNanos = now;
        if (lastTruth != null) {
            lastTruth.close();
        }
        lastTruth = truth;
        StereoFrame frame = new StereoFrame(truth.left().clone(), truth.right().clone(), now, now + skewNanos,
                sequence);
        sequence++;
        return frame;
    }

    /**
     * Ground truth (and the images) of the frame last returned by {@link #next()}, owned by this source: do not
     * close it; it is replaced by the next frame. Null before the first frame.
     */
    public synchronized RenderedPair lastTruth() {
        return lastTruth;
    }

    @Override
    public synchronized String describe() {
        return "synthetic rig " + rig.width() + "x" + rig.height()
                + (rig.isRectifiedIdeal() ? " (rectified)" : " (raw)");
    }

    /** True once closed. */
    public synchronized boolean isClosed() {
        return closed;
    }

    @Override
    public synchronized void close() {
        if (lastTruth != null) {
            lastTruth.close();
            lastTruth = null;
        }
        closed = true;
    }
}
