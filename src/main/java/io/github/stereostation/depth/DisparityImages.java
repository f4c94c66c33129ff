package io.github.stereostation.depth;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;


/** Viewable renderings of a float disparity map: grey (near = light) and colour-mapped, holes black. */
public final class DisparityImages {
    private DisparityImages() {
    }

    /**
     * Grey 8-bit image: 255 at {@code maxDisparity} (nearest), 1 at zero disparity, 0 where there is no disparity.
     */
    public static Mat grey(Mat disparity, double maxDisparity) {
        Mat out = new Mat();
        double scale = maxDisparity > 0 ? 254.0 / maxDisparity : 1;
        disparity.convertTo(out, CvType.CV_8U, scale, 1);
        Mat holes = holes(disparity);
        out.setTo(new Scalar(0), holes);
        holes.release();
        return out;
    }

    /** Colour (BGR) rendering with the Turbo map, near = red, far = blue, holes black. */
    public static Mat colour(Mat disparity, double maxDisparity) {
        Mat g = grey(disparity, maxDisparity);
        Mat c = new Mat();
        Imgproc.applyColorMap(g, c, Imgproc.COLORMAP_TURBO);
        Mat holes = holes(disparity);
        c.setTo(new Scalar(0, 0, 0), holes);
        holes.release();
        g.release();
        return c;
    }

    /** Largest finite disparity in the map (0 when there is none), the natural top of the grey scale. */
    public static double maxFinite(Mat disparity) {
        Mat finite = new Mat();
        Core.compare(disparity, disparity, finite, Core.CMP_EQ); // NaN != NaN
        double max = finite.empty() ? 0 : Core.minMaxLoc(disparity, finite).maxVal;
        finite.release();
        return Double.isFinite(max) ? Math.max(0, max) : 0;
    }

    static Mat holes(Mat disparity) {
        Mat h = new Mat();
        Core.compare(disparity, disparity, h, Core.CMP_NE);
        return h;
    }
}
