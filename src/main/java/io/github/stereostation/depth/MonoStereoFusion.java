package io.github.stereostation.depth;

import io.github.stereostation.OpenCvNative;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

import java.util.Optional;

/**
 * Mono depth made metric by stereo: fits {@link ScaleShiftFit} between the mono inverse depth and the stereo
 * disparity on confident stereo pixels, then fills every other pixel (holes, occlusions, textureless areas)
 * with the fitted mono disparity, and converts to metres with the rig's focal length and baseline.
 */
public final class MonoStereoFusion {
    private MonoStereoFusion() {
    }

    /**
     * Stereo pixels worth trusting: a finite positive disparity on a textured spot of the left image. Flat areas
     * are where block matchers guess, so a pixel needs a mean gradient magnitude of at least {@code minGradient}
     * (grey levels per pixel, over a 7x7 window) to count. {@code leftImage} may be grey or BGR, 8-bit.
     * Returns CV_8U (255 = confident); caller releases.
     */
    public static Mat confidentStereo(Mat disparity, Mat leftImage, double minGradient) {
        OpenCvNative.load();
        Mat mask = finitePositive(disparity);
        if (leftImage == null || minGradient <= 0) {
            return mask;
        }
        Mat grey = new Mat();
        Mat gx = new Mat();
        Mat gy = new Mat();
        Mat mag = new Mat();
        Mat textured = new Mat();
        try {
            if (leftImage.channels() == 3) {
                Imgproc.cvtColor(leftImage, grey, Imgproc.COLOR_BGR2GRAY);
            } else {
                leftImage.copyTo(grey);
            }
            // Sobel scaled by 1/8 so that a ramp of g grey levels per pixel reads g.
            Imgproc.Sobel(grey, gx, CvType.CV_32F, 1, 0, 3, 0.125);
            Imgproc.Sobel(grey, gy, CvType.CV_32F, 0, 1, 3, 0.125);
            Core.magnitude(gx, gy, mag);
            Imgproc.blur(mag, mag, new Size(7, 7));
            Imgproc.threshold(mag, textured, minGradient, 255, Imgproc.THRESH_BINARY);
            textured.convertTo(textured, CvType.CV_8U);
            Core.bitwise_and(mask, textured, mask);
            return mask;
        } finally {
            grey.release();
            gx.release();
            gy.release();
            mag.release();
            textured.release();
        }
    }

    /**
     * As {@link #confidentStereo(Mat, Mat, double)} for a matcher's output, also dropping pixels its confidence
     * map does not mark measured (below {@link DisparityMap#MEASURED}: filled from neighbours, or unknown): those
     * are the holes mono should fill even when the matcher already put a value there.
     */
    public static Mat confidentStereo(DisparityMap map, Mat leftImage, double minGradient) {
        Mat mask = confidentStereo(map.disparity(), leftImage, minGradient);
        if (map.confidence() != null) {
            Mat sure = new Mat();
            Core.compare(map.confidence(), new org.opencv.core.Scalar(DisparityMap.MEASURED), sure, Core.CMP_GE);
            Core.bitwise_and(mask, sure, mask);
            sure.release();
        }
        return mask;
    }

    /** CV_8U mask, 255 where the disparity is finite and positive. Caller releases. */
    public static Mat finitePositive(Mat disparity) {
        Mat mask = new Mat();
        // NaN compares false, so "> 0" is exactly "finite and positive" apart from +inf, removed next.
        Core.compare(disparity, new org.opencv.core.Scalar(0), mask, Core.CMP_GT);
        Mat inf = new Mat();
        Core.compare(disparity, new org.opencv.core.Scalar(Float.MAX_VALUE), inf, Core.CMP_GT);
        Core.bitwise_not(inf, inf);
        Core.bitwise_and(mask, inf, mask);
        inf.release();
        return mask;
    }

    /**
     * Fuses mono with stereo. {@code monoInverse} is resized to the disparity's size when it differs;
     * {@code confident} (CV_8U, null = {@link #finitePositive}) marks stereo pixels that are kept and used for
     * the fit. Empty when too few confident pixels exist to fit.
     *
     * @param focalPx    rectified focal length in pixels
     * @param baselineMm rig baseline in millimetres
     */
    public static Optional<FusedDepth> fuse(Mat monoInverse, Mat disparity, Mat confident, double focalPx,
                                            double baselineMm) {
        return fuse(monoInverse, disparity, confident, focalPx, baselineMm, 0);
    }

    /**
     * As {@link #fuse(Mat, Mat, Mat, double, double)} for rigs whose disparity is offset: depth is
     * {@code focal * baseline / (d + doffsPx)} (Middlebury's calib.txt; 0 for rigs rectified by OpenCV with
     * zero disparity at infinity). The fit is unchanged, since d + doffs is still affine in mono inverse depth.
     */
    public static Optional<FusedDepth> fuse(Mat monoInverse, Mat disparity, Mat confident, double focalPx,
                                            double baselineMm, double doffsPx) {
        return fuse(monoInverse, disparity, confident, focalPx, baselineMm, doffsPx, null);
    }

    /**
     * As above, with {@code fallback} used when this frame's pixels give no fit (a live loop keeps the previous
     * frame's fit rather than dropping the fill for a frame); the result's {@link FusedDepth#fit()} says which.
     */
    public static Optional<FusedDepth> fuse(Mat monoInverse, Mat disparity, Mat confident, double focalPx,
                                            double baselineMm, double doffsPx, ScaleShiftFit fallback) {
        OpenCvNative.load();
        if (!(focalPx > 0) || !(baselineMm > 0)) {
            throw new IllegalArgumentException("focal " + focalPx + " px and baseline " + baselineMm + " mm must be > 0");
        }
        Mat mono = monoInverse;
        Mat resized = null;
        Mat ownMask = null;
        try {
            if (!monoInverse.size().equals(disparity.size())) {
                resized = new Mat();
                Imgproc.resize(monoInverse, resized, disparity.size(), 0, 0, Imgproc.INTER_LINEAR);
                mono = resized;
            }
            Mat keep = confident;
            if (keep == null) {
                ownMask = finitePositive(disparity);
                keep = ownMask;
            }
            Optional<ScaleShiftFit> fitted = ScaleShiftFit.fit(mono, disparity, keep);
            if (fitted.isEmpty() && fallback == null) {
                return Optional.empty();
            }
            ScaleShiftFit fit = fitted.orElse(fallback);
            int n = (int) disparity.total();
            float[] m = new float[n];
            float[] d = new float[n];
            byte[] k = new byte[n];
            mono.get(0, 0, m);
            disparity.get(0, 0, d);
            keep.get(0, 0, k);
            float[] out = new float[n];
            float[] z = new float[n];
            byte[] filled = new byte[n];
            double fB = focalPx * baselineMm / 1000.0; // metres * pixels
            for (int i = 0; i < n; i++) {
                double v;
                if (k[i] != 0 && Float.isFinite(d[i]) && d[i] > 0) {
                    v = d[i];
                } else {
                    v = fit.disparityOf(m[i]);
                    filled[i] = (byte) 255;
                }
                if (v + doffsPx > 0 && Double.isFinite(v)) {
                    out[i] = (float) v;
                    z[i] = (float) (fB / (v + doffsPx));
                } else {
                    out[i] = Float.NaN;
                    z[i] = Float.NaN;
                }
            }
            Mat fusedDisparity = new Mat(disparity.size(), CvType.CV_32FC1);
            fusedDisparity.put(0, 0, out);
            Mat depth = new Mat(disparity.size(), CvType.CV_32FC1);
            depth.put(0, 0, z);
            Mat fromMono = new Mat(disparity.size(), CvType.CV_8UC1);
            fromMono.put(0, 0, filled);
            return Optional.of(new FusedDepth(fusedDisparity, depth, fromMono, fit));
        } finally {
            if (resized != null) {
                resized.release();
            }
            if (ownMask != null) {
                ownMask.release();
            }
        }
    }
}
