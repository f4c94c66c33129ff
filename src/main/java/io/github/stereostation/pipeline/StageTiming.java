package io.github.stereostation.pipeline;

/**
 * One timed step of the loop as measured over the recent frames.
 *
 * @param name        "capture", a stage's name, or "present"
 * @param meanMillis  mean time per frame over the recent window (NaN before the first frame)
 * @param lastMillis  time of the most recent frame
 * @param frames      frames this step finished
 * @param errors      frames this step failed on (each reported, the loop went on)
 * @param dropped     finished outputs the next step never took because a newer one replaced them
 */
public record StageTiming(String name, double meanMillis, double lastMillis, long frames, long errors, long dropped) {
}
