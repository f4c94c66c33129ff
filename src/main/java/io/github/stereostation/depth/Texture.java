package io.github.stereostation.depth;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
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

    /**
     * Distance in pixels from each bare pixel to the nearest textured one (0 for textured pixels).
     *
     * @param image the left image at the matched resolution (8-bit, grey or BGR)
     */
    static float[] bareDistance(Mat image, int width, int height) {
        Mat grey = DisparityRangeEstimator.grey(image);
        Mat gx = new Mat();
        Mat bare = new Mat();
        Mat distance = new Mat();
        try {
            Imgproc.Sobel(grey, gx, CvType.CV_32F, 1, 0, 3);
            Core.absdiff(gx, org.opencv.core.Scalar.all(0), gx);
            Imgproc.blur(gx, gx, new Size(5, 5));
            Imgproc.threshold(gx, gx, MIN_GRADIENT, 255, Imgproc.THRESH_BINARY_INV);
            gx.convertTo(bare, CvType.CV_8U);
            Imgproc.distanceTransform(bare, distance, Imgproc.DIST_L2, 3);
            float[] out = new float[width * height];
            distance.get(0, 0, out);
            return out;
        } finally {
            if (grey != image) {
                grey.release();
            }
            gx.release();
            bare.release();
            distance.release();
        }
    }

    /** How far into a bare region a guess may reach: 1/40 of the width, at least 8 px. */
    static float bareRadius(int width) {
        return Math.max(8f, width / 40f);
    }

    /** Takes the disparity away (NaN, confidence 0) from every pixel deeper than {@code radius} in a bare region. */
    static void forgetBareRegions(float[] disparity, byte[] confidence, float[] bareDistance, int width, int height,
                                  float radius) {
        for (int i = 0; i < disparity.length; i++) {
            if (bareDistance[i] > radius) {
                disparity[i] = Float.NaN;
                confidence[i] = 0;
            }
        }
    }
}
