package io.github.stereostation.pipeline;

/**
 * The end of the loop: shows (or records) a finished job. Runs on the pipeline's "present" thread; the job's
 * Mats are released as soon as {@link #accept} returns, so a sink copies what it wants to keep (for a window,
 * ready-to-paint images). The moment it returns counts as "displayed" for the latency figure.
 */
@FunctionalInterface
public interface FrameSink extends AutoCloseable {

    void accept(FrameJob job) throws Exception;

    @Override
    default void close() {
    }
}
