package io.github.stereostation.calibration;

import io.github.stereostation.geometry.CameraIntrinsics;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

/** Conversions between small CV_64F matrices and row-major double arrays. */
final class MatValues {
    private MatValues() {
    }

    static Mat of(int rows, int cols, double... values) {
        if (values.length != rows * cols) {
            throw new IllegalArgumentException(rows + "x" + cols + " needs " + rows * cols + " values, got " + values.length);
        }
        Mat m = new Mat(rows, cols, CvType.CV_64F);
        m.put(0, 0, values);
        return m;
    }

    static double[] values(Mat m) {
        Mat d = m;
        if (m.type() != CvType.CV_64F) {
            d = new Mat();
            m.convertTo(d, CvType.CV_64F);
        }
        double[] out = new double[(int) d.total() * d.channels()];
        if (d.isContinuous()) {
            d.get(0, 0, out);
        } else {
            Mat c = d.clone();
            c.get(0, 0, out);
            c.release();
        }
        if (d != m) {
            d.release();
        }
        return out;
    }

    /** The pinhole model of OpenCV's camera matrix and distortion row for images of this size. */
    static CameraIntrinsics intrinsics(int width, int height, Mat cameraMatrix, Mat distortion) {
        double[] k = values(cameraMatrix);
        return new CameraIntrinsics(width, height, k[0], k[4], k[2], k[5], values(distortion));
    }

    static void release(Mat... mats) {
        for (Mat m : mats) {
            if (m != null) {
                m.release();
            }
        }
    }

    static void release(Iterable<Mat> mats) {
        for (Mat m : mats) {
            m.release();
        }
    }
}
