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
 * available from {@link #lastTruth()} until the next frame or {@link #close()}; it is cast only when asked
 * for (a pixel-centre ray per pixel and view), so a caller that never asks does not pay for it.
 *
 * <p>A LOOPING source ({@link #liveDesk(int, int)}, {@link #looping}) plays its animation back and forth with
 * a period of K frames: frame n shows scene time {@link #sceneSecondsAt(long)} = s/30 s with s = n mod K for
 * s &lt;= K/2 and K - s after, so its first K/2 + 1 frames equal those of the plain source. Its K/2 + 1 distinct
 * frames are rendered once by a background thread and then replayed from a bounded cache: K/2 + 1 image pairs,
 * about 1.8 MB each at 640x480 (85 MB for K = 90), released by {@link #close()} or a rig change. Rendering is
 * slower than a camera (a full 640x480 pair takes about 350 ms of CPU; later frames, which re-shade only the
 * pixels moving surfaces touch, about 60 to 120 ms), so this is what lets the live station run at camera speed
 * on the synthetic rig after a warm-up of K/2 + 1 renders (about 3 to 7 s on two cores for K = 90); frames are
 * the same images a fresh render of that scene time gives, pixel for pixel.
 */
public final class SyntheticStereoSource implements StereoSource {

    /**
     * The scene at a given scene time in seconds. Must be a pure function of the time (a looping source calls it
     * from its rendering thread too).
     */
    @FunctionalInterface
    public interface Animation {
        SyntheticScene at(double seconds);
    }

    private static final double SCENE_SECONDS_PER_FRAME = 1.0 / 30;

    /** Loop period of {@link #liveDesk}: 1.5 s forth, 1.5 s back; 46 distinct frames. */
    public static final int LIVE_LOOP_FRAMES = 90;

    /** The frame last handed out: what its truth is cast from, and copies of its images for that truth. */
    private record Shown(StereoRig rig, SceneRenderer renderer, double seconds, ImagePair images) {
    }

    private StereoRig rig;
    private final SceneRenderer renderer;
    private final Animation animation;
    private final int loopFrames; // 0: scene time runs on for ever
    private final RenderOptions draftOptions; // null: the loop renders every step in full quality only
    private volatile LoopCache cache; // volatile: loopFramesToRender() reads it without the lock
    private StillReference still; // for the current rig and options, when stillMade; null if none can serve
    private boolean stillMade;
    private volatile long skewNanos;
    private volatile double framesPerSecond;
    private volatile long frameLimit = Long.MAX_VALUE;
    private long sequence;
    private long lastEmitNanos;
    private Shown shown;
    private RenderedPair lastTruth;
    private boolean closed;

    /** The animated desk scene (seed 1) through the given rig, rendered with {@link RenderOptions#LIVE}. */
    public SyntheticStereoSource(StereoRig rig) {
        this(rig, RenderOptions.LIVE, seconds -> SyntheticScene.deskAt(1, seconds));
    }

    public SyntheticStereoSource(StereoRig rig, RenderOptions options, Animation animation) {
        this(rig, options, animation, 0, null);
    }

    private SyntheticStereoSource(StereoRig rig, RenderOptions options, Animation animation, int loopFrames,
                                  RenderOptions draftOptions) {
        this.rig = Objects.requireNonNull(rig);
        this.renderer = new SceneRenderer(Objects.requireNonNull(options));
        this.animation = Objects.requireNonNull(animation);
        this.loopFrames = loopFrames;
        this.draftOptions = draftOptions;
    }

    /**
     * A source whose animation plays back and forth with a period of {@code periodFrames} (even, at least 2),
     * its distinct frames rendered once in the background and replayed from a cache of periodFrames/2 + 1
     * image pairs (see the class comment for the memory this takes).
     */
    public static SyntheticStereoSource looping(StereoRig rig, RenderOptions options, Animation animation,
                                                int periodFrames) {
        return looping(rig, options, animation, periodFrames, null);
    }

    /**
     * As {@link #looping(StereoRig, RenderOptions, Animation, int)}, rendering the loop first in {@code draft}
     * quality (null: no draft) and then again in full: frames flow after one quick render (about a quarter of a
     * full one at {@link #DRAFT}) and reach full quality once the loop is rendered. For a window that must come
     * alive at once; tests comparing frames with fresh renders use the plain loop.
     */
    public static SyntheticStereoSource looping(StereoRig rig, RenderOptions options, Animation animation,
                                                int periodFrames, RenderOptions draft) {
        if (periodFrames < 2 || periodFrames % 2 != 0) {
            throw new IllegalArgumentException("loop period must be an even number of frames >= 2, got "
                    + periodFrames);
        }
        return new SyntheticStereoSource(rig, options, animation, periodFrames, draft);
    }

    /** Draft quality for a loop's first pass: one ray per pixel, four times cheaper than {@link RenderOptions#LIVE}. */
    public static final RenderOptions DRAFT = RenderOptions.LIVE.withSupersampling(1);

    /**
     * The live desk rig ({@link #desk(int, int)}'s cameras and scene) looping every {@link #LIVE_LOOP_FRAMES}
     * frames: after a warm-up of 46 renders it delivers pairs as fast as they can be copied. Its first 46
     * frames equal {@link #desk(int, int)}'s.
     */
    public static SyntheticStereoSource liveDesk(int width, int height) {
        return looping(StereoRig.desk(width, height), RenderOptions.LIVE,
                seconds -> SyntheticScene.deskAt(1, seconds), LIVE_LOOP_FRAMES);
    }

    /** The animated desk through {@link StereoRig#desk(int, int)}: raw images, as real webcams deliver them. */
    public static SyntheticStereoSource desk(int width, int height) {
        return new SyntheticStereoSource(StereoRig.desk(width, height));
    }

    /** Changes the rig (and so the image size) from the next frame on. */
    public synchronized void setRig(StereoRig rig) {
        this.rig = Objects.requireNonNull(rig);
        dropCache();
    }

    public synchronized StereoRig rig() {
        return rig;
    }

    private void dropCache() {
        if (cache != null) {
            cache.close();
            cache = null;
        }
        still = null;
        stillMade = false;
    }

    /** Right timestamp minus left timestamp, nanoseconds (0 by default: a perfectly synchronised pair). */
    public void setSkewNanos(long skewNanos) {
        this.skewNanos = skewNanos;
    }

    /**
     * Paces {@link #next()} like a camera to this many frames per second: frames keep to a fixed clock, so a
     * frame fetched a little late does not push back the ones after it (a whole period late starts a new
     * clock); 0 (the default) delivers as fast as it can.
     */
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

    /** Scene time of a frame of a source that does not loop, seconds. */
    public static double sceneSeconds(long sequence) {
        return sequence * SCENE_SECONDS_PER_FRAME;
    }

    /** Scene time of a frame of this source, seconds: {@link #sceneSeconds} of the frame's loop step. */
    public double sceneSecondsAt(long sequence) {
        return sceneSeconds(loopStepAt(sequence));
    }

    /**
     * The distinct frame that frame {@code sequence} shows: its loop step, 0 to K/2, for a looping source (frames
     * with the same step are the same images and truth); the sequence number itself when the source does not loop.
     */
    public long loopStepAt(long sequence) {
        return loopFrames == 0 ? sequence : loopStep(sequence);
    }

    /**
     * Distinct loop frames not rendered yet (0 once the loop plays from its cache, and for a source that does not
     * loop). Does not wait for a frame being rendered, so a status line may ask at any time.
     */
    public int loopFramesToRender() {
        if (loopFrames == 0) {
            return 0;
        }
        LoopCache c = cache;
        return c == null ? loopFrames / 2 + 1 : c.capacity() - c.size();
    }

    /** Loop period in frames; 0 when the animation does not loop. */
    public int loopFrames() {
        return loopFrames;
    }

    private int loopStep(long sequence) {
        int s = (int) Math.floorMod(sequence, (long) loopFrames);
        return s <= loopFrames / 2 ? s : loopFrames - s;
    }

    /** The loop's cache as it stands (null before the first frame, or when the source does not loop). */
    synchronized LoopCache cache() {
        return cache;
    }

    @Override
    public synchronized StereoFrame next() {
        if (closed) {
            throw new IllegalStateException("source is closed");
        }
        if (sequence >= frameLimit) {
            return null;
        }
        double seconds = sceneSecondsAt(sequence);
        ImagePair images;
        if (loopFrames == 0) {
            if (!stillMade) {
                still = renderer.stillReference(rig, animation.at(0));
                stillMade = true;
            }
            images = renderer.renderImages(rig, animation.at(seconds), still);
        } else {
            if (cache == null) {
                cache = new LoopCache(loopFrames / 2 + 1, loopFrames, this::loopStep, stepRenderer(rig, renderer),
                        draftOptions == null ? null : stepRenderer(rig, new SceneRenderer(draftOptions.withNoise(
                                renderer.options().noiseSigmaGrey(), renderer.options().noiseSeed())
                                .withRightGain(renderer.options().rightGain()))), sequence);
            }
            try {
                images = cache.copy(sequence);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for a synthetic frame", e);
            }
        }
        double fps = framesPerSecond;
        long period = fps > 0 ? (long) (1e9 / fps) : 0;
        long due = 0;
        if (period > 0 && lastEmitNanos != 0) {
            due = lastEmitNanos + period;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
        }
        long now = System.nanoTime();
        // a camera's clock: frames stay on the period's grid (wake-up lag does not add up and cost frames per
        // second) unless the consumer fell a whole period behind, which starts a new grid
        lastEmitNanos = due != 0 && now - due < period ? due : now;
        forgetShown();
        shown = new Shown(rig, renderer, seconds, images);
        StereoFrame frame = new StereoFrame(images.left().clone(), images.right().clone(), now, now + skewNanos,
                sequence);
        sequence++;
        return frame;
    }

    /**
     * Renders loop steps on the cache's thread: the first render is kept as the still reference, so later
     * steps shade only what moved.
     */
    private LoopCache.StepRenderer stepRenderer(StereoRig r, SceneRenderer sr) {
        StillReference[] reference = new StillReference[1];
        boolean[] made = new boolean[1];
        return step -> {
            if (!made[0]) {
                reference[0] = sr.stillReference(r, animation.at(0));
                made[0] = true;
            }
            return sr.renderImages(r, animation.at(sceneSeconds(step)), reference[0]);
        };
    }

    private void forgetShown() {
        if (lastTruth != null) {
            lastTruth.close(); // owns the shown images too
            lastTruth = null;
        } else if (shown != null) {
            shown.images().close();
        }
        shown = null;
    }

    /**
     * Ground truth (and the images) of the frame last returned by {@link #next()}, owned by this source: do not
     * close it; it is replaced by the next frame. Null before the first frame. The first call for a frame
     * casts the truth (about a third of a full render's cost); later calls return the same object.
     */
    public synchronized RenderedPair lastTruth() {
        if (lastTruth == null && shown != null) {
            lastTruth = shown.renderer().renderTruth(shown.rig(), animation.at(shown.seconds()), shown.images());
        }
        return lastTruth;
    }

    @Override
    public synchronized String describe() {
        return "synthetic rig " + rig.width() + "x" + rig.height()
                + (rig.isRectifiedIdeal() ? " (rectified)" : " (raw)")
                + (loopFrames > 0 ? ", looping every " + loopFrames + " frames" : "");
    }

    /** True once closed. */
    public synchronized boolean isClosed() {
        return closed;
    }

    @Override
    public synchronized void close() {
        forgetShown();
        dropCache();
        closed = true;
    }
}
