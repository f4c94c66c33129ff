package io.github.stereostation.pipeline;

import io.github.stereostation.calibration.FeatureMatches;
import io.github.stereostation.calibration.RectificationRefiner;
import io.github.stereostation.calibration.RefinedRectification;
import io.github.stereostation.calibration.RigHealth;
import io.github.stereostation.calibration.RigHealthMonitor;
import io.github.stereostation.calibration.StereoCalibration;
import io.github.stereostation.calibration.StereoFeatureMatcher;

import java.util.concurrent.CompletableFuture;

/**
 * Checks the rectification of the live pairs every {@link #CHECK_EVERY_FRAMES} frames ({@link RigHealthMonitor})
 * and, when asked, collects matches from every other frame for a few seconds to refine the calibration without
 * a board. Runs after rectification and changes nothing in the job. A check costs a few milliseconds.
 */
public final class RigHealthStage implements Stage {
    /** One check in this many frames: three a second at 30 frames/s. */
    public static final int CHECK_EVERY_FRAMES = 10;

    private final RigHealthMonitor monitor;
    private final StereoCalibration calibration;
    private final StereoFeatureMatcher matcher = new StereoFeatureMatcher();
    private final Object lock = new Object();
    private long frames;
    private Collection collection;

    private record Collection(RectificationRefiner refiner, long endNanos,
                              CompletableFuture<RefinedRectification> result) {
    }

    /**
     * @param monitor     for pairs rectified as this loop rectifies them
     * @param calibration the calibration behind the rectification, or null (an ideal rig: nothing to refine)
     */
    public RigHealthStage(RigHealthMonitor monitor, StereoCalibration calibration) {
        this.monitor = monitor;
        this.calibration = calibration;
    }

    @Override
    public String name() {
        return "health";
    }

    public RigHealth health() {
        return monitor.latest();
    }

    /**
     * Collects matches from the live pairs for {@code seconds}, then refines the calibration (on the loop's
     * thread; the future completes there). Fails at once when the loop has no calibration.
     */
    public CompletableFuture<RefinedRectification> refine(double seconds) {
        CompletableFuture<RefinedRectification> f = new CompletableFuture<>();
        if (calibration == null) {
            f.completeExceptionally(new IllegalStateException(
                    "no calibration to refine: the rig is ideal or not calibrated yet"));
            return f;
        }
        synchronized (lock) {
            if (collection != null) {
                return collection.result;
            }
            collection = new Collection(new RectificationRefiner(calibration),
                    System.nanoTime() + (long) (seconds * 1e9), f);
        }
        return f;
    }

    @Override
    public void process(FrameJob job) {
        long frame = frames++;
        Collection c;
        synchronized (lock) {
            c = collection;
        }
        boolean check = monitor.due(frame);
        boolean collect = c != null && frame % 2 == 0;
        if (!check && !collect) {
            return;
        }
        FeatureMatches m = matcher.match(job.left(), job.right());
        if (check) {
            monitor.add(m, job.captureNanos());
        }
        if (collect) {
            c.refiner.addRectified(m);
            if (System.nanoTime() >= c.endNanos) {
                finish(c);
            }
        }
    }

    private void finish(Collection c) {
        synchronized (lock) {
            collection = null;
        }
        try (RectificationRefiner r = c.refiner) {
            c.result.complete(r.refine());
        } catch (RuntimeException e) {
            c.result.completeExceptionally(e);
        }
    }

    @Override
    public void close() {
        Collection c;
        synchronized (lock) {
            c = collection;
            collection = null;
        }
        if (c != null) {
            c.refiner.close();
            c.result.completeExceptionally(new IllegalStateException("the live loop stopped before the refinement"));
        }
        matcher.close();
        monitor.close();
    }
}
