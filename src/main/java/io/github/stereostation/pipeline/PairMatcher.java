package io.github.stereostation.pipeline;

import org.opencv.core.Mat;

/**
 * What the match stage needs from a stereo matcher: a rectified pair in, a new CV_32F disparity map (pixels,
 * NaN = none) out, owned by the caller. Keeps the loop independent of how a matcher is configured.
 */
public interface PairMatcher extends AutoCloseable {

    Mat match(Mat left, Mat right);

    @Override
    void close();
}
