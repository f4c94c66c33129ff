package io.github.stereostation.depth;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

import java.util.ArrayList;
import java.util.List;

/**
 * Gives one image the brightness distribution of another, channel by channel (histogram specification):
 * two cameras that see the same scene through different gain, exposure or tone curve produce the same
 * histogram up to a monotonic mapping, and this undoes it. Occlusions change the histograms a little,
 * which moves the mapping a little; a global map cannot undo glare, which the detail step handles.
 */
final class ExposureMatch {
    private ExposureMatch() {
    }

    /** Writes {@code image} mapped to {@code reference}'s histogram into {@code out} (8-bit, same channels). */
    static void apply(Mat image, Mat reference, Mat out) {
        List<Mat> in = new ArrayList<>();
        List<Mat> ref = new ArrayList<>();
        Core.split(image, in);
        Core.split(reference, ref);
        List<Mat> mapped = new ArrayList<>();
        Mat lut = new Mat(1, 256, CvType.CV_8U);
        try {
            for (int c = 0; c < in.size(); c++) {
                lut.put(0, 0, table(cumulative(in.get(c)), cumulative(ref.get(c))));
                Mat m = new Mat();
                Core.LUT(in.get(c), lut, m);
                mapped.add(m);
            }
            Core.merge(mapped, out);
        } finally {
            lut.release();
            in.forEach(Mat::release);
            ref.forEach(Mat::release);
            mapped.forEach(Mat::release);
        }
    }

    private static double[] cumulative(Mat channel) {
        byte[] v = new byte[(int) channel.total()];
        channel.get(0, 0, v);
        double[] h = new double[256];
        for (byte b : v) {
            h[b & 0xff]++;
        }
        for (int i = 1; i < 256; i++) {
            h[i] += h[i - 1];
        }
        for (int i = 0; i < 256; i++) {
            h[i] /= h[255];
        }
        return h;
    }

    /** Each grey level goes to the reference level of the same rank (the middle of its own rank span). */
    private static byte[] table(double[] from, double[] to) {
        byte[] t = new byte[256];
        int j = 0;
        for (int i = 0; i < 256; i++) {
            double rank = (from[i] + (i > 0 ? from[i - 1] : 0)) / 2;
            while (j < 255 && to[j] < rank) {
                j++;
            }
            t[i] = (byte) j;
        }
        return t;
    }
}
