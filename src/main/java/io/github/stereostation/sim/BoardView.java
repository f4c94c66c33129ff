package io.github.stereostation.sim;

import org.opencv.core.Mat;
import org.opencv.core.MatOfPoint2f;
import org.opencv.core.MatOfPoint3f;

/**
 * A rendered calibration view with its truth. Owns native memory: {@link #close()} releases every Mat.
 *
 * @param left          left image, CV_8UC3 BGR (raw: through the rig's distortion)
 * @param right         right image, CV_8UC3 BGR
 * @param leftCorners   true pixel positions of the board's corners in the left image, exactly as OpenCV's
 *                      projectPoints computes them (distortion included), in {@link BoardTarget#objectPoints()}
 *                      order (chessboard: row-major, first row first; ChArUco: corner id order)
 * @param rightCorners  the same corners in the right image
 * @param objectPoints  the corners in the board frame, mm, z = 0
 * @param target        the board
 * @param pose          board frame to left camera frame
 */
public record BoardView(Mat left, Mat right, MatOfPoint2f leftCorners, MatOfPoint2f rightCorners,
                        MatOfPoint3f objectPoints, BoardTarget target, Pose pose) implements AutoCloseable {
    @Override
    public void close() {
        left.release();
        right.release();
        leftCorners.release();
        rightCorners.release();
        objectPoints.release();
    }
}
