package io.github.stereostation.capture;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Matches left and right frames by capture time. Two frames form a pair when each is the other's nearest
 * neighbour in time; the pair is delivered when its skew is within the bound and dropped otherwise. A frame
 * whose nearest partner pairs better with a later frame of its own side had no partner at all (the other
 * camera missed that exposure) and is discarded as unmatched. Every decision is counted.
 * <p>
 * Deciding "nearest" needs the next frame of the older side. When that frame has not arrived yet and the
 * candidate pair is already within the bound, the pair is delivered at once so that live pairs are not held
 * back a frame; this is exact whenever the bound is under half the frame interval (16.7 ms at 30 fps, hence
 * the 15 ms shipped in config/station.yaml).
 * <p>
 * Frames of one side must arrive in time order. Not thread-safe: one capture thread feeds and polls it.
 * Owns the frames it holds: {@link #close()} releases them.
 */
public final class StereoPairer implements AutoCloseable {

    /** Told about every candidate pair, delivered or dropped: the skew of every pair is reported. */
    @FunctionalInterface
    public interface Listener {
        void onPair(long leftNanos, long rightNanos, double skewMillis, boolean delivered);
    }

    /** Frames kept per side while the other side is silent, so a dead camera cannot grow memory. */
    private static final int MAX_WAITING = 8;

    private final long maxSkewNanos;
    private final Deque<TimedFrame> lefts = new ArrayDeque<>();
    private final Deque<TimedFrame> rights = new ArrayDeque<>();
    private final Deque<StereoFrame> ready = new ArrayDeque<>();
    private Listener listener = (l, r, s, d) -> { };
    private boolean finished;

    private long delivered;
    private long dropped;
    private long unmatchedLeft;
    private long unmatchedRight;
    private double skewSumMillis;
    private double skewMaxMillis;
    private double droppedSkewMaxMillis;

    public StereoPairer(double maxSkewMillis) {
        if (!(maxSkewMillis > 0)) {
            throw new IllegalArgumentException("maxSkewMillis must be positive: " + maxSkewMillis);
        }
        this.maxSkewNanos = Math.round(maxSkewMillis * 1e6);
    }

    public double maxSkewMillis() {
        return maxSkewNanos / 1e6;
    }

    public StereoPairer listener(Listener l) {
        this.listener = l == null ? (a, b, c, d) -> { } : l;
        return this;
    }

    /** Hands a left frame to the pairer, which now owns it. */
    public void offerLeft(TimedFrame f) {
        offer(lefts, f, true);
    }

    /** Hands a right frame to the pairer, which now owns it. */
    public void offerRight(TimedFrame f) {
        offer(rights, f, false);
    }

    private void offer(Deque<TimedFrame> side, TimedFrame f, boolean left) {
        if (finished) {
            f.close();
            throw new IllegalStateException("pairer already finished");
        }
        TimedFrame last = side.peekLast();
        if (last != null && f.nanos() < last.nanos()) {
            f.close();
            throw new IllegalArgumentException((left ? "left" : "right") + " frame " + f.sequence()
                    + " is older than the previous one on the same side");
        }
        side.addLast(f);
        resolve();
        while (side.size() > MAX_WAITING) {
            side.pollFirst().close();
            if (left) {
                unmatchedLeft++;
            } else {
                unmatchedRight++;
            }
        }
    }

    /** No more frames will come: decide the frames still waiting for a look-ahead. */
    public void finish() {
        finished = true;
        resolve();
        unmatchedLeft += lefts.size();
        unmatchedRight += rights.size();
        lefts.forEach(TimedFrame::close);
        rights.forEach(TimedFrame::close);
        lefts.clear();
        rights.clear();
    }

    /** The next delivered pair, or null when none is ready. The caller owns it. */
    public StereoFrame poll() {
        return ready.pollFirst();
    }

    private void resolve() {
        while (!lefts.isEmpty() && !rights.isEmpty()) {
            TimedFrame l = lefts.peekFirst();
            TimedFrame r = rights.peekFirst();
            boolean leftOlder = l.nanos() <= r.nanos();
            Deque<TimedFrame> olderSide = leftOlder ? lefts : rights;
            TimedFrame other = leftOlder ? r : l;
            long skew = Math.abs(l.nanos() - r.nanos());
            TimedFrame lookAhead = second(olderSide);
            if (lookAhead == null && !finished && skew > maxSkewNanos) {
                return; // cannot tell yet whether the older frame lost its partner or the pair is just far apart
            }
            if (lookAhead != null && Math.abs(lookAhead.nanos() - other.nanos()) < skew) {
                olderSide.pollFirst().close();
                if (leftOlder) {
                    unmatchedLeft++;
                } else {
                    unmatchedRight++;
                }
                continue;
            }
            lefts.pollFirst();
            rights.pollFirst();
            double skewMillis = skew / 1e6;
            boolean deliver = skew <= maxSkewNanos;
            listener.onPair(l.nanos(), r.nanos(), skewMillis, deliver);
            if (deliver) {
                ready.addLast(new StereoFrame(l.image(), r.image(), l.nanos(), r.nanos(), delivered));
                delivered++;
                skewSumMillis += skewMillis;
                skewMaxMillis = Math.max(skewMaxMillis, skewMillis);
            } else {
                l.close();
                r.close();
                dropped++;
                droppedSkewMaxMillis = Math.max(droppedSkewMaxMillis, skewMillis);
            }
        }
    }

    private static TimedFrame second(Deque<TimedFrame> q) {
        if (q.size() < 2) {
            return null;
        }
        var it = q.iterator();
        it.next();
        return it.next();
    }

    public PairingStats stats() {
        return new PairingStats(delivered, dropped, unmatchedLeft, unmatchedRight,
                delivered == 0 ? 0 : skewSumMillis / delivered, skewMaxMillis, droppedSkewMaxMillis);
    }

    @Override
    public void close() {
        lefts.forEach(TimedFrame::close);
        rights.forEach(TimedFrame::close);
        ready.forEach(StereoFrame::close);
        lefts.clear();
        rights.clear();
        ready.clear();
    }
}
