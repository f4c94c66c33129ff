package io.github.stereostation.depth;

import org.opencv.core.Mat;

/**
 * Relative depth from one photo. Implementations hold a loaded model (native memory), hence AutoCloseable;
 * they are created once and reused for every image.
 */
public interface MonoDepthEstimator extends AutoCloseable {

    /**
     * Estimates relative inverse depth for an 8-bit image in OpenCV's channel order (BGR; grey and BGRA are
     * accepted). The result has the image's size, or a smaller one when the image was too large (see
     * {@link MonoDepth#note()}). Blocking and slow: never call it on the Swing event thread.
     */
    MonoDepth estimate(Mat image);

    /** One line naming the model, its input and the threads it runs on. */
    String describe();

    @Override
    void close();
}
