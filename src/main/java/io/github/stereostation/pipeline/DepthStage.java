package io.github.stereostation.pipeline;

import io.github.stereostation.geometry.DisparityToDepth;


import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;

import java.util.function.Supplier;

/**
 * Turns the filtered disparity into depth in metres (CV_32F, NaN where unknown) with the rig's geometry.
 * When the rig has no calibration (the supplier gives null) the job simply carries no depth.
 */
public final class DepthStage implements Stage {
    /** Anything further than this is treated as "no depth" (a disparity of a fraction of a pixel). */
    static final double MAX_DEPTH_METRES = 1000;

    private final Supplier<DisparityToDepth> geometry;
    private final Mat shifted = new Mat();
    private final Mat invalid = new Mat();

    public DepthStage(Supplier<DisparityToDepth> geometry) {
        this.geometry = geometry;
    }

    @Override
    public String name() {
        return "depth";
    }

    @Override
    public void process(FrameJob job) {
        DisparityToDepth g = geometry.get();
        Mat d = job.disparity();
        if (g == null || d == null) {
            return;
        }
        Core.add(d, new Scalar(g.offsetPx()), shifted);
        Mat depth = new Mat(d.size(), CvType.CV_32F);
        Core.divide(g.focalPx() * g.baselineMetres(), shifted, depth);
        // zero or negative disparity means "at or beyond infinity": unknown, not a huge or negative distance
        Core.inRange(depth, new Scalar(1e-6), new Scalar(MAX_DEPTH_METRES), invalid); // divide gives 0 for d = 0
        Core.bitwise_not(invalid, invalid);
        depth.setTo(new Scalar(Float.NaN), invalid);
        job.setDepthMetres(depth);
        job.setGeometry(g);
    }

    @Override
    public void close() {
        shifted.release();
        invalid.release();
    }
}
