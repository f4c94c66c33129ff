package io.github.stereostation.cloud;

import io.github.stereostation.geometry.CameraIntrinsics;

import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.imgproc.Imgproc;

/**
 * Turns per-pixel geometry into clouds in metres, in the left camera's frame (x right, y down, z forward).
 * Inputs: a CV_32F disparity (pixels, NaN = none) with the 4x4 reprojection matrix Q (millimetres, as
 * OpenCV's stereoRectify returns it), or a metric depth map with pinhole intrinsics, or a mono network's
 * relative inverse depth with the scale and shift that align it. The colour of each point is the left
 * image's pixel (BGR, BGRA or grey Mats are accepted). Results keep the pixel grid ({@link OrganizedCloud}).
 */
public final class CloudBuilder {
    private static final double MM_PER_METRE = 1000.0;

    private CloudBuilder() {
    }

    /**
     * Reprojects a float disparity through Q: [X Y Z W] = Q [x y d 1]; the point is (X,Y,Z)/W in Q's unit
     * (mm), then converted to metres. OpenCV's fixed-point CV_16S disparity (x16) is refused here on purpose:
     * convert it once with {@link #fromFixedPoint(Mat, int)}.
     */
    public static OrganizedCloud fromDisparity(Mat disparity, Mat q, Mat leftImage, DepthRange range) {
        if (disparity.type() == CvType.CV_16S) {
            throw new IllegalArgumentException("disparity is OpenCV fixed-point CV_16S (pixels x16); convert it with "
                    + "CloudBuilder.fromFixedPoint first");
        }
        requireType(disparity, CvType.CV_32F, "disparity");
        if (q.rows() != 4 || q.cols() != 4) {
            throw new IllegalArgumentException("Q must be 4x4, got " + q.rows() + "x" + q.cols());
        }
        double[] m = new double[16];
        Mat q64 = new Mat();
        q.convertTo(q64, CvType.CV_64F);
        q64.get(0, 0, m);
        q64.release();
        int w = disparity.cols(), h = disparity.rows();
        float[] d = new float[w * h];
        disparity.get(0, 0, d);
        float[] pos = new float[3 * w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                float di = d[i];
                double wh = m[12] * x + m[13] * y + m[14] * di + m[15];
                boolean ok = Float.isFinite(di) && wh != 0;
                if (ok) {
                    double inv = 1.0 / (wh * MM_PER_METRE);
                    double px = (m[0] * x + m[1] * y + m[2] * di + m[3]) * inv;
                    double py = (m[4] * x + m[5] * y + m[6] * di + m[7]) * inv;
                    double pz = (m[8] * x + m[9] * y + m[10] * di + m[11]) * inv;
                    ok = Double.isFinite(pz) && range.contains(pz);
                    if (ok) {
                        pos[3 * i] = (float) px;
                        pos[3 * i + 1] = (float) py;
                        pos[3 * i + 2] = (float) pz;
                    }
                }
                if (!ok) {
                    pos[3 * i] = pos[3 * i + 1] = pos[3 * i + 2] = Float.NaN;
                }
            }
        }
        return new OrganizedCloud(w, h, pos, colors(leftImage, w, h));
    }

    /** Back-projects a metric depth map (CV_32F metres, NaN/0/inf = none): X = (x-cx) Z / fx, Y = (y-cy) Z / fy. */
    public static OrganizedCloud fromDepth(Mat depthMetres, CameraIntrinsics k, Mat leftImage, DepthRange range) {
        requireType(depthMetres, CvType.CV_32F, "depth");
        int w = depthMetres.cols(), h = depthMetres.rows();
        float[] z = new float[w * h];
        depthMetres.get(0, 0, z);
        return backProject(z, w, h, k, leftImage, range);
    }

    /**
     * From a mono network's relative inverse depth (MiDaS-style: larger = nearer): metric depth is
     * {@code 1 / (scale * v + shift)}, with scale and shift fitted elsewhere (e.g. against sparse stereo).
     */
    public static OrganizedCloud fromInverseDepth(Mat inverseDepth, double scale, double shift, CameraIntrinsics k,
                                                  Mat leftImage, DepthRange range) {
        requireType(inverseDepth, CvType.CV_32F, "inverse depth");
        int w = inverseDepth.cols(), h = inverseDepth.rows();
        float[] z = new float[w * h];
        inverseDepth.get(0, 0, z);
        for (int i = 0; i < z.length; i++) {
            double denom = scale * z[i] + shift;
            z[i] = denom > 0 ? (float) (1.0 / denom) : Float.NaN;
        }
        return backProject(z, w, h, k, leftImage, range);
    }

    /**
     * Converts OpenCV's fixed-point disparity (CV_16S, 4 fractional bits, i.e. pixels x16) to pixels as CV_32F;
     * values below {@code minDisparity} (StereoBM/SGBM write (minDisparity-1)*16 for "none") become NaN.
     */
    public static Mat fromFixedPoint(Mat fixedPoint, int minDisparity) {
        requireType(fixedPoint, CvType.CV_16S, "fixed-point disparity");
        Mat out = new Mat();
        fixedPoint.convertTo(out, CvType.CV_32F, 1.0 / 16.0);
        int w = out.cols(), h = out.rows();
        float[] v = new float[w * h];
        out.get(0, 0, v);
        for (int i = 0; i < v.length; i++) {
            if (v[i] < minDisparity) {
                v[i] = Float.NaN;
            }
        }
        out.put(0, 0, v);
        return out;
    }

    /** Drops grid points whose confidence (any single-channel Mat of the same size) is below {@code minConfidence}. */
    public static OrganizedCloud dropLowConfidence(OrganizedCloud cloud, Mat confidence, double minConfidence) {
        if (confidence.cols() != cloud.width() || confidence.rows() != cloud.height() || confidence.channels() != 1) {
            throw new IllegalArgumentException("confidence must be single-channel " + cloud.width() + "x" + cloud.height()
                    + ", got " + confidence.cols() + "x" + confidence.rows() + "x" + confidence.channels());
        }
        Mat c32 = new Mat();
        confidence.convertTo(c32, CvType.CV_32F);
        float[] c = new float[cloud.width() * cloud.height()];
        c32.get(0, 0, c);
        c32.release();
        OrganizedCloud out = cloud.copy();
        for (int i = 0; i < c.length; i++) {
            if (!(c[i] >= minConfidence)) {
                out.invalidate(i);
            }
        }
        return out;
    }

    /**
     * Turns points from the rectified left camera's frame (where Q puts them) back into the original left
     * camera's frame: {@code X = R1^T X_rect}, with R1 the left rectifying rotation from stereoRectify
     * (row-major 3x3, X_rect = R1 X). Without it a calibrated rig's cloud is tilted by R1, about a degree on
     * a typical webcam pair. Returns a new grid.
     */
    public static OrganizedCloud unrectify(OrganizedCloud grid, double[] r1) {
        if (r1.length != 9) {
            throw new IllegalArgumentException("R1 must be 3x3, got " + r1.length + " values");
        }
        OrganizedCloud out = grid.copy();
        float[] p = out.positions();
        for (int i = 0; i < p.length; i += 3) {
            float x = p[i], y = p[i + 1], z = p[i + 2];
            if (Float.isNaN(z)) {
                continue;
            }
            p[i] = (float) (r1[0] * x + r1[3] * y + r1[6] * z);
            p[i + 1] = (float) (r1[1] * x + r1[4] * y + r1[7] * z);
            p[i + 2] = (float) (r1[2] * x + r1[5] * y + r1[8] * z);
        }
        return out;
    }

    private static OrganizedCloud backProject(float[] z, int w, int h, CameraIntrinsics k, Mat image, DepthRange range) {
        float[] pos = new float[3 * w * h];
        double ifx = 1.0 / k.fxPx(), ify = 1.0 / k.fyPx();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                float zi = z[i];
                if (Float.isFinite(zi) && zi > 0 && range.contains(zi)) {
                    pos[3 * i] = (float) ((x - k.cxPx()) * zi * ifx);
                    pos[3 * i + 1] = (float) ((y - k.cyPx()) * zi * ify);
                    pos[3 * i + 2] = zi;
                } else {
                    pos[3 * i] = pos[3 * i + 1] = pos[3 * i + 2] = Float.NaN;
                }
            }
        }
        return new OrganizedCloud(w, h, pos, colors(image, w, h));
    }

    /** RGB bytes per pixel from a BGR/BGRA/grey 8-bit image, or null when there is no image. */
    static byte[] colors(Mat image, int w, int h) {
        if (image == null || image.empty()) {
            return null;
        }
        if (image.cols() != w || image.rows() != h) {
            throw new IllegalArgumentException("colour image is " + image.cols() + "x" + image.rows()
                    + " but the disparity/depth map is " + w + "x" + h);
        }
        if (image.depth() != CvType.CV_8U) {
            throw new IllegalArgumentException("colour image must be 8-bit, got " + CvType.typeToString(image.type()));
        }
        Mat rgb = new Mat();
        switch (image.channels()) {
            case 1 -> Imgproc.cvtColor(image, rgb, Imgproc.COLOR_GRAY2RGB);
            case 3 -> Imgproc.cvtColor(image, rgb, Imgproc.COLOR_BGR2RGB);
            case 4 -> Imgproc.cvtColor(image, rgb, Imgproc.COLOR_BGRA2RGB);
            default -> throw new IllegalArgumentException("colour image has " + image.channels() + " channels");
        }
        byte[] c = new byte[3 * w * h];
        if (rgb.isContinuous()) {
            rgb.get(0, 0, c);
        } else {
            Mat cont = rgb.clone();
            cont.get(0, 0, c);
            cont.release();
        }
        rgb.release();
        return c;
    }

    private static void requireType(Mat m, int type, String what) {
        if (m.type() != type) {
            throw new IllegalArgumentException(what + " must be " + CvType.typeToString(type) + ", got "
                    + CvType.typeToString(m.type()));
        }
    }
}
