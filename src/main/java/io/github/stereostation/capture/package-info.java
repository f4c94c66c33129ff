/**
 * Getting stereo pairs: camera drivers behind {@link io.github.stereostation.capture.FrameSource}
 * (OpenCV/V4L2, webcam-capture, video files), pairing by timestamp ({@link io.github.stereostation.capture.StereoPairer}),
 * side-by-side splitting, replay of folders and recorded sessions, the one-camera two-shot flow, recording, and
 * fault handling ({@link io.github.stereostation.capture.ResilientStereoSource} with
 * {@link io.github.stereostation.capture.SourceStatus}).
 * <p>
 * Open any source from a spec string with {@code io.github.stereostation.source.StereoSources} (the package above this one and {@code sim}).
 * <p>
 * Session format (written by {@link io.github.stereostation.capture.SessionRecorder}, read by
 * {@link io.github.stereostation.capture.ReplaySource}): a folder holding {@code session.json}
 * ({@link io.github.stereostation.capture.SessionManifest}: format "stereo-station-session", version 1, source,
 * startedAt, imageFormat png|mjpeg, camera settings, and a "frames" list of {sequence, leftNanos, rightNanos,
 * left, right}) plus either {@code left_000000.png}/{@code right_000000.png} per pair (lossless) or
 * {@code left.avi}/{@code right.avi} (Motion-JPEG, frame i = entry i). Timestamps are nanoseconds on the
 * recording machine's monotonic clock.
 */
package io.github.stereostation.capture;
