package io.github.stereostation.pipeline;

import io.github.stereostation.capture.StereoFrame;
import io.github.stereostation.capture.StereoSource;
import io.github.stereostation.sim.RenderedPair;
import io.github.stereostation.sim.SyntheticStereoSource;
import org.opencv.core.Mat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The synthetic rig as the station uses it. Keeps the ground truth of the last few frames by sequence number,
 * so the end of the loop can score the disparity it shows against the truth of that same frame (the rig only
 * keeps the truth of the frame it rendered last, a few frames ahead of the display).
 * <p>
 * Ray-cast rendering is far slower than matching, so with {@code cycleFrames > 0} the first that many frames
 * are rendered and kept, then played back and forth (so the motion stays smooth) at full speed, each time as
 * fresh copies with new timestamps and sequence numbers. Owns the kept Mats; {@link #close()} releases them.
 */
public final class GroundTruthTap implements StereoSource {
    private static final int KEEP = 8;

    /** Truth of one frame: disparity in px (NaN = none) and the non-occluded mask (255 = visible in both). */
    public record Truth(int width, int height, float[] disparity, byte[] nonOccluded) {
    }

    private record Kept(Mat left, Mat right, Truth truth) {
    }

    private final SyntheticStereoSource rig;
    private final String rigText;
    private final int cycleFrames;
    private final List<Kept> kept = new ArrayList<>();
    private volatile int keptCount;
    private long sequence;
    private long skewNanos;
    private final Map<Long, Truth> recent = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Truth> eldest) {
            return size() > KEEP;
        }
    };

    /** @param cycleFrames render this many frames, then play them back and forth; 0 = render every frame */
    public GroundTruthTap(SyntheticStereoSource rig, int cycleFrames) {
        this.rig = rig;
        this.rigText = rig.describe(); // the rig's own describe() waits while it renders: ask once
        this.cycleFrames = Math.max(0, cycleFrames);
    }

    public SyntheticStereoSource rig() {
        return rig;
    }

    @Override
    public StereoFrame next() throws IOException {
        long seq;
        synchronized (this) {
            seq = sequence++;
        }
        if (cycleFrames > 1 && kept.size() == cycleFrames) {
            // ping-pong through the kept frames: 0 1 … n-1 n-2 … 1 0 1 …
            int period = 2 * (cycleFrames - 1);
            int phase = (int) (seq % period);
            Kept k = kept.get(phase < cycleFrames ? phase : period - phase);
            remember(seq, k.truth());
            long now = System.nanoTime();
            return new StereoFrame(k.left().clone(), k.right().clone(), now, now + skewNanos, seq);
        }
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
        Truth truth = new Truth(w, h, d, m);
        if (cycleFrames > 1 && kept.size() < cycleFrames) {
            skewNanos = f.rightNanos() - f.leftNanos();
            kept.add(new Kept(f.left().clone(), f.right().clone(), truth));
            keptCount = kept.size();
        }
        remember(seq, truth);
        return new StereoFrame(f.left(), f.right(), f.leftNanos(), f.rightNanos(), seq);
    }

    /** How many frames are still to be rendered before playback runs at full speed (0 when rendering every frame). */
    public int framesToRender() {
        return cycleFrames > 1 ? cycleFrames - keptCount : 0;
    }

    private void remember(long seq, Truth t) {
        synchronized (recent) {
            recent.put(seq, t);
        }
    }

    /** Truth of the frame with this sequence number, or null when it is no longer kept. */
    public Truth truth(long sequence) {
        synchronized (recent) {
            return recent.get(sequence);
        }
    }

    @Override
    public String describe() {
        int left = framesToRender();
        return rigText + (cycleFrames > 1 ? (left > 0 ? ", rendering loop (" + left + " frames to go)"
                : ", " + cycleFrames + "-frame loop") : "");
    }

    @Override
    public void close() {
        rig.close();
        for (Kept k : kept) {
            k.left().release();
            k.right().release();
        }
        kept.clear();
        keptCount = 0;
        synchronized (recent) {
            recent.clear();
        }
    }
}
