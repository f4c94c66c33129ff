package io.github.stereostation.depth;

import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Removes a share ({@link FilterSettings#detail}) of an image's local brightness: what stays is its detail
 * around its mean level, the same in both cameras whatever their exposure, gain or glare. Only the brightness
 * is touched: the same amount is taken from every colour channel, so colours stay apart. One instance per
 * image of a pair (its scratch images are its own, so the two can run at once). Owns native memory.
 */
final class DetailStep implements AutoCloseable {
    static {
        io.github.stereostation.OpenCvNative.load(); // the Mat fields below need the native library
    }

    /**
     * Window side of the median that estimates the local brightness, taken on a half-resolution copy (so
     * about twice this at the matched resolution, for a tenth of the cost of a full-resolution median of that
     * size). A median, unlike a Gaussian, stops at edges: near a depth edge the other surface, which sits at
     * another place in each camera, does not leak into the estimate. Measured, mean bad-2 Middlebury / ETH3D
     * with balanced, before {@link MismatchFill}: Gaussian sigma 3 6.13 / 3.15, median 7 5.91 / 3.24; with it:
     * median 7 5.87 / 2.97 (7 ms per 640x480 image), and on the half-resolution copy median 3 / 5 / 7
     * 6.02 / 3.23, 5.86 / 2.72, 5.79 / 3.19 (0.7 ms).
     */
    static final int WINDOW_PX = 5;

    private final Mat grey = new Mat();
    private final Mat small = new Mat();
    private final Mat smallMedian = new Mat();
    private final Mat brightness = new Mat();

    /** Writes {@code in} less {@code share} of its local brightness (plus that share of its mean) into {@code out}. */
    void apply(Mat in, double share, Mat out) {
        Mat g = in;
        if (in.channels() > 1) {
            Imgproc.cvtColor(in, grey, in.channels() == 4 ? Imgproc.COLOR_BGRA2GRAY : Imgproc.COLOR_BGR2GRAY);
            g = grey;
        }
        Imgproc.resize(g, small, new Size(Math.max(1, g.cols() / 2), Math.max(1, g.rows() / 2)), 0, 0,
                Imgproc.INTER_AREA);
        Imgproc.medianBlur(small, smallMedian, WINDOW_PX);
        Imgproc.resize(smallMedian, brightness, g.size(), 0, 0, Imgproc.INTER_LINEAR);
        if (in.channels() > 1) {
            Imgproc.cvtColor(brightness, brightness, in.channels() == 4 ? Imgproc.COLOR_GRAY2BGRA
                    : Imgproc.COLOR_GRAY2BGR);
        }
        Core.addWeighted(in, 1, brightness, -share, share * Core.mean(g).val[0], out);
    }

    @Override
    public void close() {
        grey.release();
        small.release();
        smallMedian.release();
        brightness.release();
    }
}
