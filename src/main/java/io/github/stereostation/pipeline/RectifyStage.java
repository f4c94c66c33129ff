package io.github.stereostation.pipeline;

import io.github.stereostation.calibration.Rectifier;

import org.opencv.core.Mat;

import java.util.function.Supplier;

/**
 * Rectifies the pair with the current calibration. Without one (the supplier gives null: an ideal rig such as
 * the synthetic one, or a user who has not calibrated yet) the raw pair goes on unchanged.
 */
public final class RectifyStage implements Stage {
    private final Supplier<Rectifier> rectifier;

    public RectifyStage(Supplier<Rectifier> rectifier) {
        this.rectifier = rectifier;
    }

    @Override
    public String name() {
        return "rectify";
    }

    @Override
    public void process(FrameJob job) {
        Rectifier r = rectifier.get();
        if (r == null) {
            return;
        }
        Mat left = new Mat();
        Mat right = new Mat();
        try {
            r.rectify(job.frame().left(), job.frame().right(), left, right);
        } catch (RuntimeException e) {
            left.release();
            right.release();
            throw e;
        }
        job.setRectified(left, right);
    }
}
