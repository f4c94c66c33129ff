package io.github.stereostation.depth;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Where the left image has nothing to match: pixels whose neighbourhood shows no horizontal brightness
 * change (a blank wall, a saturated window, the sky). A disparity there comes from the smoothness term
 * carrying values in from the region's edges, not from a measurement, and far inside a large bare region
 * even that guess is unfounded.
 */
final class Texture {
    /** Confidence given to a guessed (bare) pixel that both views nevertheless agree on. */
    static final int GUESSED = 100;
    /** Confidence given to a pixel filled from its neighbours. */
    static final int FILLED = 64;
    /** Mean |horizontal Sobel| over 5x5 below which a pixel is bare (a 1-grey-level step gives 4). */
    private static final double MIN_GRADIENT = 4;

    private Texture() {
    }

    /** {@link #bareness} of a pixel with texture. */
    static final byte TEXTURED = 0;
    /** {@link #bareness} of a bare pixel within {@link #bareRadius} of texture: a guess may reach it. */
    static final byte BARE = 1;
    /** {@link #bareness} of a pixel deeper than {@link #bareRadius} inside a bare region. */
    static final byte DEEP_BARE = 2;

    /**
     * Each pixel's {@link #TEXTURED}, {@link #BARE} or {@link #DEEP_BARE}, decided in native code so that only
     * a byte per pixel crosses into Java.
     *
     * @param image the left image at the matched resolution (8-bit, grey or BGR)
     */
    static byte[] bareness(Mat image, int width, int height) {
        Mat grey = DisparityRangeEstimator.grey(image);
        Mat gx = new Mat();
        Mat sum = new Mat();
        Mat bare = new Mat();
        Mat distance = new Mat();
        Mat deep = new Mat();
        try {
            // in 8 and 16 bits: |Sobel| saturates at 255, which cannot change the test, since one pixel of 101
            // or more already lifts the 5x5 sum above the threshold
            Imgproc.Sobel(grey, gx, CvType.CV_16S, 1, 0, 3);
            Core.convertScaleAbs(gx, gx);
            Imgproc.boxFilter(gx, sum, CvType.CV_16U, new Size(5, 5), new Point(-1, -1), false);
            Core.compare(sum, Scalar.all(MIN_GRADIENT * 25), bare, Core.CMP_LE);
            Imgproc.distanceTransform(bare, distance, Imgproc.DIST_L2, 3);
            Core.compare(distance, Scalar.all(bareRadius(width)), deep, Core.CMP_GT);
            // 255 -> 1 in each mask, summed: 0 textured, 1 bare, 2 deep (deep implies bare)
            Core.addWeighted(bare, 1 / 255.0, deep, 1 / 255.0, 0, bare);
            byte[] out = new byte[width * height];
            bare.get(0, 0, out);
            return out;
        } finally {
            if (grey != image) {
                grey.release();
            }
            gx.release();
            sum.release();
            bare.release();
            distance.release();
            deep.release();
        }
    }

    /** How far into a bare region a guess may reach: 1/40 of the width, at least 8 px. */
    static float bareRadius(int width) {
        return Math.max(8f, width / 40f);
    }

    /** Takes the disparity away (NaN, confidence 0) from every {@link #DEEP_BARE} pixel. */
    static void forgetBareRegions(float[] disparity, byte[] confidence, byte[] bareness) {
        for (int i = 0; i < disparity.length; i++) {
            if (bareness[i] == DEEP_BARE) {
                disparity[i] = Float.NaN;
                confidence[i] = 0;
            }
        }
    }
}
