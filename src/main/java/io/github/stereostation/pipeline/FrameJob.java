package io.github.stereostation.pipeline;

import io.github.stereostation.capture.StereoFrame;
import io.github.stereostation.depth.DisparityMap;
import io.github.stereostation.geometry.DisparityToDepth;
import org.opencv.core.Mat;

/**
 * One pair on its way through the loop, with what each stage added to it. Only one thread holds a job at a
 * time (the hand-off slots pass it on), so it needs no locking. Owns native memory: {@link #close()} releases
 * the frame and every Mat a stage attached; a job dropped as stale is closed by the slot that dropped it.
 */
public final class FrameJob implements AutoCloseable {
    private final StereoFrame frame;
    private final long captureNanos;
    private final long[] stageNanos;
    private Mat rectifiedLeft;
    private Mat rectifiedRight;
    private Mat disparity;
    private Mat confidence;
    private Mat depthMetres;
    private Object settings;
    private DisparityToDepth geometry;
    private boolean closed;

    /**
     * @param frame        the captured pair (the job takes ownership)
     * @param captureNanos capture time on {@link System#nanoTime()}'s clock
     * @param stageCount   how many timed steps the pipeline has (capture, stages..., present)
     */
    public FrameJob(StereoFrame frame, long captureNanos, int stageCount) {
        this.frame = frame;
        this.captureNanos = captureNanos;
        this.stageNanos = new long[stageCount];
    }

    public StereoFrame frame() {
        return frame;
    }

    public long sequence() {
        return frame.sequence();
    }

    public long captureNanos() {
        return captureNanos;
    }

    /** The left image matching should use: rectified when a rectify stage ran, else the raw capture. */
    public Mat left() {
        return rectifiedLeft != null ? rectifiedLeft : frame.left();
    }

    public Mat right() {
        return rectifiedRight != null ? rectifiedRight : frame.right();
    }

    public boolean isRectified() {
        return rectifiedLeft != null;
    }

    public void setRectified(Mat left, Mat right) {
        release(rectifiedLeft);
        release(rectifiedRight);
        rectifiedLeft = left;
        rectifiedRight = right;
    }

    /** CV_32F disparity in pixels of the left view, NaN = none; null before the match stage. */
    public Mat disparity() {
        return disparity;
    }

    /**
     * Takes the matcher's result (the job owns it from now): its disparity and its per-pixel confidence, which
     * stays with the job even when a later stage replaces the disparity.
     */
    public void setMatch(DisparityMap map) {
        setDisparity(map.disparity());
        if (map.confidence() != confidence) {
            release(confidence);
        }
        confidence = map.confidence();
    }

    /** The matcher's confidence, CV_8U, 0 (none) to 255 (sure); null when the matcher gives none. */
    public Mat confidence() {
        return confidence;
    }

    /** Replaces the disparity map (a filter may produce a new one); the old one is released. */
    public void setDisparity(Mat d) {
        if (d != disparity) {
            release(disparity);
        }
        disparity = d;
    }

    /** CV_32F depth in metres along the left camera's axis, NaN = unknown; null when the rig is uncalibrated. */
    public Mat depthMetres() {
        return depthMetres;
    }

    public void setDepthMetres(Mat d) {
        if (d != depthMetres) {
            release(depthMetres);
        }
        depthMetres = d;
    }

    /** The tuning settings the match stage used for this job (for the display and snapshots), or null. */
    public Object settings() {
        return settings;
    }

    public void setSettings(Object settings) {
        this.settings = settings;
    }

    /** How this job's disparity maps to metres, or null when the rig is uncalibrated. */
    public DisparityToDepth geometry() {
        return geometry;
    }

    public void setGeometry(DisparityToDepth geometry) {
        this.geometry = geometry;
    }

    /** Nanoseconds each timed step took on this job (index 0 = capture, last = present). */
    long[] stageNanos() {
        return stageNanos;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        release(rectifiedLeft);
        release(rectifiedRight);
        release(disparity);
        release(confidence);
        release(depthMetres);
        frame.close();
    }

    private static void release(Mat m) {
        if (m != null) {
            m.release();
        }
    }
}
