package io.github.stereostation.pipeline;

import io.github.stereostation.cloud.CloudBuilder;
import io.github.stereostation.cloud.DepthRange;
import io.github.stereostation.cloud.PointCloud;
import io.github.stereostation.geometry.CameraIntrinsics;
import io.github.stereostation.geometry.DisparityToDepth;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The live loop's latest depth as a point cloud, for a 3D view that follows the loop. The present thread
 * offers each finished frame; when the builder is idle it takes a copy of the depth and the left image at half
 * resolution (a quarter of the points: enough to see, cheap to draw), and its own thread back-projects them and
 * hands the cloud on. A frame offered while a cloud is being built is skipped, so the loop never waits.
 * Owns its copies and a thread: AutoCloseable.
 */
public final class LiveCloud implements AutoCloseable {
    /** Depths beyond this are left out of the live view (far background and mismatches). */
    static final DepthRange RANGE = new DepthRange(0.1, 10);

    private final Consumer<PointCloud> listener;
    private final AtomicBoolean busy = new AtomicBoolean();
    private final AtomicLong updates = new AtomicLong();
    private final Mat depth = new Mat();
    private final Mat left = new Mat();
    private final Thread builder;
    private final Object signal = new Object();
    private volatile boolean running = true;
    private CameraIntrinsics intrinsics;
    private boolean pending;

    /** @param listener hears every new cloud, on the builder's thread */
    public LiveCloud(Consumer<PointCloud> listener) {
        this.listener = listener;
        builder = new Thread(this::buildLoop, StationPipeline.THREAD_PREFIX + "live-cloud");
        builder.setDaemon(true);
        builder.start();
    }

    /** Offers a finished frame (on the present thread); copies it only when the builder is free. */
    public void offer(FrameJob job) {
        DisparityToDepth g = job.geometry();
        if (g == null || job.depthMetres() == null || !busy.compareAndSet(false, true)) {
            return;
        }
        Imgproc.resize(job.depthMetres(), depth, new Size(), 0.5, 0.5, Imgproc.INTER_NEAREST);
        Imgproc.resize(job.left(), left, new Size(), 0.5, 0.5, Imgproc.INTER_AREA);
        // pixel centres: x' = (x + 0.5) / 2 - 0.5
        intrinsics = CameraIntrinsics.ideal(depth.cols(), depth.rows(), g.focalPx() / 2, (g.cxPx() - 0.5) / 2,
                (g.cyPx() - 0.5) / 2);
        synchronized (signal) {
            pending = true;
            signal.notifyAll();
        }
    }

    /** Clouds handed on so far. */
    public long updates() {
        return updates.get();
    }

    private void buildLoop() {
        try {
            while (running) {
                synchronized (signal) {
                    while (!pending && running) {
                        signal.wait();
                    }
                    pending = false;
                }
                if (!running) {
                    break;
                }
                try {
                    PointCloud cloud = CloudBuilder.fromDepth(depth, intrinsics, left, RANGE).toPointCloud();
                    listener.accept(cloud);
                    updates.incrementAndGet();
                } finally {
                    busy.set(false);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        synchronized (signal) {
            signal.notifyAll();
        }
        try {
            builder.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        depth.release();
        left.release();
    }
}
