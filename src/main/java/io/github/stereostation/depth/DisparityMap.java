package io.github.stereostation.depth;

import org.opencv.core.Mat;

/**
 * A left-view disparity map and an optional per-pixel confidence; owns native memory (AutoCloseable).
 *
 * @param disparity  CV_32F, pixels, NaN = no disparity; left pixel (x, y) matches right pixel (x - d, y)
 * @param confidence CV_8U, or null when the producer has no confidence measure: {@link #MEASURED} to 255 =
 *                   measured (both views agree on a textured pixel; higher = closer agreement), 1 to
 *                   {@code MEASURED - 1} = filled (an occlusion, a rejected match or a bare pixel given its
 *                   neighbours' value), 0 = unknown
 */
public record DisparityMap(Mat disparity, Mat confidence) implements AutoCloseable {

    /** Lowest confidence of a measured pixel. */
    public static final int MEASURED = 128;

    /**
     * Shares of the map's pixels, in percent.
     *
     * @param measured pixels with a measured disparity
     * @param filled   pixels with a disparity taken from their neighbours
     */
    public record Coverage(double measured, double filled) {
        public double unknown() {
            return Math.max(0, 100 - measured - filled);
        }
    }

    /** Measured and filled shares; without a confidence map every pixel with a disparity counts as measured. */
    public Coverage coverage() {
        int n = width() * height();
        float[] d = new float[n];
        disparity.get(0, 0, d);
        byte[] c = null;
        if (confidence != null) {
            c = new byte[n];
            confidence.get(0, 0, c);
        }
        long measured = 0;
        long filled = 0;
        for (int i = 0; i < n; i++) {
            if (Float.isNaN(d[i])) {
                continue;
            }
            if (c == null || (c[i] & 0xff) >= MEASURED) {
                measured++;
            } else {
                filled++;
            }
        }
        return new Coverage(100.0 * measured / n, 100.0 * filled / n);
    }

    public DisparityMap {
        if (disparity == null || disparity.type() != org.opencv.core.CvType.CV_32FC1) {
            throw new IllegalArgumentException("disparity must be a CV_32F Mat");
        }
    }

    public int width() {
        return disparity.cols();
    }

    public int height() {
        return disparity.rows();
    }

    @Override
    public void close() {
        disparity.release();
        if (confidence != null) {
            confidence.release();
        }
    }
}
