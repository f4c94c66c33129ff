package io.github.stereostation.calibration;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.imgproc.Imgproc;

import java.util.Arrays;

/**
 * How blurred the board region of an image is, as the width of its edges in pixels: the intensity contrast
 * (2nd to 98th percentile) over the steepest gradients (99th percentile of the Sobel magnitude). A sharp step
 * measures about 2 px; a step blurred by a Gaussian of sigma s measures about 2.5 s, whatever the contrast or
 * lighting, so one threshold serves dim and bright scenes alike.
 */
public final class BoardSharpness {
    private BoardSharpness() {
    }

    /** Edge width in pixels within {@code roi} of an 8-bit gray image; {@code NaN} when the region is flat. */
    public static double edgeWidthPx(Mat gray, Rect roi) {
        Rect r = clip(roi, gray.cols(), gray.rows());
        if (r.width < 8 || r.height < 8) {
            return Double.NaN;
        }
        Mat sub = gray.submat(r);
        Mat gx = new Mat();
        Mat gy = new Mat();
        Mat mag = new Mat();
        try {
            Imgproc.Sobel(sub, gx, CvType.CV_32F, 1, 0, 3);
            Imgproc.Sobel(sub, gy, CvType.CV_32F, 0, 1, 3);
            Core.magnitude(gx, gy, mag);
            float[] g = new float[(int) mag.total()];
            mag.get(0, 0, g);
            Arrays.sort(g);
            // The 3x3 Sobel answers a unit slope with 8, so magnitude / 8 is the steepest slope in gray levels per pixel.
            double slope = g[(int) (0.99 * (g.length - 1))] / 8.0;
            byte[] px = new byte[(int) sub.total()];
            Mat cont = sub.isContinuous() ? sub : sub.clone();
            cont.get(0, 0, px);
            if (cont != sub) {
                cont.release();
            }
            int[] hist = new int[256];
            for (byte b : px) {
                hist[b & 0xff]++;
            }
            double contrast = percentile(hist, px.length, 0.98) - percentile(hist, px.length, 0.02);
            if (contrast < 10 || slope <= 0) {
                return Double.NaN;
            }
            return contrast / slope;
        } finally {
            sub.release();
            gx.release();
            gy.release();
            mag.release();
        }
    }

    /** The board's bounding box grown by {@code marginPx} on each side. */
    public static Rect boundingBox(BoardCorners c, double marginPx) {
        float minX = Float.MAX_VALUE;
        float minY = Float.MAX_VALUE;
        float maxX = -Float.MAX_VALUE;
        float maxY = -Float.MAX_VALUE;
        for (int i = 0; i < c.count(); i++) {
            minX = Math.min(minX, c.x(i));
            maxX = Math.max(maxX, c.x(i));
            minY = Math.min(minY, c.y(i));
            maxY = Math.max(maxY, c.y(i));
        }
        int x0 = (int) Math.floor(minX - marginPx);
        int y0 = (int) Math.floor(minY - marginPx);
        int x1 = (int) Math.ceil(maxX + marginPx);
        int y1 = (int) Math.ceil(maxY + marginPx);
        return new Rect(x0, y0, x1 - x0, y1 - y0);
    }

    static Rect clip(Rect r, int w, int h) {
        int x0 = Math.max(0, r.x);
        int y0 = Math.max(0, r.y);
        int x1 = Math.min(w, r.x + r.width);
        int y1 = Math.min(h, r.y + r.height);
        return new Rect(x0, y0, Math.max(0, x1 - x0), Math.max(0, y1 - y0));
    }

    private static int percentile(int[] hist, int n, double q) {
        long target = (long) Math.ceil(q * n);
        long seen = 0;
        for (int v = 0; v < 256; v++) {
            seen += hist[v];
            if (seen >= target) {
                return v;
            }
        }
        return 255;
    }
}
