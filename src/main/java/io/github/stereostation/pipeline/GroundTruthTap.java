package io.github.stereostation.pipeline;

import io.github.stereostation.capture.StereoFrame;
import io.github.stereostation.capture.StereoSource;
import io.github.stereostation.sim.RenderedPair;
import io.github.stereostation.sim.SyntheticStereoSource;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Passes the synthetic rig's frames through and keeps the ground truth of the last few, keyed by sequence
 * number, so the end of the loop can score the disparity it shows against the truth of that same frame (the
 * rig itself only keeps the truth of the frame it rendered last, which is a few frames ahead of the display).
 * Truth is copied into Java arrays: no native memory to release.
 */
public final class GroundTruthTap implements StereoSource {
    private static final int KEEP = 8;

    /** Truth of one frame: disparity in px (NaN = none) and the non-occluded mask (nonzero = visible in both). */
    public record Truth(int width, int height, float[] disparity, byte[] nonOccluded) {
    }

    private final SyntheticStereoSource rig;
    private final Map<Long, Truth> recent = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Truth> eldest) {
            return size() > KEEP;
        }
    };

    public GroundTruthTap(SyntheticStereoSource rig) {
        this.rig = rig;
    }

    public SyntheticStereoSource rig() {
        return rig;
    }

    @Override
    public StereoFrame next() throws IOException {
        StereoFrame f = rig.next();
        if (f == null) {
            return null;
        }
        RenderedPair t = rig.lastTruth();
        int w = t.disparityLeft().cols();
        int h = t.disparityLeft().rows();
        float[] d = new float[w * h];
        byte[] m = new byte[w * h];
        t.disparityLeft().get(0, 0, d);
        t.nonOccluded().get(0, 0, m);
        synchronized (recent) {
            recent.put(f.sequence(), new Truth(w, h, d, m));
        }
        return f;
    }

    /** Truth of the frame with this sequence number, or null when it is no longer kept. */
    public Truth truth(long sequence) {
        synchronized (recent) {
            return recent.get(sequence);
        }
    }

    @Override
    public String describe() {
        return rig.describe();
    }

    @Override
    public void close() {
        rig.close();
        synchronized (recent) {
            recent.clear();
        }
    }
}
