package io.github.stereostation.pipeline;

/**
 * One step of the live loop (rectify, match, filter, depth...). Each stage runs on its own thread and only
 * ever sees one job at a time, so it may keep and reuse scratch Mats between calls; {@link #close()}
 * releases them when the pipeline stops.
 */
public interface Stage extends AutoCloseable {

    /** Short name for timings and error messages, e.g. "match". */
    String name();

    /** Does this stage's work on the job, adding its outputs (Mats the job then owns). */
    void process(FrameJob job) throws Exception;

    @Override
    default void close() {
    }
}
