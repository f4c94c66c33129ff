package io.github.stereostation.depth;

import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * The numeric part of feeding a depth network and reading it back, kept apart from ONNX Runtime so that each
 * step (resize, channel order, scaling, normalisation, NCHW layout) is plain and checkable.
 */
public final class MonoPreprocessor {
    private MonoPreprocessor() {
    }

    /**
     * Turns an 8-bit BGR image into the network's NCHW float input of the given size: the image is converted to
     * float before resizing (so nothing is rounded to 8 bits twice), then planes are ordered as the model wants,
     * scaled to [0,1] if asked, and normalised with mean/std unless the graph does that itself.
     */
    public static float[] toTensor(Mat bgr, int width, int height, MonoModelSpec spec) {
        if (bgr.type() != CvType.CV_8UC3) {
            throw new IllegalArgumentException("expected CV_8UC3, got " + CvType.typeToString(bgr.type()));
        }
        Mat f = new Mat();
        Mat resized = new Mat();
        try {
            bgr.convertTo(f, CvType.CV_32FC3);
            Mat src = f;
            if (f.cols() != width || f.rows() != height) {
                Imgproc.resize(f, resized, new Size(width, height), 0, 0, spec.interpolationFlag());
                src = resized;
            }
            int plane = width * height;
            float[] hwc = new float[plane * 3];
            src.get(0, 0, hwc);
            float[] nchw = new float[plane * 3];
            double scale = spec.scaleToUnit() ? 1.0 / 255.0 : 1.0;
            double[] mean = spec.mean();
            double[] std = spec.std();
            boolean normalise = !spec.normalizationInGraph();
            for (int c = 0; c < 3; c++) {
                int from = spec.wantsRgb() ? 2 - c : c; // OpenCV holds B,G,R
                double m = normalise ? mean[c] : 0;
                double s = normalise ? std[c] : 1;
                int base = c * plane;
                for (int i = 0; i < plane; i++) {
                    nchw[base + i] = (float) ((hwc[i * 3 + from] * scale - m) / s);
                }
            }
            return nchw;
        } finally {
            f.release();
            resized.release();
        }
    }

    /** Brings a network output map back to the image's size with the sidecar's filter. Caller releases. */
    public static Mat resizeBack(Mat netOutput, int width, int height, MonoModelSpec spec) {
        Mat out = new Mat();
        if (netOutput.cols() == width && netOutput.rows() == height) {
            netOutput.copyTo(out);
        } else {
            Imgproc.resize(netOutput, out, new Size(width, height), 0, 0, spec.interpolationFlag());
        }
        return out;
    }
}
