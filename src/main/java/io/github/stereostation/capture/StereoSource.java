package io.github.stereostation.capture;

import java.io.IOException;
import java.util.Optional;

/**
 * A source of stereo pairs: two cameras, a replay, or the synthetic rig.
 * Owns native resources (devices, Mats): {@link #close()} releases them.
 * Open one from a spec string with {@code source.StereoSources}.
 */
public interface StereoSource extends AutoCloseable {

    /**
     * Blocks until the next pair is available. The caller owns the returned frame and must close it.
     *
     * @return the next pair, or {@code null} when the source has ended (end of a replay)
     * @throws IOException when the source failed (camera unplugged, unreadable file); the message says which.
     *                     A {@link SourceFailure} says what kind; a source wrapped by {@link ResilientStereoSource}
     *                     keeps working after it, so the caller may simply call {@code next()} again
     */
    StereoFrame next() throws IOException;

    /** A short human description, e.g. "synthetic rig 640x480" or "cameras 0+1". */
    String describe();

    /** The current health in plain words; sources that cannot fail mid-stream are always OK until they end. */
    default SourceStatus status() {
        return SourceStatus.of(SourceStatus.State.OK, describe());
    }

    /** True for cameras (frames are lost if not read in time), false for replays and generators. */
    default boolean live() {
        return false;
    }

    /**
     * True when each pair is a separate still photograph (a folder of image pairs) rather than a frame of a
     * video: nothing moves between them, so a pair counts as held still on its own.
     */
    default boolean deliversStills() {
        return false;
    }

    /** The camera settings in effect, when the source knows them (recorded into sessions). */
    default Optional<CameraSettings> settings() {
        return Optional.empty();
    }

    /** Pairing counters, for sources that pair two cameras by timestamp. */
    default Optional<PairingStats> pairing() {
        return Optional.empty();
    }

    @Override
    void close();
}
