package io.github.stereostation.pipeline;

import io.github.stereostation.depth.TemporalFilter;

/**
 * Runs the temporal filter on the live disparity, after matching and before depth. The history restarts when
 * the tuning changes (the matcher's output changes with it).
 */
public final class TemporalFilterStage implements Stage {
    private final TemporalFilter filter;
    private Object lastSettings;

    public TemporalFilterStage(TemporalFilter filter) {
        this.filter = filter;
    }

    @Override
    public String name() {
        return "temporal";
    }

    @Override
    public void process(FrameJob job) {
        if (job.disparity() == null) {
            return;
        }
        if (job.settings() != lastSettings) {
            filter.reset();
            lastSettings = job.settings();
        }
        job.setDisparity(filter.apply(job.disparity()));
    }

    @Override
    public void close() {
        filter.close();
    }
}
