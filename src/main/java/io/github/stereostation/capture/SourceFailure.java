package io.github.stereostation.capture;

import java.io.IOException;

/** A source failed in a way the user should hear about; {@link #state()} says which kind of failure it is. */
public class SourceFailure extends IOException {
    private final SourceStatus.State state;

    public SourceFailure(SourceStatus.State state, String message) {
        super(message);
        this.state = state;
    }

    public SourceFailure(SourceStatus.State state, String message, Throwable cause) {
        super(message, cause);
        this.state = state;
    }

    public SourceStatus.State state() {
        return state;
    }

    public SourceStatus status() {
        return SourceStatus.of(state, getMessage());
    }
}
