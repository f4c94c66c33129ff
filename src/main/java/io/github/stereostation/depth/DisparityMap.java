package io.github.stereostation.depth;

import org.opencv.core.Mat;

/**
 * A left-view disparity map and an optional per-pixel confidence; owns native memory (AutoCloseable).
 *
 * @param disparity  CV_32F, pixels, NaN = no disparity; left pixel (x, y) matches right pixel (x - d, y)
 * @param confidence CV_8U, 0 (none) to 255 (sure), or null when the producer has no confidence measure
 */
public record DisparityMap(Mat disparity, Mat confidence) implements AutoCloseable {

    public DisparityMap {
        if (disparity == null || disparity.type() != org.opencv.core.CvType.CV_32FC1) {
            throw new IllegalArgumentException("disparity must be a CV_32F Mat");
        }
    }

    public int width() {
        return disparity.cols();
    }

    public int height() {
        return disparity.rows();
    }

    @Override
    public void close() {
        disparity.release();
        if (confidence != null) {
            confidence.release();
        }
    }
}
