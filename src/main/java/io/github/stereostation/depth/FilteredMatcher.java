package io.github.stereostation.depth;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An OpenCV matcher followed by our post-processing chain: left-right consistency check (the right view is
 * matched by mirroring both images), hole filling (occlusions from the background side, mismatches from all
 * sides) and edge-aware smoothing, with a
 * per-pixel confidence map. Every stage follows {@link FilterSettings}. Owns native memory.
 */
public final class FilteredMatcher implements RangedMatcher {
    static {
        io.github.stereostation.OpenCvNative.load(); // the Mat fields below need the native library
    }

    /** Downscaling never makes the matched image narrower than this (pixels). */
    public static final int MIN_MATCH_WIDTH = 320;
    private final MatcherSettings matcherSettings;
    private final FilterSettings filters;
    private final String name;
    private OpenCvMatcher matcher;
    private int matcherRange = -1;
    private OpenCvMatcher mirrorMatcher;
    private int mirrorRange = -1;
    private final Mat mirrorSmallLeft = new Mat();
    private final Mat mirrorSmallRight = new Mat();
    private int range;
    private int rangeForWidth = -1;
    private int rangeForHeight = -1;
    private DisparityRangeEstimator.Estimate estimate;
    private final Mat smallLeft = new Mat();
    private final Mat smallRight = new Mat();
    private final Mat mirrorLeft = new Mat();
    private final Mat mirrorRight = new Mat();
    private final Mat paddedLeft = new Mat();
    private final Mat paddedRight = new Mat();
    private final Mat raw16 = new Mat();
    private short[] fixedPoint = new short[0];
    private final Mat detailLeft = new Mat();
    private final Mat detailRight = new Mat();
    private final DetailStep leftDetail = new DetailStep();
    private final DetailStep rightDetail = new DetailStep();

    public FilteredMatcher(String name, MatcherSettings matcherSettings, FilterSettings filters) {
        this.name = name;
        this.matcherSettings = matcherSettings;
        this.filters = filters;
    }

    /** By how much images {@code width} pixels wide are shrunk before matching (1 = matched as given). */
    public static int matchingFactor(FilterSettings filters, int width) {
        int f = filters.downscale();
        // a small image has no pixels to spare: halving a 384 px Tsukuba costs more accuracy than it saves
        while (f > 1 && width / f < MIN_MATCH_WIDTH) {
            f--;
        }
        return f;
    }

    /** The pair shrunk by {@code factor} (area averaging), as the matcher and its bare baseline both match it. */
    static void shrink(Mat left, Mat right, int factor, Mat smallLeft, Mat smallRight) {
        Size s = new Size(Math.max(1, left.cols() / factor), Math.max(1, left.rows() / factor));
        Imgproc.resize(left, smallLeft, s, 0, 0, Imgproc.INTER_AREA);
        Imgproc.resize(right, smallRight, s, 0, 0, Imgproc.INTER_AREA);
    }

    /** The disparity range searched on images shrunk by {@code factor}, for a full-resolution range. */
    public static int matchingRange(int fullRange, int factor) {
        return factor == 1 ? fullRange : Math.max(16, MatcherSettings.roundUpTo16((fullRange + factor - 1) / factor));
    }

    @Override
    public int numDisparities() {
        return range;
    }

    @Override
    public String rangeChoice() {
        return estimate == null || matcherSettings.numDisparities() > 0 ? "given" : estimate.describe();
    }

    @Override
    public String describe() {
        return name;
    }

    @Override
    public DisparityMap compute(Mat left, Mat right) {
        OpenCvMatcher.checkPair(left, right);
        int fullRange = fullRange(left, right);
        int f = matchingFactor(filters, left.cols());
        Mat l = left;
        Mat r = right;
        int n = fullRange;
        if (f > 1) {
            shrink(left, right, f, smallLeft, smallRight);
            l = smallLeft;
            r = smallRight;
            n = matchingRange(fullRange, f);
        }
        Mat guideImage = l;
        Mat matchedRight = r;
        int w = l.cols();
        int h = l.rows();
        // the texture test and the left image's detail step need nothing from the right image, so they run on a
        // pool thread meanwhile (the matcher keeps both cores busy, these small steps do not)
        byte[][] bareOut = new byte[1][];
        double share = filters.detail();
        sideBySide(() -> {
            bareOut[0] = Texture.bareness(guideImage, w, h);
            if (share > 0) {
                leftDetail.apply(guideImage, share, detailLeft);
            }
        }, () -> {
            if (share > 0) {
                ExposureMatch.apply(matchedRight, guideImage, detailRight);
                rightDetail.apply(detailRight, share, detailRight);
            }
        });
        byte[] bare = bareOut[0];
        if (share > 0) {
            l = detailLeft;
            r = detailRight;
        }
        if (n != matcherRange) {
            if (matcher != null) {
                matcher.close();
            }
            matcher = (OpenCvMatcher) matcherSettings.withNumDisparities(n).createMatcher();
            matcherRange = n;
        }
        float[] disp = new float[w * h];
        matchPadded(l, r, n, disp);
        byte[] state = new byte[w * h];
        float[] lrDiff = null;
        if (filters.leftRightCheck()) {
            float[] rightDisp = rightView(l, r, w, h);
            lrDiff = new float[w * h];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int i = y * w + x;
                    float d = disp[i];
                    int xr = Float.isNaN(d) ? -1 : Math.round(x - d);
                    lrDiff[i] = xr >= 0 && xr < w ? Math.abs(rightDisp[y * w + xr] - d) : Float.NaN;
                }
            }
            LeftRightCheck.apply(disp, rightDisp, w, h, leftRightTolerance(w), state);
        } else {
            for (int i = 0; i < disp.length; i++) {
                state[i] = Float.isNaN(disp[i]) ? LeftRightCheck.UNMATCHED : LeftRightCheck.VALID;
            }
        }
        byte[] confidence = confidence(state, lrDiff, leftRightTolerance(w));
        // where the left image has no texture a disparity is the smoothness term's guess, not a measurement
        for (int i = 0; i < confidence.length; i++) {
            if (bare[i] != Texture.TEXTURED && (confidence[i] & 0xff) >= DisparityMap.MEASURED) {
                confidence[i] = (byte) Texture.GUESSED;
            }
        }
        if (filters.fillHoles()) {
            // only the left-right check tells a mismatch from an occlusion; without it every hole is filled
            // from the background side of its row
            float[] measured = filters.leftRightCheck() ? disp.clone() : null;
            BackgroundHoleFill.apply(disp, w, h, state);
            if (measured != null) {
                MismatchFill.apply(measured, state, w, h, disp);
            }
            for (int i = 0; i < confidence.length; i++) {
                if (confidence[i] == 0 && !Float.isNaN(disp[i])) {
                    confidence[i] = (byte) Texture.FILLED;
                }
            }
        }
        byte[] guide = null;
        if (filters.smoothing() || filters.globalSmoothing() > 0) {
            guide = new byte[w * h * guideImage.channels()];
            guideImage.get(0, 0, guide);
        }
        if (filters.smoothing()) {
            DepthEdgeSnap.apply(disp, confidence, guide, guideImage.channels(), w, h,
                    matcherSettings.blockSize() / 2 + 1);
            EdgeAwareSmoother.apply(disp, confidence, state, guide, guideImage.channels(), w, h, n,
                    filters.medianRadius(), filters.bilateralRadius(), filters.colourSigma());
        }
        if (filters.globalSmoothing() > 0) {
            FastGlobalSmoother.apply(disp, confidence, guide, guideImage.channels(), w, h, filters.globalSmoothing(),
                    filters.colourSigma());
        }
        if (!filters.fillUntextured()) {
            Texture.forgetBareRegions(disp, confidence, bare);
        }
        Mat d = new Mat(h, w, CvType.CV_32F);
        d.put(0, 0, disp);
        Mat c = new Mat(h, w, CvType.CV_8U);
        c.put(0, 0, confidence);
        if (f > 1) {
            Mat up = new Mat();
            // disparities scale with the resolution (scaled before upsampling: a quarter of the pixels);
            // confidence is upsampled without inventing values
            Core.multiply(d, new org.opencv.core.Scalar(f), d);
            Imgproc.resize(d, up, left.size(), 0, 0, Imgproc.INTER_LINEAR);
            Mat cUp = new Mat();
            Imgproc.resize(c, cUp, left.size(), 0, 0, Imgproc.INTER_NEAREST);
            d.release();
            c.release();
            d = up;
            c = cUp;
        }
        return new DisparityMap(d, c);
    }

    /**
     * Runs {@code aside} on a pool thread while this thread runs {@code here}; if no pool thread has taken
     * {@code aside} up by then, this thread runs it too. Returns when both are done.
     */
    private static void sideBySide(Runnable aside, Runnable here) {
        AtomicBoolean taken = new AtomicBoolean();
        Runnable once = () -> {
            if (taken.compareAndSet(false, true)) {
                aside.run();
            }
        };
        ForkJoinTask<?> task = ForkJoinPool.commonPool().submit(once);
        try {
            here.run();
        } catch (RuntimeException | Error e) {
            if (!taken.compareAndSet(false, true)) {
                task.quietlyJoin(); // never leave it writing into this matcher's images
            }
            throw e;
        }
        if (taken.compareAndSet(false, true)) {
            aside.run();
        } else {
            task.join();
        }
    }

    /** The check's tolerance, widened by the step of a half-resolution right view. */
    private double leftRightTolerance(int width) {
        return filters.leftRightTolerance() + (halfRightView(width) ? 1 : 0);
    }

    /** Confidence 0..255: consistent pixels by how well both views agree, rejected or unmatched pixels 0. */
    private byte[] confidence(byte[] state, float[] lrDiff, double tolerance) {
        byte[] c = new byte[state.length];
        double tol = Math.max(0.25, tolerance);
        for (int i = 0; i < c.length; i++) {
            if (state[i] != LeftRightCheck.VALID) {
                c[i] = 0;
            } else if (lrDiff == null || Float.isNaN(lrDiff[i])) {
                c[i] = (byte) 200;
            } else {
                c[i] = (byte) (int) Math.round(255 - 127 * Math.min(1.0, lrDiff[i] / tol));
            }
        }
        return c;
    }

    /** Right-view disparity: mirrored, the right image becomes a left image whose partner is the mirrored left. */
    private float[] rightView(Mat l, Mat r, int w, int h) {
        boolean half = halfRightView(w);
        int rn = half ? matchingRange(matcherRange, 2) : matcherRange;
        if (rn != mirrorRange) {
            if (mirrorMatcher != null) {
                mirrorMatcher.close();
            }
            mirrorMatcher = (OpenCvMatcher) matcherSettings.withNumDisparities(rn).createMatcher();
            mirrorRange = rn;
        }
        int mw = half ? w / 2 : w;
        int mh = half ? h / 2 : h;
        if (half) {
            Imgproc.resize(r, mirrorSmallLeft, new Size(mw, mh), 0, 0, Imgproc.INTER_AREA);
            Imgproc.resize(l, mirrorSmallRight, new Size(mw, mh), 0, 0, Imgproc.INTER_AREA);
            Core.flip(mirrorSmallLeft, mirrorLeft, 1);
            Core.flip(mirrorSmallRight, mirrorRight, 1);
        } else {
            Core.flip(r, mirrorLeft, 1);
            Core.flip(l, mirrorRight, 1);
        }
        float[] mirrored = new float[mw * mh];
        matchPadded(mirrorMatcher, mirrorLeft, mirrorRight, rn, mirrored);
        float[] out = new float[w * h];
        int s = half ? 2 : 1;
        for (int y = 0; y < h; y++) {
            int my = Math.min(mh - 1, y / s);
            for (int x = 0; x < w; x++) {
                out[y * w + x] = s * mirrored[my * mw + (mw - 1 - Math.min(mw - 1, x / s))];
            }
        }
        return out;
    }

    /**
     * The right view only serves the consistency check, whose tolerance is a pixel or so: on a wide image a
     * half-resolution right view (an eighth of the matching work) finds the same occlusions and mismatches.
     */
    private static boolean halfRightView(int width) {
        return width >= 2 * MIN_MATCH_WIDTH;
    }

    /**
     * OpenCV leaves the first numDisparities columns without a disparity, although only pixels whose match
     * falls left of the right image are truly unmatchable. Padding both images on the left by the range
     * (edge pixels repeated) lets the matcher score every real column; the padding is cropped off again.
     */
    private void matchPadded(Mat l, Mat r, int n, float[] out) {
        matchPadded(matcher, l, r, n, out);
    }

    private void matchPadded(OpenCvMatcher matcher, Mat l, Mat r, int n, float[] out) {
        Core.copyMakeBorder(l, paddedLeft, 0, 0, n, 0, Core.BORDER_REPLICATE);
        Core.copyMakeBorder(r, paddedRight, 0, 0, n, 0, Core.BORDER_REPLICATE);
        matcher.match(paddedLeft, paddedRight, n, raw16);
        // only the real columns cross into Java, as float pixels: no float copy of the padded map
        Mat crop = raw16.submat(0, l.rows(), n, n + l.cols());
        fixedPoint = OpenCvMatcher.readPixels(crop, fixedPoint, out);
        crop.release();
    }

    private int fullRange(Mat left, Mat right) {
        int n = matcherSettings.numDisparities();
        if (n > 0) {
            MatcherSettings.checkRangeFits(n, left.cols());
            range = n;
            return n;
        }
        if (left.cols() != rangeForWidth || left.rows() != rangeForHeight) {
            estimate = DisparityRangeEstimator.estimate(left, right);
                range = estimate.numDisparities();
            rangeForWidth = left.cols();
            rangeForHeight = left.rows();
        }
        return range;
    }

    @Override
    public void close() {
        if (matcher != null) {
            matcher.close();
        }
        if (mirrorMatcher != null) {
            mirrorMatcher.close();
        }
        mirrorSmallLeft.release();
        mirrorSmallRight.release();
        smallLeft.release();
        smallRight.release();
        mirrorLeft.release();
        mirrorRight.release();
        paddedLeft.release();
        paddedRight.release();
        raw16.release();
        detailLeft.release();
        detailRight.release();
        leftDetail.close();
        rightDetail.close();
    }
}
