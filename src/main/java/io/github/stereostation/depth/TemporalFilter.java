package io.github.stereostation.depth;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;

/**
 * Steadies a live disparity stream: each pixel keeps a running average of its recent disparities, and a new
 * disparity enters it with weight {@code weight}. A pixel whose new disparity differs from its average by more
 * than {@code resetPx} (something moved there: an edge passing, a hand) or that has no disparity in either
 * starts afresh from the new value, so moving edges are never averaged with the background they uncovered and
 * holes stay holes. On a still surface the noise shrinks to sqrt(w/(2-w)) of a single frame's (0.33 at w = 0.2).
 * Surfaces that move slowly along the view (less than {@code resetPx} per frame) trail by about (1-w)/w frames.
 * Owns its running average and scratch Mats: AutoCloseable; one thread at a time.
 */
public final class TemporalFilter implements AutoCloseable {
    private final double weight;
    private final double resetPx;
    private final Mat average = new Mat();
    private final Mat blended = new Mat();
    private final Mat difference = new Mat();
    private final Mat steady = new Mat();

    /**
     * @param weight  share of each new frame in the average, in (0, 1]; 1 = no filtering
     * @param resetPx a change larger than this, pixels of disparity, restarts a pixel's average
     */
    public TemporalFilter(double weight, double resetPx) {
        if (!(weight > 0 && weight <= 1)) {
            throw new IllegalArgumentException("temporal filter weight " + weight + " must be in (0, 1]");
        }
        if (!(resetPx > 0)) {
            throw new IllegalArgumentException("temporal filter reset threshold " + resetPx + " px must be positive");
        }
        this.weight = weight;
        this.resetPx = resetPx;
    }

    /**
     * Takes the next disparity map (CV_32F, NaN = none) of the stream and returns the steadied one as a new Mat
     * the caller owns. A map of another size than the last one starts the stream afresh.
     */
    public Mat apply(Mat disparity) {
        if (disparity.type() != CvType.CV_32FC1) {
            throw new IllegalArgumentException("disparity must be CV_32F");
        }
        if (average.empty() || !average.size().equals(disparity.size())) {
            disparity.copyTo(average);
            return disparity.clone();
        }
        Core.absdiff(disparity, average, difference);
        // NaN in either map compares false: such a pixel is not steady and takes the new value (NaN or not)
        Core.compare(difference, new Scalar(resetPx), steady, Core.CMP_LE);
        Core.addWeighted(average, 1 - weight, disparity, weight, 0, blended);
        disparity.copyTo(average);
        blended.copyTo(average, steady);
        return average.clone();
    }

    /** Forgets the history (a new source, a new calibration, new tuning). */
    public void reset() {
        average.release();
    }

    @Override
    public void close() {
        average.release();
        blended.release();
        difference.release();
        steady.release();
    }
}
