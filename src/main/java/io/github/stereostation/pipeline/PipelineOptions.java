package io.github.stereostation.pipeline;

/**
 * How the loop drives its source.
 *
 * @param captureOnDemand grab the next pair only when the first stage is idle and waiting for it. Right for
 *                        sources that are never "late" (synthetic rig, replay): nothing is rendered or read
 *                        just to be dropped, and a pair never waits for the stage to finish the one before,
 *                        which keeps latency near one pass through the loop. Cameras run free (false) so the
 *                        newest exposure is always at hand.
 * @param paceFps         at most this many pairs per second from the source (0 = as fast as the loop takes
 *                        them); lets the synthetic rig behave like a camera
 * @param retryMillis     wait before asking a failed source again
 */
public record PipelineOptions(boolean captureOnDemand, double paceFps, long retryMillis) {

    public PipelineOptions {
        if (paceFps < 0 || Double.isNaN(paceFps)) {
            throw new IllegalArgumentException("paceFps must be >= 0, got " + paceFps);
        }
        retryMillis = retryMillis <= 0 ? 500 : retryMillis;
    }

    /** For live cameras: grab continuously, keep only the newest pair. */
    public static PipelineOptions cameras() {
        return new PipelineOptions(false, 0, 500);
    }

    /** For the synthetic rig or a replay, optionally paced like a camera. */
    public static PipelineOptions onDemand(double paceFps) {
        return new PipelineOptions(true, paceFps, 500);
    }
}
