package io.github.stereostation.capture;

import java.util.Objects;

/**
 * The health of a source in plain words, for the status bar and the command line.
 *
 * @param state    what kind of condition it is
 * @param message  one sentence a user understands, e.g. "camera 1 (/dev/video2) was unplugged; reconnecting"
 * @param sinceNanos {@link System#nanoTime()} when this state began
 */
public record SourceStatus(State state, String message, long sinceNanos) {

    public enum State {
        /** Frames are arriving. */
        OK,
        /** The device is open but no frame arrived within the timeout. */
        NO_FRAMES,
        /** The device went away (unplugged, read error) or is not there; the source keeps trying to reconnect. */
        DISCONNECTED,
        /** Another program holds the device. */
        BUSY,
        /** A replay or file reached its end. */
        ENDED
    }

    public SourceStatus {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(message, "message");
    }

    public static SourceStatus of(State state, String message) {
        return new SourceStatus(state, message, System.nanoTime());
    }

    public boolean ok() {
        return state == State.OK;
    }

    @Override
    public String toString() {
        return state + ": " + message;
    }
}
