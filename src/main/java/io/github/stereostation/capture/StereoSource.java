package io.github.stereostation.capture;

import java.io.IOException;

/**
 * A source of stereo pairs: two cameras, a replay, or the synthetic rig.
 * Owns native resources (devices, Mats): {@link #close()} releases them.
 */
public interface StereoSource extends AutoCloseable {

    /**
     * Blocks until the next pair is available. The caller owns the returned frame and must close it.
     *
     * @return the next pair, or {@code null} when the source has ended (end of a replay)
     * @throws IOException when the source failed (camera unplugged, unreadable file); the message says which
     */
    StereoFrame next() throws IOException;

    /** A short human description, e.g. "synthetic rig 640x480" or "cameras 0+1". */
    String describe();

    @Override
    void close();
}
