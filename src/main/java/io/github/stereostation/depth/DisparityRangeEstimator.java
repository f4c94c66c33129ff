package io.github.stereostation.depth;

import org.opencv.calib3d.StereoSGBM;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

import java.util.Locale;

/**
 * Chooses the disparity search range from the images themselves, so nobody has to guess numDisparities: a
 * dense, strict semi-global match of a small copy of the pair (about 240 px wide, searching up to half the
 * width) finds every surface, textured or not; the nearest one that covers a real area (not a few stray
 * pixels), plus a margin for the coarse scale, rounded up to OpenCV's multiple of 16, is the range. A dense
 * coarse match sees the low-texture floor in front of the rig that sparse features miss, and its left-right
 * and uniqueness tests keep repetitive texture from inventing a nearer surface; the right copy gets the left's
 * brightness first ({@link ExposureMatch}).
 */
public final class DisparityRangeEstimator {

    /**
     * Result of an estimate.
     *
     * @param numDisparities   the range to search (multiple of 16)
     * @param matches          coarse pixels that found a sure disparity
     * @param largestMatchedDisparity the nearest surface found, in full-resolution pixels (NaN on fallback)
     * @param fallback         true when too little matched and the range is a share of the width instead
     */
    public record Estimate(int numDisparities, int matches, double largestMatchedDisparity, boolean fallback) {
        /** How the range was chosen, in one line. */
        public String describe() {
            return fallback
                    ? String.format(Locale.ROOT, "estimated: too little texture to measure, a quarter of the width")
                    : String.format(Locale.ROOT, "estimated: nearest surface %.1f px + margin",
                    largestMatchedDisparity);
        }
    }

    /** Width of the coarse copy that is matched (pixels). */
    static final int COARSE_WIDTH = 240;
    /**
     * Share of the matched coarse pixels allowed to lie nearer than the estimate: what remains of wrong
     * matches after the coarse tests, never a surface of any size.
     */
    private static final double NEAREST_AREA = 0.003;
    /** Below this share of coarse pixels matched, the scene is too bare to measure. */
    private static final double MIN_MATCHED = 0.01;

    private DisparityRangeEstimator() {
    }

    /** Estimates the range for a rectified pair (8-bit grey or BGR, same size). */
    public static Estimate estimate(Mat left, Mat right) {
        int width = left.cols();
        int maxRange = Math.max(16, (width - 1) / 16 * 16);
        int f = Math.max(1, width / COARSE_WIDTH);
        int cw = Math.max(1, width / f);
        int ch = Math.max(1, left.rows() / f);
        int coarseRange = Math.max(16, MatcherSettings.roundUpTo16(cw / 2));
        Mat gl = grey(left);
        Mat gr = grey(right);
        Mat sl = new Mat();
        Mat srRaw = new Mat();
        Mat sr = new Mat();
        Mat pl = new Mat();
        Mat pr = new Mat();
        Mat raw = new Mat();
        StereoSGBM sgbm = StereoSGBM.create(0, coarseRange, 5, 8 * 25, 32 * 25, 1, 63, 20,
                Math.max(20, cw * ch / 400), 1, StereoSGBM.MODE_SGBM);
        try {
            Imgproc.resize(gl, sl, new Size(cw, ch), 0, 0, Imgproc.INTER_AREA);
            Imgproc.resize(gr, srRaw, new Size(cw, ch), 0, 0, Imgproc.INTER_AREA);
            // two cameras rarely expose alike, and a brighter right view invents near surfaces
            ExposureMatch.apply(srRaw, sl, sr);
            // padding on the left lets the matcher score the columns nearer the left edge than the range
            Core.copyMakeBorder(sl, pl, 0, 0, coarseRange, 0, Core.BORDER_REPLICATE);
            Core.copyMakeBorder(sr, pr, 0, 0, coarseRange, 0, Core.BORDER_REPLICATE);
            sgbm.compute(pl, pr, raw);
            short[] d = new short[(int) raw.total()];
            raw.get(0, 0, d);
            int stride = raw.cols();
            int[] histogram = new int[coarseRange + 1];
            int matched = 0;
            for (int y = 0; y < ch; y++) {
                for (int x = coarseRange; x < stride; x++) {
                    int v = d[y * stride + x];
                    if (v >= 0) {
                        histogram[Math.min(coarseRange, (v + 15) / 16)]++;
                        matched++;
                    }
                }
            }
            if (matched < MIN_MATCHED * cw * ch) {
                int fallback = Math.min(maxRange, MatcherSettings.roundUpTo16(Math.max(64, width / 4)));
                return new Estimate(fallback, matched, Double.NaN, true);
            }
            int need = Math.max(4, (int) Math.ceil(NEAREST_AREA * matched));
            int nearest = 0;
            int count = 0;
            for (int b = coarseRange; b >= 0; b--) {
                count += histogram[b];
                if (count >= need) {
                    nearest = b;
                    break;
                }
            }
            double nearestPx = nearest * (double) width / cw;
            // a coarse pixel hides up to one full-size coarse step of disparity; 10 % more for what the
            // coarse copy blurred away (thin near objects), and the range must exceed the largest disparity
            int range = MatcherSettings.roundUpTo16((int) Math.ceil(nearestPx * 1.15 + (double) width / cw) + 1);
            return new Estimate(Math.min(maxRange, Math.max(16, range)), matched, nearestPx, false);
        } finally {
            if (gl != left) {
                gl.release();
            }
            if (gr != right) {
                gr.release();
            }
            sl.release();
            srRaw.release();
            sr.release();
            pl.release();
            pr.release();
            raw.release();
        }
    }

    static Mat grey(Mat m) {
        if (m.channels() == 1) {
            return m;
        }
        Mat g = new Mat();
        Imgproc.cvtColor(m, g, m.channels() == 4 ? Imgproc.COLOR_BGRA2GRAY : Imgproc.COLOR_BGR2GRAY);
        return g;
    }
}
