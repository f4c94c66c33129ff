package io.github.stereostation.capture;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Turns any stereo source into two simulated cameras for {@link TwoCameraSource}: frame i's left image is
 * stamped i*period + jitter, its right image i*period + offset + jitter, and the frames listed in the drop sets
 * never arrive on that side (that camera's next grab gets the following frame, as with a real dropped frame).
 * Records which frame index each side delivered, so a test can compute the true pairs.
 */
final class JitteredCameras implements AutoCloseable {
    static final long PERIOD = 33_333_333L;

    private final StereoSource source;
    private final Random rnd;
    private final double jitterMs;
    private final double offsetMs;
    private final Set<Integer> dropLeft;
    private final Set<Integer> dropRight;
    private final List<StereoFrame> frames = new ArrayList<>();
    private final List<long[]> stamps = new ArrayList<>();
    private boolean sourceEnded;
    final Side left;
    final Side right;

    JitteredCameras(StereoSource source, double jitterMs, double offsetMs, Set<Integer> dropLeft, Set<Integer> dropRight, long seed) {
        this.source = source;
        this.rnd = new Random(seed);
        this.jitterMs = jitterMs;
        this.offsetMs = offsetMs;
        this.dropLeft = dropLeft;
        this.dropRight = dropRight;
        this.left = new Side(true);
        this.right = new Side(false);
    }

    /** Frame i from the source, pulling as far as needed; null past the end. */
    private StereoFrame frame(int i) throws IOException {
        while (frames.size() <= i && !sourceEnded) {
            StereoFrame f = source.next();
            if (f == null) {
                sourceEnded = true;
                break;
            }
            frames.add(f);
            long base = 2_000_000_000L + (long) frames.size() * PERIOD;
            stamps.add(new long[]{base + Math.round((rnd.nextDouble() * 2 - 1) * jitterMs * 1e6),
                    base + Math.round((offsetMs + (rnd.nextDouble() * 2 - 1) * jitterMs) * 1e6)});
        }
        return i < frames.size() ? frames.get(i) : null;
    }

    long stamp(int i, boolean leftSide) {
        return stamps.get(i)[leftSide ? 0 : 1];
    }

    /** Which frame index a delivered image came from, found by its timestamp. */
    int indexOf(long nanos, boolean leftSide) {
        for (int i = 0; i < stamps.size(); i++) {
            if (stamp(i, leftSide) == nanos) {
                return i;
            }
        }
        throw new AssertionError("no frame has timestamp " + nanos);
    }

    StereoFrame original(int i) {
        return frames.get(i);
    }

    /** One simulated camera. */
    final class Side implements FrameSource {
        private final boolean isLeft;
        private int cursor;
        private int latched = -1;
        final List<Integer> delivered = new ArrayList<>();
        final List<org.opencv.core.Mat> made = new ArrayList<>();
        boolean closed;

        Side(boolean isLeft) {
            this.isLeft = isLeft;
        }

        @Override
        public boolean grab() throws IOException {
            Set<Integer> drops = isLeft ? dropLeft : dropRight;
            while (drops.contains(cursor)) {
                cursor++;
            }
            if (frame(cursor) == null) {
                return false;
            }
            latched = cursor++;
            return true;
        }

        @Override
        public TimedFrame retrieve() {
            StereoFrame f = frames.get(latched);
            delivered.add(latched);
            org.opencv.core.Mat copy = (isLeft ? f.left() : f.right()).clone();
            made.add(copy);
            return new TimedFrame(copy, stamp(latched, isLeft), latched);
        }

        @Override
        public CameraSettings settings() {
            return CameraSettings.defaults();
        }

        @Override
        public String describe() {
            return (isLeft ? "left" : "right") + " of " + source.describe();
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Override
    public void close() {
        frames.forEach(StereoFrame::close);
        source.close();
    }

    /** Truth from what each side delivered: true pairs by index, split by the bound. */
    record Truth(List<Integer> delivered, long dropped, long unmatchedLeft, long unmatchedRight,
                 double meanSkewMillis, double maxSkewMillis) {
    }

    Truth truth(double boundMs) {
        Map<Integer, Boolean> onRight = new HashMap<>();
        right.delivered.forEach(i -> onRight.put(i, true));
        List<Integer> pairs = new ArrayList<>();
        double sum = 0;
        double max = 0;
        long dropped = 0;
        long ul = 0;
        for (int i : left.delivered) {
            if (onRight.remove(i) != null) {
                double skew = Math.abs(stamp(i, true) - stamp(i, false)) / 1e6;
                if (skew <= boundMs) {
                    pairs.add(i);
                    sum += skew;
                    max = Math.max(max, skew);
                } else {
                    dropped++;
                }
            } else {
                ul++;
            }
        }
        return new Truth(pairs, dropped, ul, onRight.size(), pairs.isEmpty() ? 0 : sum / pairs.size(), max);
    }
}
