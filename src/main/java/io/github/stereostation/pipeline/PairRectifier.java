package io.github.stereostation.pipeline;

import org.opencv.core.Mat;

/** What the rectify stage needs from a calibration: warp a raw pair into the rectified pair (outputs allocated as needed). */
@FunctionalInterface
public interface PairRectifier {

    void rectify(Mat left, Mat right, Mat outLeft, Mat outRight);
}
