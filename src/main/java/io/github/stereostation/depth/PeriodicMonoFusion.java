package io.github.stereostation.depth;

import org.opencv.core.Mat;

import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Mono/stereo fusion for the live loop, where the network is far slower than the stereo matcher: every
 * {@code everyNthFrame}-th frame the left image goes to the network on this object's own thread (never more than
 * one at a time, never blocking the caller), and every frame is fused with the latest finished mono estimate.
 * The scale and shift are re-fitted on each frame, so a slightly stale mono map still lands at the right metric
 * depth where the scene has not moved. Owns the latest estimate (native memory), hence AutoCloseable; the
 * estimator stays the caller's.
 */
public final class PeriodicMonoFusion implements AutoCloseable {

    private final MonoDepthEstimator estimator;
    private final int everyNthFrame;
    private final ExecutorService worker;
    private final Object lock = new Object();
    private MonoDepth latest;          // guarded by lock
    private long latestFrame = -1;     // guarded by lock: frame number the latest estimate was taken from
    private boolean running;           // guarded by lock
    private long frame;
    private long estimatesRun;         // guarded by lock
    private RuntimeException failure;  // guarded by lock
    private ScaleShiftFit lastFit;     // guarded by lock: the newest fit a frame's own pixels gave
    private long lastFitFrame;         // guarded by lock

    /** How many frames a fit stands in for frames whose own pixels give none. */
    static final int FIT_KEPT_FRAMES = 30;

    public PeriodicMonoFusion(MonoDepthEstimator estimator, int everyNthFrame) {
        if (everyNthFrame < 1) {
            throw new IllegalArgumentException("everyNthFrame must be >= 1, got " + everyNthFrame);
        }
        this.estimator = estimator;
        this.everyNthFrame = everyNthFrame;
        this.worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "mono-fusion");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Takes one stereo frame: maybe starts a mono estimate of {@code leftBgr} in the background, then fuses the
     * latest finished one with {@code disparity}. Empty until a first estimate has finished, or when the fit
     * fails (too few confident stereo pixels). Throws the network's failure, once, if the last estimate failed.
     *
     * @param confident CV_8U mask of stereo pixels to keep and fit on, or null for every finite positive disparity
     */
    public Optional<FusedDepth> fuse(Mat leftBgr, Mat disparity, Mat confident, double focalPx, double baselineMm) {
        return fuse(leftBgr, disparity, confident, focalPx, baselineMm, 0);
    }

    /** As above for a rig whose depth is {@code focal * baseline / (d + doffsPx)}. */
    public Optional<FusedDepth> fuse(Mat leftBgr, Mat disparity, Mat confident, double focalPx, double baselineMm,
                                     double doffsPx) {
        long now = frame++;
        synchronized (lock) {
            if (failure != null) {
                RuntimeException f = failure;
                failure = null;
                throw f;
            }
            if (now % everyNthFrame == 0 && !running) {
                running = true;
                Mat copy = leftBgr.clone();
                worker.execute(() -> estimateInBackground(copy, now));
            }
            if (latest == null) {
                return Optional.empty();
            }
            // a frame whose pixels give no fit (too few sure ones, a slope that flips) keeps the fill of the
            // frames just before rather than flickering to holes; an old fit is not trusted for long
            ScaleShiftFit fallback = lastFit != null && now - lastFitFrame <= FIT_KEPT_FRAMES ? lastFit : null;
            Optional<FusedDepth> fused = MonoStereoFusion.fuse(latest.inverseDepth(), disparity, confident, focalPx,
                    baselineMm, doffsPx, fallback);
            if (fused.isPresent() && fused.get().fit() != fallback) {
                lastFit = fused.get().fit();
                lastFitFrame = now;
            }
            return fused;
        }
    }

    private void estimateInBackground(Mat image, long frameNumber) {
        MonoDepth result = null;
        RuntimeException error = null;
        try {
            result = estimator.estimate(image);
        } catch (RuntimeException e) {
            error = e;
        } finally {
            image.release();
        }
        synchronized (lock) {
            running = false;
            lock.notifyAll();
            if (error != null) {
                failure = error;
                return;
            }
            if (latest != null) {
                latest.close();
            }
            latest = result;
            latestFrame = frameNumber;
            estimatesRun++;
        }
    }

    /** Frame number the mono estimate in use came from (-1 = none yet). */
    public long monoFrame() {
        synchronized (lock) {
            return latestFrame;
        }
    }

    /** How many mono estimates have finished. */
    public long estimatesRun() {
        synchronized (lock) {
            return estimatesRun;
        }
    }

    /** Waits until no estimate is running (for tests and orderly shutdown); false on timeout. */
    public boolean awaitIdle(long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        synchronized (lock) {
            while (running) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    return false;
                }
                lock.wait(left);
            }
            return true;
        }
    }

    @Override
    public void close() {
        worker.shutdown();
        try {
            worker.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (lock) {
            if (latest != null) {
                latest.close();
                latest = null;
            }
        }
    }
}
