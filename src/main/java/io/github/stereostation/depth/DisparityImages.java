package io.github.stereostation.depth;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

/**
 * Viewable renderings of a float disparity map, grey (near = light) and colour-mapped (Turbo, near = red), holes
 * black; and the one test for which values of a float map are holes (NaN or infinite).
 */
public final class DisparityImages {
    private static final Scalar LOWEST = new Scalar(-Float.MAX_VALUE);
    private static final Scalar HIGHEST = new Scalar(Float.MAX_VALUE);

    private DisparityImages() {
    }

    /**
     * Grey 8-bit image: 255 at {@code maxDisparity} (nearest), 1 at zero disparity, 0 where there is no disparity.
     */
    public static Mat grey(Mat disparity, double maxDisparity) {
        Mat out = new Mat();
        double scale = maxDisparity > 0 ? 254.0 / maxDisparity : 1;
        disparity.convertTo(out, CvType.CV_8U, scale, 1);
        Mat holes = new Mat();
        holeMask(disparity, holes);
        out.setTo(new Scalar(0), holes);
        holes.release();
        return out;
    }

    /** Colour (BGR) rendering with the Turbo map, near = red, far = blue, holes black. */
    public static Mat colour(Mat disparity, double maxDisparity) {
        Mat g = grey(disparity, maxDisparity);
        Mat c = new Mat();
        colourise(g, c);
        Mat holes = new Mat();
        holeMask(disparity, holes);
        c.setTo(new Scalar(0, 0, 0), holes);
        holes.release();
        g.release();
        return c;
    }

    /** The palette of every colour rendering (Turbo: 0 = dark blue, 255 = dark red) into {@code out} (BGR). */
    public static void colourise(Mat grey, Mat out) {
        Imgproc.applyColorMap(grey, out, Imgproc.COLORMAP_TURBO);
    }

    /** Largest finite disparity in the map (0 when there is none), the natural top of the grey scale. */
    public static double maxFinite(Mat disparity) {
        if (disparity.empty()) {
            return 0;
        }
        Mat finite = new Mat();
        finiteMask(disparity, finite);
        double max = Core.countNonZero(finite) == 0 ? 0 : Core.minMaxLoc(disparity, finite).maxVal;
        finite.release();
        return Math.max(0, max);
    }

    /**
     * 255 in {@code mask} where the float map holds a finite value, 0 at NaN and at infinities. A range test,
     * because NaN fails every ordered comparison; {@code compare(m, m, CMP_NE)} is no NaN test in OpenCV 4.9,
     * whose vectorised loop misses most NaNs of a long row.
     */
    public static void finiteMask(Mat values, Mat mask) {
        Core.inRange(values, LOWEST, HIGHEST, mask);
    }

    /** 255 in {@code mask} where the float map holds NaN or an infinity: no value. */
    public static void holeMask(Mat values, Mat mask) {
        finiteMask(values, mask);
        Core.bitwise_not(mask, mask);
    }
}
