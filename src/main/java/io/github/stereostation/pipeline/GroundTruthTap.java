package io.github.stereostation.pipeline;

import io.github.stereostation.capture.StereoFrame;
import io.github.stereostation.capture.StereoSource;
import io.github.stereostation.sim.RenderedPair;
import io.github.stereostation.sim.SyntheticStereoSource;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The synthetic rig as the station uses it: its frames, unchanged, plus the ground truth of recent frames by
 * sequence number, so the end of the loop can score the disparity it shows against the truth of that same frame
 * (the rig itself only keeps the truth of the frame it handed out last, a few frames ahead of the display).
 * <p>
 * Truth is kept per distinct frame ({@link SyntheticStereoSource#loopStepAt}) and cast once for each: a rig
 * looping with period K has K/2 + 1 distinct frames, so this holds at most K/2 + 1 truths (disparity floats
 * and a mask, 1.5 MB each at 640x480: 69 MB for K = 90, on the Java heap) and after the first pass through
 * the loop casts none. For a rig that does not loop it keeps the truth of the last {@value #KEEP_UNLOOPED} frames.
 */
public final class GroundTruthTap implements StereoSource {
    /** Truths kept when the rig does not loop: enough for the frames in flight between capture and display. */
    static final int KEEP_UNLOOPED = 8;

    /** Truth of one frame: disparity in px (NaN = none) and the non-occluded mask (255 = visible in both). */
    public record Truth(int width, int height, float[] disparity, byte[] nonOccluded) {
    }

    private final SyntheticStereoSource rig;
    private final String rigText;
    private final Map<Long, Truth> byStep;

    /** Takes over {@code rig}; its rig and render options must not change while the tap is in use. */
    public GroundTruthTap(SyntheticStereoSource rig) {
        this.rig = rig;
        this.rigText = rig.describe(); // the rig's own describe() waits while it renders: ask once
        int capacity = rig.loopFrames() > 0 ? rig.loopFrames() / 2 + 1 : KEEP_UNLOOPED;
        this.byStep = new LinkedHashMap<>(2 * capacity, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Truth> eldest) {
                return size() > capacity;
            }
        };
    }

    public SyntheticStereoSource rig() {
        return rig;
    }

    @Override
    public StereoFrame next() {
        StereoFrame f = rig.next();
        if (f == null) {
            return null;
        }
        long step = rig.loopStepAt(f.sequence());
        synchronized (byStep) {
            if (byStep.containsKey(step)) {
                return f;
            }
        }
        RenderedPair t = rig.lastTruth(); // cast outside the lock: truth() stays answerable meanwhile
        int w = t.disparityLeft().cols();
        int h = t.disparityLeft().rows();
        float[] d = new float[w * h];
        byte[] m = new byte[w * h];
        t.disparityLeft().get(0, 0, d);
        t.nonOccluded().get(0, 0, m);
        synchronized (byStep) {
            byStep.put(step, new Truth(w, h, d, m));
        }
        return f;
    }

    /** Truth of the frame with this sequence number, or null when it is not (or no longer) kept. */
    public Truth truth(long sequence) {
        long step = rig.loopStepAt(sequence);
        synchronized (byStep) {
            return byStep.get(step);
        }
    }

    @Override
    public String describe() {
        int left = rig.loopFramesToRender();
        return rigText + (left > 0 ? ", rendering the loop (" + left + " frames to go)" : "");
    }

    @Override
    public void close() {
        rig.close();
        synchronized (byStep) {
            byStep.clear();
        }
    }
}
