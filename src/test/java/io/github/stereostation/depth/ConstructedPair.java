package io.github.stereostation.depth;

import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

import java.util.Random;

/**
 * Rectified pairs built pixel by pixel from textured surfaces, so the left disparity and the occluded pixels
 * are known exactly: a fronto-parallel step (a foreground rectangle in front of a background plane, each in
 * its own colour) and a slanted plane. Owns Mats; tests close it.
 */
final class ConstructedPair implements AutoCloseable {
    final Mat left;
    final Mat right;
    final float[] truth;
    /** 1 where the left pixel is hidden from the right camera (occluded or outside its view). */
    final byte[] occluded;
    final int width;
    final int height;

    private ConstructedPair(Mat left, Mat right, float[] truth, byte[] occluded) {
        this.left = left;
        this.right = right;
        this.truth = truth;
        this.occluded = occluded;
        this.width = left.cols();
        this.height = left.rows();
    }

    /** Smooth random texture, {@code w}×{@code h}, 3 channels, tinted towards {@code bgr}, as floats. */
    private static float[] texture(int w, int h, long seed, double[] bgr) {
        Random rnd = new Random(seed);
        Mat noise = new Mat(h, w, CvType.CV_32FC3);
        float[] v = new float[w * h * 3];
        for (int i = 0; i < w * h; i++) {
            double g = rnd.nextDouble();
            for (int c = 0; c < 3; c++) {
                v[i * 3 + c] = (float) (bgr[c] * (0.35 + 0.65 * g) + 20 * rnd.nextDouble());
            }
        }
        noise.put(0, 0, v);
        Imgproc.GaussianBlur(noise, noise, new Size(0, 0), 0.8);
        noise.get(0, 0, v);
        noise.release();
        return v;
    }

    private static void sample(float[] tex, int texWidth, double x, int y, float[] out) {
        int x0 = (int) Math.floor(x);
        double f = x - x0;
        int a = (y * texWidth + x0) * 3;
        for (int c = 0; c < 3; c++) {
            out[c] = (float) ((1 - f) * tex[a + c] + f * tex[a + 3 + c]);
        }
    }

    private static Mat toMat(float[] bgr, int w, int h) {
        byte[] b = new byte[bgr.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Math.max(0, Math.min(255, Math.round(bgr[i])));
        }
        Mat m = new Mat(h, w, CvType.CV_8UC3);
        m.put(0, 0, b);
        return m;
    }

    /**
     * Background plane at disparity {@code back}, a foreground rectangle [x0,x1)×[y0,y1) (left-image
     * coordinates) at disparity {@code front}. Background bluish, foreground reddish.
     */
    static ConstructedPair step(int w, int h, int back, int front, int x0, int x1, int y0, int y1) {
        int tw = w + 2 * front + 2;
        float[] bg = texture(tw, h, 11, new double[]{200, 140, 60});
        float[] fg = texture(tw, h, 12, new double[]{50, 110, 220});
        float[] l = new float[w * h * 3];
        float[] r = new float[w * h * 3];
        float[] truth = new float[w * h];
        byte[] occ = new byte[w * h];
        float[] px = new float[3];
        for (int y = 0; y < h; y++) {
            boolean fgRow = y >= y0 && y < y1;
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                boolean isFg = fgRow && x >= x0 && x < x1;
                sample(isFg ? fg : bg, tw, x, y, px);
                System.arraycopy(px, 0, l, i * 3, 3);
                truth[i] = isFg ? front : back;
                int xr = x - (int) truth[i];
                boolean hidden = xr < 0 || (!isFg && fgRow && xr + front >= x0 && xr + front < x1);
                occ[i] = (byte) (hidden ? 1 : 0);
                // right image: the nearest surface that projects to (x, y) in the right camera
                int xf = x + front;
                if (fgRow && xf >= x0 && xf < x1) {
                    sample(fg, tw, xf, y, px);
                } else {
                    sample(bg, tw, x + back, y, px);
                }
                System.arraycopy(px, 0, r, i * 3, 3);
            }
        }
        return new ConstructedPair(toMat(l, w, h), toMat(r, w, h), truth, occ);
    }

    /** A plane slanted in x: d(x) = a + b·x, with sub-pixel disparities everywhere. */
    static ConstructedPair slantedPlane(int w, int h, double a, double b) {
        int tw = w + 2;
        float[] tex = texture(tw, h, 21, new double[]{150, 170, 190});
        float[] l = new float[w * h * 3];
        float[] r = new float[w * h * 3];
        float[] truth = new float[w * h];
        byte[] occ = new byte[w * h];
        float[] px = new float[3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                sample(tex, tw, x, y, px);
                System.arraycopy(px, 0, l, i * 3, 3);
                truth[i] = (float) (a + b * x);
                occ[i] = (byte) (x - truth[i] < 0 ? 1 : 0);
                // right pixel xr sees the plane point whose left x satisfies x - d(x) = xr
                double xl = (x + a) / (1 - b);
                sample(tex, tw, Math.min(w - 1.001, xl), y, px);
                System.arraycopy(px, 0, r, i * 3, 3);
            }
        }
        return new ConstructedPair(toMat(l, w, h), toMat(r, w, h), truth, occ);
    }

    float[] disparityOf(DisparityMatcher m) {
        try (DisparityMap map = m.compute(left, right)) {
            float[] d = new float[width * height];
            map.disparity().get(0, 0, d);
            return d;
        }
    }

    @Override
    public void close() {
        left.release();
        right.release();
    }
}
