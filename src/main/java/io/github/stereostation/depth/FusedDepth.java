package io.github.stereostation.depth;

import org.opencv.core.Mat;

/**
 * Stereo disparity with its holes filled from a scale-and-shift-aligned mono estimate. Owns its Mats, hence
 * AutoCloseable.
 *
 * @param disparity   CV_32F pixels: stereo where it was confident, fitted mono elsewhere; NaN where neither
 *                    gives a disparity in front of the camera (e.g. sky the mono fit puts beyond infinity)
 * @param depthMetres CV_32F metres from that disparity through the rig (NaN where disparity is)
 * @param fromMono    CV_8U, 255 where the value came from the mono estimate
 * @param fit         the mono-to-disparity map that was used
 */
public record FusedDepth(Mat disparity, Mat depthMetres, Mat fromMono, ScaleShiftFit fit) implements AutoCloseable {

    @Override
    public void close() {
        disparity.release();
        depthMetres.release();
        fromMono.release();
    }
}
