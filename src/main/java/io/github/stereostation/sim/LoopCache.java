package io.github.stereostation.sim;

import java.util.function.LongToIntFunction;

/**
 * The distinct frames of a looping animation, rendered once by a background thread and then handed out again
 * and again. A ping-pong loop of period K frames has K/2 + 1 distinct frames (steps 0..K/2), so that is all
 * this ever holds: at 640x480 that is K/2 + 1 pairs of 0.9 MB images (about 85 MB for K = 90), native memory
 * released by {@link #close()}.
 *
 * <p>The thread renders the step the consumer will want next first (following the loop on from the consumer's
 * last frame), so a fresh cache, e.g. after a rig change mid-loop, serves the current frame first. With a draft
 * renderer it first renders every step quickly in draft quality, then replaces each with the full-quality
 * render, so frames flow within a fraction of a second and reach full quality once the loop is done. It
 * ends once every step is held in full quality.
 */
final class LoopCache implements AutoCloseable {
    /** Renders the images of one step of the loop. */
    @FunctionalInterface
    interface StepRenderer {
        ImagePair render(int step);
    }

    private final StepRenderer renderer;
    private final StepRenderer draft;
    private final LongToIntFunction stepOfSequence;
    private final int periodFrames;
    private final ImagePair[] slots;
    private final boolean[] finished;
    private final boolean[] inProgress;
    private long wantedSequence;
    private int filled;
    private boolean closed;
    private RuntimeException failure;

    /**
     * @param distinctSteps  how many distinct steps the loop has (slots held at most)
     * @param periodFrames   the loop's period in frames
     * @param stepOfSequence the step a frame sequence number shows, 0 &lt;= step &lt; distinctSteps
     */
    LoopCache(int distinctSteps, int periodFrames, LongToIntFunction stepOfSequence, StepRenderer renderer,
              long firstSequence) {
        this(distinctSteps, periodFrames, stepOfSequence, renderer, null, firstSequence);
    }

    /** As the other constructor; {@code draft} (null: none) renders the quick first pass. */
    LoopCache(int distinctSteps, int periodFrames, LongToIntFunction stepOfSequence, StepRenderer renderer,
              StepRenderer draft, long firstSequence) {
        this.renderer = renderer;
        this.draft = draft;
        this.finished = new boolean[distinctSteps];
        this.stepOfSequence = stepOfSequence;
        this.periodFrames = periodFrames;
        this.slots = new ImagePair[distinctSteps];
        this.inProgress = new boolean[distinctSteps];
        this.wantedSequence = firstSequence;
        Thread worker = new Thread(this::fill, "synthetic-rig-prerender");
        worker.setDaemon(true);
        worker.setPriority(Thread.NORM_PRIORITY - 1);
        worker.start();
    }

    /** Maximum number of frames this cache can hold. */
    int capacity() {
        return slots.length;
    }

    /** Frames rendered in full quality and held now. */
    synchronized int size() {
        return filled;
    }

    /**
     * A copy of the images of frame {@code sequence} (the caller owns and closes it), waiting for the background
     * thread if they are not rendered yet. Copied under the cache's lock, since a full-quality render may
     * replace a draft at any moment.
     */
    synchronized ImagePair copy(long sequence) throws InterruptedException {
        ImagePair held = get(sequence);
        return new ImagePair(held.left().clone(), held.right().clone());
    }

    /**
     * The images of frame {@code sequence}, waiting for the background thread if they are not rendered yet.
     * Owned by the cache: copy them while holding its lock (see {@link #copy}), do not close them.
     */
    synchronized ImagePair get(long sequence) throws InterruptedException {
        int step = stepOfSequence.applyAsInt(sequence);
        wantedSequence = sequence;
        notifyAll();
        while (slots[step] == null) {
            if (failure != null) {
                throw failure;
            }
            if (closed) {
                throw new IllegalStateException("frame cache is closed");
            }
            wait();
        }
        return slots[step];
    }

    private void fill() {
        while (true) {
            int step;
            boolean quick;
            synchronized (this) {
                step = nextToRender();
                if (step < 0 || closed) {
                    return; // every step is held: the thread's work is done
                }
                quick = draft != null && slots[step] == null;
                inProgress[step] = true;
            }
            ImagePair pair;
            try {
                pair = quick ? draft.render(step) : renderer.render(step);
            } catch (RuntimeException | Error e) {
                synchronized (this) {
                    failure = e instanceof RuntimeException r ? r
                            : new IllegalStateException("rendering a synthetic frame failed: " + e, e);
                    notifyAll();
                }
                return;
            }
            synchronized (this) {
                inProgress[step] = false;
                if (closed) {
                    pair.close();
                    return;
                }
                if (slots[step] != null) {
                    slots[step].close(); // the draft this render replaces
                }
                slots[step] = pair;
                if (!quick) {
                    finished[step] = true;
                    filled++;
                }
                notifyAll();
            }
        }
    }

    /**
     * The first step with nothing to show, in the order the consumer will ask for them, then the first one not
     * yet in full quality; -1 when all are done (with one rendering thread, no step is in progress while it asks).
     */
    private int nextToRender() {
        if (filled == slots.length) {
            return -1;
        }
        for (int j = 0; j < periodFrames; j++) {
            int step = stepOfSequence.applyAsInt(wantedSequence + j);
            if (slots[step] == null && !inProgress[step]) {
                return step;
            }
        }
        for (int j = 0; j < periodFrames; j++) {
            int step = stepOfSequence.applyAsInt(wantedSequence + j);
            if (!finished[step] && !inProgress[step]) {
                return step;
            }
        }
        return -1;
    }

    /** Stops the background thread (a render in flight is dropped when it ends) and releases every frame. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (int i = 0; i < slots.length; i++) {
            if (slots[i] != null) {
                slots[i].close();
                slots[i] = null;
            }
        }
        filled = 0;
        notifyAll();
    }
}
