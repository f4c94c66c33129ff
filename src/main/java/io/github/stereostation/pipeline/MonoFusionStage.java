package io.github.stereostation.pipeline;

import io.github.stereostation.depth.FusedDepth;
import io.github.stereostation.depth.MonoDepthEstimator;
import io.github.stereostation.depth.MonoStereoFusion;
import io.github.stereostation.depth.PeriodicMonoFusion;
import io.github.stereostation.geometry.DisparityToDepth;
import org.opencv.core.Mat;

import java.util.Optional;

/**
 * Optional live-loop stage after {@link DepthStage}: fills the stereo holes (and textureless areas) of each
 * job's disparity and depth from a mono network, which runs on its own thread every {@code everyNthFrame}-th
 * frame ({@link PeriodicMonoFusion}); every frame is fused with the latest finished estimate. Jobs without
 * geometry (uncalibrated rig) pass through, as do the first frames before the network has answered.
 * Owns the fusion state; the estimator stays the caller's.
 */
public final class MonoFusionStage implements Stage {

    /** Default: stereo on spots flatter than this (mean grey levels per pixel) is replaced by mono. */
    public static final double MIN_TEXTURE = 2.0;

    private final PeriodicMonoFusion fusion;
    private final double minTexture;
    private volatile String lastFit = "";

    /**
     * @param everyNthFrame run the network on every n-th frame (the stereo runs on all)
     * @param minTexture    stereo on flatter spots is replaced by mono; 0 keeps every finite stereo pixel
     */
    public MonoFusionStage(MonoDepthEstimator estimator, int everyNthFrame, double minTexture) {
        this.fusion = new PeriodicMonoFusion(estimator, everyNthFrame);
        this.minTexture = minTexture;
    }

    public MonoFusionStage(MonoDepthEstimator estimator, int everyNthFrame) {
        this(estimator, everyNthFrame, MIN_TEXTURE);
    }

    /** The fusion state, e.g. to wait for the network in tests. */
    PeriodicMonoFusion fusion() {
        return fusion;
    }

    @Override
    public String name() {
        return "mono";
    }

    @Override
    public void process(FrameJob job) {
        DisparityToDepth g = job.geometry();
        Mat d = job.disparity();
        if (g == null || d == null) {
            return;
        }
        Mat confident = MonoStereoFusion.confidentStereo(d, job.left(), minTexture);
        try {
            Optional<FusedDepth> fused = fusion.fuse(job.left(), d, confident, g.focalPx(),
                    g.baselineMetres() * 1000.0, g.offsetPx());
            if (fused.isEmpty()) {
                return;
            }
            FusedDepth f = fused.get();
            job.setDisparity(f.disparity());
            job.setDepthMetres(f.depthMetres());
            f.fromMono().release();
            lastFit = f.fit().toString();
        } finally {
            confident.release();
        }
    }

    /** The latest scale/shift fit, for the status line ("" before the first). */
    public String lastFit() {
        return lastFit;
    }

    @Override
    public void close() {
        fusion.close();
    }
}
