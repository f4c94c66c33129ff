package io.github.stereostation.depth;

import io.github.stereostation.UserInputException;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;

/**
 * What BM and SGBM share: input checks, the disparity range (fixed or estimated once per image size), and
 * the conversion of OpenCV's 16-bit fixed point (disparity × 16, invalid = (minDisparity − 1) × 16) into
 * float pixels with NaN, done here (also for {@link FilteredMatcher}'s padded matches) so that fixed point never
 * leaves the matchers.
 */
abstract class OpenCvMatcher implements RangedMatcher {
    static {
        io.github.stereostation.OpenCvNative.load(); // the Mat fields below need the native library
    }

    protected final MatcherSettings settings;
    private final Mat raw = new Mat();
    private final Mat invalid = new Mat();
    private int rangeForWidth = -1;
    private int rangeForHeight = -1;
    private DisparityRangeEstimator.Estimate estimate;
    private int range;

    OpenCvMatcher(MatcherSettings settings) {
        this.settings = settings;
    }

    /** The range the last compute() used (0 before the first call when it is estimated). */
    @Override
    public int numDisparities() {
        return settings.numDisparities() > 0 ? settings.numDisparities() : range;
    }

    @Override
    public final DisparityMap compute(Mat left, Mat right) {
        checkPair(left, right);
        int n = settings.numDisparities();
        if (n == 0) {
            if (left.cols() != rangeForWidth || left.rows() != rangeForHeight) {
                estimate = DisparityRangeEstimator.estimate(left, right);
                range = estimate.numDisparities();
                rangeForWidth = left.cols();
                rangeForHeight = left.rows();
            }
            n = range;
        } else {
            MatcherSettings.checkRangeFits(n, left.cols());
        }
        match(left, right, n, raw);
        Mat out = new Mat();
        raw.convertTo(out, CvType.CV_32F, 1.0 / 16.0);
        Core.compare(raw, new Scalar(0), invalid, Core.CMP_LT);
        out.setTo(new Scalar(Float.NaN), invalid);
        return new DisparityMap(out, null);
    }

    /**
     * Reads a fixed-point map (or a region of one) straight into float pixels, NaN where there is none: one
     * pass in Java instead of converting, masking and copying in native code first.
     *
     * @param scratch reused between calls when large enough
     * @return the scratch array used (pass it back next time)
     */
    static short[] readPixels(Mat raw16, short[] scratch, float[] out) {
        short[] fixed = scratch.length >= out.length ? scratch : new short[out.length];
        raw16.get(0, 0, fixed);
        for (int i = 0; i < out.length; i++) {
            short v = fixed[i];
            out[i] = v < 0 ? Float.NaN : v / 16f; // minDisparity is 0: invalid is -16, every valid value >= 0
        }
        return fixed;
    }

    /** Runs the OpenCV matcher with minDisparity 0 and the given range into a CV_16S fixed-point map. */
    protected abstract void match(Mat left, Mat right, int numDisparities, Mat raw16);

    static void checkPair(Mat left, Mat right) {
        if (left.empty() || right.empty()) {
            throw new UserInputException("empty image given to the matcher");
        }
        if (left.size().width != right.size().width || left.size().height != right.size().height) {
            throw new UserInputException("left and right images differ in size: " + (int) left.size().width + "x"
                    + (int) left.size().height + " vs " + (int) right.size().width + "x" + (int) right.size().height);
        }
        if (left.depth() != CvType.CV_8U || right.depth() != CvType.CV_8U) {
            throw new UserInputException("matcher needs 8-bit images");
        }
    }

    @Override
    public String rangeChoice() {
        return estimate == null || settings.numDisparities() > 0 ? "given" : estimate.describe();
    }

    @Override
    public String describe() {
        return settings.describe();
    }

    @Override
    public void close() {
        raw.release();
        invalid.release();
    }
}
