package io.github.stereostation.depth;

import org.opencv.calib3d.StereoBM;
import org.opencv.calib3d.StereoMatcher;
import org.opencv.calib3d.StereoSGBM;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

import java.util.Locale;

/**
 * The baseline a preset is measured against: what a person would write with bare OpenCV to do the same
 * matching, and nothing else. The images are shrunk (INTER_AREA) to the preset's working resolution when it
 * matches smaller, converted to grey for StereoBM, and matched once by StereoSGBM or StereoBM with the preset's
 * parameters and range, into OpenCV's own fixed-point map: no padding, no second matching pass, no conversion
 * to float, no filters. For the benchmark's "bare OpenCV" rows. Owns native memory.
 */
public final class BareOpenCvMatcher implements AutoCloseable {
    private final StereoMatcher matcher;
    private final boolean grey;
    private final int factor;
    private final int numDisparities;
    private final String description;
    private final Mat smallLeft = new Mat();
    private final Mat smallRight = new Mat();
    private final Mat greyLeft = new Mat();
    private final Mat greyRight = new Mat();
    private final Mat raw = new Mat();

    private BareOpenCvMatcher(StereoMatcher matcher, boolean grey, int factor, int numDisparities, String description) {
        this.matcher = matcher;
        this.grey = grey;
        this.factor = factor;
        this.numDisparities = numDisparities;
        this.description = description;
    }

    /**
     * The bare equivalent of {@code preset} on images {@code width} x {@code height} with a full-resolution
     * range of {@code fullRange} pixels.
     *
     * @param channels channels of the images it will be given (SGBM's penalties depend on them)
     */
    public static BareOpenCvMatcher forPreset(Preset preset, int width, int height, int channels, int fullRange) {
        if (fullRange <= 0) {
            throw new IllegalArgumentException("range must be positive, got " + fullRange);
        }
        MatcherSettings s = preset.matcher();
        int f = preset.filters().any() ? FilteredMatcher.matchingFactor(preset.filters(), width) : 1;
        int n = FilteredMatcher.matchingRange(fullRange, f);
        String where = String.format(Locale.ROOT, "%dx%d, %d disparities, block %d", width / f, height / f, n,
                s.blockSize());
        if (s.algorithm() == MatcherSettings.Algorithm.BM) {
            StereoBM bm = StereoBM.create(n, s.blockSize());
            bm.setPreFilterCap(s.preFilterCap());
            bm.setUniquenessRatio(s.uniquenessRatio());
            bm.setSpeckleWindowSize(s.speckleWindow());
            bm.setSpeckleRange(s.speckleRange() * 16);
            bm.setDisp12MaxDiff(s.disp12MaxDiff());
            return new BareOpenCvMatcher(bm, true, f, n, "StereoBM " + where);
        }
        StereoSGBM sgbm = StereoSGBM.create(0, n, s.blockSize(), s.p1(channels), s.p2(channels), s.disp12MaxDiff(),
                s.preFilterCap(), s.uniquenessRatio(), s.speckleWindow(), s.speckleRange(), s.sgbmMode().opencvMode);
        String mode = s.sgbmMode().name().toLowerCase(Locale.ROOT).replace("three_way", "3way");
        return new BareOpenCvMatcher(sgbm, false, f, n, "StereoSGBM " + mode + " " + where);
    }

    /** Matches one pair (given at full resolution); the result stays inside (fixed point, OpenCV's layout). */
    public void compute(Mat left, Mat right) {
        Mat l = left;
        Mat r = right;
        if (factor > 1) {
            FilteredMatcher.shrink(left, right, factor, smallLeft, smallRight);
            l = smallLeft;
            r = smallRight;
        }
        if (grey && l.channels() != 1) {
            Imgproc.cvtColor(l, greyLeft, Imgproc.COLOR_BGR2GRAY);
            Imgproc.cvtColor(r, greyRight, Imgproc.COLOR_BGR2GRAY);
            l = greyLeft;
            r = greyRight;
        }
        matcher.compute(l, r, raw);
    }

    /** The last fixed-point disparity map (pixels x 16, CV_16S), owned by this matcher. */
    public Mat raw() {
        return raw;
    }

    /** How much the images are shrunk before matching (1 = not at all). */
    public int factor() {
        return factor;
    }

    public int numDisparities() {
        return numDisparities;
    }

    /** e.g. "StereoSGBM 3way 320x240, 64 disparities, block 3". */
    public String describe() {
        return description;
    }

    @Override
    public void close() {
        smallLeft.release();
        smallRight.release();
        greyLeft.release();
        greyRight.release();
        raw.release();
    }
}
