package io.github.stereostation.depth;

import org.opencv.core.CvType;
import org.opencv.core.Mat;

/**
 * Quality of a disparity map against ground truth, with the Middlebury definitions of the shared data's
 * README. Evaluated pixels: finite ground truth and, where a non-occlusion mask exists, mask == 255.
 * bad-N: percent of evaluated pixels whose disparity is more than N px off or missing (NaN counts as bad).
 * EPE: mean absolute error over evaluated pixels that HAVE a disparity (a hole has no error to average; holes
 * are already charged in bad-N and density). density: percent of evaluated pixels with a disparity.
 */
public record DisparityMetrics(double bad1, double bad2, double bad4, double epe, double density,
                               long evaluatedPixels) {

    public static DisparityMetrics measure(Mat disparity, Mat groundTruth, Mat nonOccluded) {
        if (disparity.type() != CvType.CV_32FC1 || groundTruth.type() != CvType.CV_32FC1) {
            throw new IllegalArgumentException("disparity and ground truth must be CV_32F");
        }
        if (disparity.cols() != groundTruth.cols() || disparity.rows() != groundTruth.rows()) {
            throw new IllegalArgumentException("disparity and ground truth differ in size");
        }
        int n = disparity.cols() * disparity.rows();
        float[] d = new float[n];
        float[] g = new float[n];
        disparity.get(0, 0, d);
        groundTruth.get(0, 0, g);
        byte[] m = null;
        if (nonOccluded != null) {
            m = new byte[n];
            nonOccluded.get(0, 0, m);
        }
        return measure(d, g, m);
    }

    /** The same on raw arrays (mask bytes: 255 = evaluate; null = no mask). */
    public static DisparityMetrics measure(float[] disparity, float[] groundTruth, byte[] nonOccluded) {
        long evaluated = 0;
        long valid = 0;
        long bad1 = 0;
        long bad2 = 0;
        long bad4 = 0;
        double errSum = 0;
        for (int i = 0; i < groundTruth.length; i++) {
            float gt = groundTruth[i];
            if (!Float.isFinite(gt) || (nonOccluded != null && (nonOccluded[i] & 0xff) != 255)) {
                continue;
            }
            evaluated++;
            float v = disparity[i];
            if (!Float.isFinite(v)) {
                bad1++;
                bad2++;
                bad4++;
                continue;
            }
            valid++;
            double e = Math.abs(v - gt);
            errSum += e;
            if (e > 1) {
                bad1++;
            }
            if (e > 2) {
                bad2++;
            }
            if (e > 4) {
                bad4++;
            }
        }
        if (evaluated == 0) {
            return new DisparityMetrics(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);
        }
        double pct = 100.0 / evaluated;
        return new DisparityMetrics(bad1 * pct, bad2 * pct, bad4 * pct, valid == 0 ? Double.NaN : errSum / valid,
                valid * pct, evaluated);
    }
}
