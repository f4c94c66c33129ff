package io.github.stereostation.sim;

import org.opencv.core.Mat;

/** The two rendered views of a scene (CV_8UC3 BGR), without ground truth. Owns its Mats. */
record ImagePair(Mat left, Mat right) implements AutoCloseable {
    @Override
    public void close() {
        left.release();
        right.release();
    }
}
