package io.github.stereostation.capture;

import java.io.IOException;

/**
 * One camera (or one video file). Reading is split in two steps, as in OpenCV's VideoCapture, so that a stereo
 * source can latch both cameras' newest frames back to back with {@link #grab()} and only then spend time
 * decoding them with {@link #retrieve()}: this keeps the two exposures as close in time as the hardware allows.
 * Owns native resources: {@link #close()} releases the device and its buffers.
 */
public interface FrameSource extends AutoCloseable {

    /**
     * Latches the next frame and stamps its capture time. Blocks until a frame is there.
     *
     * @return false when the stream has ended (end of a file)
     * @throws SourceFailure when the device failed; its state says how (unplugged, no frames, busy)
     */
    boolean grab() throws IOException;

    /** Decodes the frame latched by the last successful {@link #grab()}; the caller owns the result. */
    TimedFrame retrieve() throws IOException;

    /** {@link #grab()} then {@link #retrieve()}; null at the end of the stream. */
    default TimedFrame read() throws IOException {
        return grab() ? retrieve() : null;
    }

    /** True for cameras (frames keep coming whether or not they are read), false for files. */
    default boolean live() {
        return false;
    }

    /** The settings in effect, as far as the driver can tell (what the camera accepted, not what was asked). */
    CameraSettings settings();

    /** A short description, e.g. "OpenCV camera 0 (/dev/video0) 640x480 MJPG". */
    String describe();

    @Override
    void close();
}
