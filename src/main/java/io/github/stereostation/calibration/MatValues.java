package io.github.stereostation.calibration;

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
