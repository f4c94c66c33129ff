package io.github.stereostation.calibration;

import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * A small BGR copy of a captured image in plain Java memory, so the UI can list views without owning Mats.
 * {@code scale} maps full-image pixels to thumbnail pixels.
 */
public record Thumbnail(int width, int height, byte[] bgr, double scale) {

    public Thumbnail {
        if (bgr.length != width * height * 3) {
            throw new IllegalArgumentException("thumbnail bytes do not match its size");
        }
    }

    /** Downscales {@code image} (gray or BGR) so it is at most {@code maxWidth} wide. */
    public static Thumbnail of(Mat image, int maxWidth) {
        double scale = Math.min(1.0, maxWidth / (double) image.cols());
        Mat small = new Mat();
        Mat bgr = new Mat();
        try {
            Imgproc.resize(image, small, new Size(Math.max(1, Math.round(image.cols() * scale)),
                    Math.max(1, Math.round(image.rows() * scale))), 0, 0, Imgproc.INTER_AREA);
            if (small.channels() == 1) {
                Imgproc.cvtColor(small, bgr, Imgproc.COLOR_GRAY2BGR);
            } else if (small.channels() == 4) {
                Imgproc.cvtColor(small, bgr, Imgproc.COLOR_BGRA2BGR);
            } else {
                small.copyTo(bgr);
            }
            if (bgr.type() != CvType.CV_8UC3) {
                throw new IllegalArgumentException("expected an 8-bit image, got type " + CvType.typeToString(image.type()));
            }
            byte[] data = new byte[(int) bgr.total() * 3];
            bgr.get(0, 0, data);
            return new Thumbnail(bgr.cols(), bgr.rows(), data, bgr.cols() / (double) image.cols());
        } finally {
            small.release();
            bgr.release();
        }
    }

    @Override
    public byte[] bgr() {
        return bgr.clone();
    }
}
