package io.github.stereostation.depth;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.imgproc.Imgproc;

import java.util.Objects;

/**
 * One monocular depth estimate: relative inverse depth (larger = nearer, no unit, unknown scale and shift) as a
 * CV_32F Mat at the resolution of the image that was estimated. Owns that Mat, hence AutoCloseable.
 *
 * @param inverseDepth relative inverse depth, CV_32F, same size as the (possibly downscaled) input image
 * @param modelName    the model that produced it
 * @param note         what the estimator changed about the input (e.g. a downscale), empty when nothing
 */
public record MonoDepth(Mat inverseDepth, String modelName, String note) implements AutoCloseable {

    public MonoDepth {
        Objects.requireNonNull(inverseDepth, "inverseDepth");
        if (inverseDepth.type() != CvType.CV_32FC1) {
            throw new IllegalArgumentException("inverse depth must be CV_32FC1, got " + CvType.typeToString(inverseDepth.type()));
        }
        note = note == null ? "" : note;
    }

    public int width() {
        return inverseDepth.cols();
    }

    public int height() {
        return inverseDepth.rows();
    }

    /** Inverse depth stretched to 0..1 between its minimum and maximum: 1 = nearest. Caller releases. */
    public Mat normalized() {
        Core.MinMaxLocResult mm = Core.minMaxLoc(inverseDepth);
        double range = mm.maxVal - mm.minVal;
        Mat out = new Mat();
        if (range <= 0 || !Double.isFinite(range)) {
            out.create(inverseDepth.size(), CvType.CV_32FC1);
            out.setTo(new org.opencv.core.Scalar(0));
            return out;
        }
        inverseDepth.convertTo(out, CvType.CV_32F, 1.0 / range, -mm.minVal / range);
        return out;
    }

    /** 8-bit grey picture of the depth, near = light. Caller releases. */
    public Mat grayscale() {
        Mat norm = normalized();
        Mat grey = new Mat();
        norm.convertTo(grey, CvType.CV_8U, 255.0);
        norm.release();
        return grey;
    }

    /** BGR picture of the depth through the inferno colour map (near = bright yellow, far = black). Caller releases. */
    public Mat colourMapped() {
        Mat grey = grayscale();
        Mat colour = new Mat();
        Imgproc.applyColorMap(grey, colour, Imgproc.COLORMAP_INFERNO);
        grey.release();
        return colour;
    }

    @Override
    public void close() {
        inverseDepth.release();
    }
}
