package io.github.stereostation.depth;

import org.opencv.core.Mat;

/**
 * Turns a rectified pair into a left-view disparity map. Implementations own native scratch memory that they
 * reuse from call to call (the live loop calls {@link #compute} on every frame), so they are AutoCloseable.
 */
public interface DisparityMatcher extends AutoCloseable {

    /**
     * Matches a rectified pair (8-bit, grey or BGR, same size).
     *
     * @return a new CV_32F map in pixels, NaN where the matcher found no disparity; the caller closes it
     */
    DisparityMap compute(Mat left, Mat right);

    /** One line saying what this matcher is and its main parameters (for tables and logs). */
    String describe();

    @Override
    void close();
}
