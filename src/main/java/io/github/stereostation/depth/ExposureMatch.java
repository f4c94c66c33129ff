package io.github.stereostation.depth;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfFloat;
import org.opencv.core.MatOfInt;
import org.opencv.imgproc.Imgproc;

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
        int channels = image.channels();
        double[][] from = cumulative(image, channels);
        double[][] to = cumulative(reference, channels);
        // one table per channel, interleaved: LUT maps every channel through its own column in one pass
        byte[] tables = new byte[256 * channels];
        for (int c = 0; c < channels; c++) {
            byte[] t = table(from[c], to[c]);
            for (int i = 0; i < 256; i++) {
                tables[i * channels + c] = t[i];
            }
        }
        Mat lut = new Mat(1, 256, CvType.makeType(CvType.CV_8U, channels));
        try {
            lut.put(0, 0, tables);
            Core.LUT(image, lut, out);
        } finally {
            lut.release();
        }
    }

    /** Normalised cumulative histogram of each channel. */
    private static double[][] cumulative(Mat image, int channels) {
        double[][] h = new double[channels][256];
        float[] count = new float[256];
        Mat hist = new Mat();
        Mat noMask = new Mat();
        MatOfInt size = new MatOfInt(256);
        MatOfFloat range = new MatOfFloat(0, 256);
        MatOfInt channel = new MatOfInt(0);
        try {
            for (int c = 0; c < channels; c++) {
                channel.put(0, 0, c);
                Imgproc.calcHist(List.of(image), channel, noMask, hist, size, range);
                hist.get(0, 0, count);
                double sum = 0;
                for (int i = 0; i < 256; i++) {
                    sum += count[i];
                    h[c][i] = sum;
                }
                for (int i = 0; i < 256; i++) {
                    h[c][i] /= sum;
                }
            }
        } finally {
            hist.release();
            noMask.release();
            size.release();
            range.release();
            channel.release();
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
