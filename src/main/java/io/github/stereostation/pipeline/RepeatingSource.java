package io.github.stereostation.pipeline;

import io.github.stereostation.capture.StereoFrame;
import io.github.stereostation.capture.StereoSource;
import org.opencv.core.Mat;

import java.util.ArrayList;
import java.util.List;

/**
 * Plays a fixed set of pairs held in memory round and round, as fresh copies with fresh timestamps, for a
 * given number of frames. Lets the bench feed bare OpenCV and the pipeline exactly the same frames without
 * paying for rendering or decoding inside the measurement. Owns copies of the pairs it was given.
 */
public final class RepeatingSource implements StereoSource {
    private final List<Mat[]> pairs = new ArrayList<>();
    private final long frames;
    private final String description;
    private long sequence;

    /** @param frames how many pairs to hand out before ending (null); 0 = endless */
    public RepeatingSource(List<Mat[]> pairsToCopy, long frames, String description) {
        if (pairsToCopy.isEmpty()) {
            throw new IllegalArgumentException("need at least one pair");
        }
        for (Mat[] p : pairsToCopy) {
            pairs.add(new Mat[]{p[0].clone(), p[1].clone()});
        }
        this.frames = frames;
        this.description = description;
    }

    @Override
    public synchronized StereoFrame next() {
        if (frames > 0 && sequence >= frames) {
            return null;
        }
        Mat[] p = pairs.get((int) (sequence % pairs.size()));
        long now = System.nanoTime();
        return new StereoFrame(p[0].clone(), p[1].clone(), now, now, sequence++);
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public synchronized void close() {
        for (Mat[] p : pairs) {
            p[0].release();
            p[1].release();
        }
        pairs.clear();
    }
}
