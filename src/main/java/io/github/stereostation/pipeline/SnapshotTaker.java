package io.github.stereostation.pipeline;

import io.github.stereostation.cloud.PlyWriter;
import io.github.stereostation.cloud.PointCloud;
import io.github.stereostation.depth.DisparityImages;
import io.github.stereostation.depth.Pfm;
import io.github.stereostation.depth.StereoReconstruction;
import io.github.stereostation.geometry.DisparityToDepth;
import io.github.stereostation.io.AtomicFiles;
import io.github.stereostation.io.ImageFiles;
import org.opencv.core.Mat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Wraps the display sink and, when asked, saves the next finished frame into a timestamped folder: the raw
 * pair (and the rectified pair when there is one), disparity as PFM (pixels) and as a colour PNG, depth as
 * PFM (metres) and the point cloud as binary PLY (metres; built by {@link StereoReconstruction} from the
 * frame's disparity, as the cloud command builds it from the same pair). The frame's Mats are copied on the present thread
 * (cheap) and written on a writer thread, so the display does not stall while files are written.
 */
public final class SnapshotTaker implements FrameSink {
    private static final DateTimeFormatter FOLDER = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS", Locale.ROOT);

    private final FrameSink display;
    private final StereoReconstruction reconstruction;
    private final AtomicReference<Pending> pending = new AtomicReference<>();
    private volatile Thread writerThread;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, StationPipeline.THREAD_PREFIX + "snapshot");
        t.setDaemon(true);
        writerThread = t;
        return t;
    });

    /** What a snapshot wrote: its folder, and the point cloud (null when uncalibrated or nothing matched). */
    public record Snapshot(Path folder, PointCloud cloud) {
    }

    private record Pending(Path root, CompletableFuture<Snapshot> done) {
    }

    /** Copies of one frame's Mats, owned by the writer. */
    private record Copy(Mat left, Mat right, Mat rectifiedLeft, Mat rectifiedRight, Mat disparity, Mat depth,
                        DisparityToDepth geometry, long sequence, Object settings) {
        void release() {
            for (Mat m : new Mat[]{left, right, rectifiedLeft, rectifiedRight, disparity, depth}) {
                if (m != null) {
                    m.release();
                }
            }
        }
    }

    /**
     * @param display        the sink every frame goes on to
     * @param reconstruction how a frame's disparity becomes the snapshot's cloud (the rig's Q and rectification,
     *                       the recipe), or null when distances are unknown; the caller keeps and closes it
     */
    public SnapshotTaker(FrameSink display, StereoReconstruction reconstruction) {
        this.display = display;
        this.reconstruction = reconstruction;
    }

    /**
     * Saves the next frame that reaches the display under {@code root}/&lt;date-time&gt;/.
     *
     * @return completes with the folder written (and the cloud), or exceptionally with the reason
     */
    public CompletableFuture<Snapshot> request(Path root) {
        CompletableFuture<Snapshot> f = new CompletableFuture<>();
        Pending old = pending.getAndSet(new Pending(root, f));
        if (old != null) {
            f.whenComplete((p, e) -> {
                if (e != null) {
                    old.done().completeExceptionally(e);
                } else {
                    old.done().complete(p);
                }
            });
        }
        return f;
    }

    @Override
    public void accept(FrameJob job) throws Exception {
        Pending p = pending.getAndSet(null);
        if (p != null) {
            if (job.disparity() == null) {
                pending.compareAndSet(null, p); // nothing matched yet: try the next frame
            } else {
                Copy c = new Copy(job.frame().left().clone(), job.frame().right().clone(),
                        job.isRectified() ? job.left().clone() : null, job.isRectified() ? job.right().clone() : null,
                        job.disparity().clone(), job.depthMetres() == null ? null : job.depthMetres().clone(),
                        job.geometry(), job.sequence(), job.settings());
                try {
                    writer.execute(() -> {
                        try {
                            p.done().complete(write(p.root(), c));
                        } catch (Exception | Error e) {
                            p.done().completeExceptionally(e);
                        } finally {
                            c.release();
                        }
                    });
                } catch (java.util.concurrent.RejectedExecutionException e) {
                    c.release();
                    p.done().completeExceptionally(new IOException("the station is stopping"));
                }
            }
        }
        display.accept(job);
    }

    private Snapshot write(Path root, Copy c) throws IOException {
        Files.createDirectories(root);
        Path dir = root.resolve(LocalDateTime.now().format(FOLDER));
        Files.createDirectory(dir);
        ImageFiles.writePng(dir.resolve("left.png"), c.left());
        ImageFiles.writePng(dir.resolve("right.png"), c.right());
        if (c.rectifiedLeft() != null) {
            ImageFiles.writePng(dir.resolve("left-rectified.png"), c.rectifiedLeft());
            ImageFiles.writePng(dir.resolve("right-rectified.png"), c.rectifiedRight());
        }
        Pfm.write(dir.resolve("disparity.pfm"), c.disparity());
        Mat colour = DisparityImages.colour(c.disparity(), DisparityImages.maxFinite(c.disparity()));
        try {
            ImageFiles.writePng(dir.resolve("disparity.png"), colour);
        } finally {
            colour.release();
        }
        StringBuilder info = new StringBuilder();
        PointCloud points = null;
        info.append("sequence: ").append(c.sequence()).append('\n');
        info.append(describeSettings(c.settings()));
        if (c.depth() != null) {
            Pfm.write(dir.resolve("depth.pfm"), c.depth());
        }
        if (c.geometry() != null && reconstruction != null) {
            DisparityToDepth g = c.geometry();
            info.append(String.format(Locale.ROOT, "focalPx: %.3f%nbaselineMetres: %.5f%noffsetPx: %.3f%n",
                    g.focalPx(), g.baselineMetres(), g.offsetPx()));
            Mat colourSource = c.rectifiedLeft() != null ? c.rectifiedLeft() : c.left();
            try (StereoReconstruction.Result r = reconstruction.fromMatched(colourSource, c.disparity(), null,
                    StereoReconstruction.Output.POINTS)) {
                points = r.cloud();
            }
            info.append("cloudPoints: ").append(points.size()).append('\n');
            if (points.size() > 0) {
                new PlyWriter(false).write(dir.resolve("cloud.ply"), points);
            }
        } else {
            info.append("cloud: none (no calibration: distances unknown)\n");
        }
        AtomicFiles.write(dir.resolve("snapshot.txt"), info.toString().getBytes(StandardCharsets.UTF_8));
        return new Snapshot(dir, points != null && points.size() > 0 ? points : null);
    }

    /** The matcher and filter settings as "key: value" lines a person reads (not a record's toString). */
    static String describeSettings(Object settings) {
        if (!(settings instanceof io.github.stereostation.depth.Preset p)) {
            return settings == null ? "" : "settings: " + settings + "\n";
        }
        io.github.stereostation.depth.FilterSettings f = p.filters();
        return "preset: " + p.name() + "\n"
                + "matcher: " + p.matcher().describe() + "\n"
                + String.format(Locale.ROOT, "leftRightCheck: %s (tolerance %.1f px)%n",
                f.leftRightCheck() ? "on" : "off", f.leftRightTolerance())
                + "fillHoles: " + (f.fillHoles() ? "on" : "off") + "\n"
                + String.format(Locale.ROOT, "smoothing: %s (median radius %d, bilateral radius %d, colour sigma %.1f)%n",
                f.smoothing() ? "on" : "off", f.medianRadius(), f.bilateralRadius(), f.colourSigma())
                + "matchAtOneIn: " + f.downscale() + "\n";
    }

    /** Finishes a snapshot being written, then closes the display sink. */
    @Override
    public void close() {
        writer.shutdown();
        try {
            writer.awaitTermination(30, TimeUnit.SECONDS);
            // the executor reports termination while its last thread is still on its way out
            Thread t = writerThread;
            if (t != null) {
                t.join(TimeUnit.SECONDS.toMillis(5));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Pending p = pending.getAndSet(null);
        if (p != null) {
            p.done().completeExceptionally(new IOException("the station stopped before a frame arrived"));
        }
        display.close();
    }
}
