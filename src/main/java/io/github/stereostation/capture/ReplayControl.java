package io.github.stereostation.capture;

/**
 * How a replay plays: paused or running, single steps while paused, looping at the end, and its speed against
 * the recorded clock. Thread-safe: a window sets it while the loop's capture thread reads pairs through
 * {@link ReplaySource#next()}, which waits here while paused. Unpaced by default (pairs as fast as they are
 * asked for, as commands and tests want); {@link #setPaced} plays at the recording's own pace times the speed.
 */
public final class ReplayControl {
    /** Speeds a user may choose. */
    public static final double MIN_SPEED = 0.1;
    public static final double MAX_SPEED = 8;

    private boolean paused;
    private boolean loop;
    private boolean paced;
    private double speed = 1;
    private int steps;
    private boolean released;
    private long changes;

    public synchronized boolean paused() {
        return paused;
    }

    public synchronized void setPaused(boolean p) {
        paused = p;
        changes++;
        notifyAll();
    }

    /** While paused, lets exactly one more pair through. */
    public synchronized void step() {
        steps++;
        notifyAll();
    }

    public synchronized boolean loop() {
        return loop;
    }

    public synchronized void setLoop(boolean l) {
        loop = l;
    }

    public synchronized boolean paced() {
        return paced;
    }

    /** Plays at the recorded pace (times the speed) instead of as fast as pairs are asked for. */
    public synchronized void setPaced(boolean p) {
        paced = p;
        changes++;
    }

    public synchronized double speed() {
        return speed;
    }

    /** Playback speed against the recording's clock, {@link #MIN_SPEED} to {@link #MAX_SPEED} (1 = as recorded). */
    public synchronized void setSpeed(double s) {
        if (!(s >= MIN_SPEED && s <= MAX_SPEED)) {
            throw new IllegalArgumentException("replay speed " + s + " is outside " + MIN_SPEED + " to " + MAX_SPEED);
        }
        speed = s;
        changes++;
    }

    /** Counts pause, pace and speed changes: the replay restarts its clock when this moves. */
    synchronized long changes() {
        return changes;
    }

    /**
     * Waits while paused with no step pending (a pending step is used up); returns false when the replay is
     * being closed or the thread interrupted, true when a pair may be read.
     */
    synchronized boolean awaitTurn() {
        while (paused && steps == 0 && !released) {
            try {
                wait(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        if (released) {
            return false;
        }
        if (paused) {
            steps--;
        }
        return true;
    }

    /** Wakes a reader waiting while paused, for good (the replay is closing). */
    synchronized void release() {
        released = true;
        notifyAll();
    }
}
