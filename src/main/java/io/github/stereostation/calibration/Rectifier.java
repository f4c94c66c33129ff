package io.github.stereostation.calibration;

import io.github.stereostation.geometry.CameraIntrinsics;

import org.opencv.calib3d.Calib3d;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfPoint2f;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

import java.util.List;

/**
 * Rectifies stereo pairs of a calibrated rig with precomputed {@code initUndistortRectifyMap} maps, so each
 * frame costs two {@code remap} calls. Owns native memory (the maps): AutoCloseable, close it when done.
 * Rectified rows are epipolar lines: a point's match in the other image lies on the same row.
 */
public final class Rectifier implements AutoCloseable {
    private final StereoCalibration calibration;
    private final RectificationGeometry geometry;
    private final Mat leftMapA = new Mat();
    private final Mat leftMapB = new Mat();
    private final Mat rightMapA = new Mat();
    private final Mat rightMapB = new Mat();
    private boolean closed;

    private Rectifier(StereoCalibration calibration, RectificationGeometry geometry) {
        this.calibration = calibration;
        this.geometry = geometry;
        Size size = new Size(calibration.imageWidth(), calibration.imageHeight());
        buildMap(calibration.left(), geometry.r1(), geometry.p1(), size, leftMapA, leftMapB);
        buildMap(calibration.right(), geometry.r2(), geometry.p2(), size, rightMapA, rightMapB);
    }

    /**
     * A rectifier for this calibration. {@code alpha} 0 zooms so that every output pixel is valid (crop),
     * 1 keeps every input pixel (black borders), values between blend the two.
     */
    public static Rectifier create(StereoCalibration calibration, double alpha) {
        return new Rectifier(calibration, RectificationGeometry.of(calibration, alpha));
    }

    private static void buildMap(CameraIntrinsics cam, double[] r, double[] p, Size size, Mat mapA, Mat mapB) {
        Mat k = cam.cameraMatrixMat();
        Mat d = cam.distortionMat();
        Mat rm = MatValues.of(3, 3, r);
        Mat pm = MatValues.of(3, 4, p);
        try {
            // Fixed-point maps: remap runs about twice as fast as with float maps, at 1/32 px resolution.
            Calib3d.initUndistortRectifyMap(k, d, rm, pm, size, CvType.CV_16SC2, mapA, mapB);
        } finally {
            MatValues.release(k, d, rm, pm);
        }
    }

    /** Rectifies a pair into the given output Mats (reallocated only when their size or type differ). */
    public void rectify(Mat left, Mat right, Mat outLeft, Mat outRight) {
        checkOpen();
        calibration.requireImageSize(left.cols(), left.rows(), "the left image");
        calibration.requireImageSize(right.cols(), right.rows(), "the right image");
        Imgproc.remap(left, outLeft, leftMapA, leftMapB, Imgproc.INTER_LINEAR);
        Imgproc.remap(right, outRight, rightMapA, rightMapB, Imgproc.INTER_LINEAR);
    }

    public StereoCalibration calibration() {
        return calibration;
    }

    public RectificationGeometry geometry() {
        return geometry;
    }

    /** The disparity-to-depth matrix Q as a new 4x4 CV_64F Mat (mm); the caller releases it. */
    public Mat q() {
        return MatValues.of(4, 4, geometry.q());
    }

    /** Focal length of the rectified cameras in pixels. */
    public double focalPx() {
        return geometry.focalPx();
    }

    public double baselineMm() {
        return geometry.baselineMm();
    }

    /** Rectangle of the rectified images where both cameras have valid pixels. */
    public Rect validRoi() {
        int[] r = geometry.validRoi();
        return new Rect(r[0], r[1], r[2], r[3]);
    }

    /** Maps original pixel positions {@code x0,y0,x1,y1,...} of one camera to rectified pixel positions. */
    public float[] rectifyPoints(boolean leftCamera, float[] xy) {
        return rectifyPoints(calibration, geometry, leftCamera, xy);
    }

    static float[] rectifyPoints(StereoCalibration cal, RectificationGeometry g, boolean leftCamera, float[] xy) {
        return undistortPoints(leftCamera ? cal.left() : cal.right(), leftCamera ? g.r1() : g.r2(),
                leftCamera ? g.p1() : g.p2(), xy);
    }

    /**
     * OpenCV's undistortPoints for one camera: pixel positions {@code x0,y0,...} undistorted, turned by
     * {@code rotation} (3x3) and projected by {@code projection} (3x4), or left as normalized coordinates
     * (x/z, y/z) when it is null.
     */
    static float[] undistortPoints(CameraIntrinsics cam, double[] rotation, double[] projection, float[] xy) {
        Mat k = cam.cameraMatrixMat();
        Mat d = cam.distortionMat();
        Mat r = MatValues.of(3, 3, rotation);
        Mat p = projection == null ? new Mat() : MatValues.of(3, 4, projection);
        MatOfPoint2f src = new MatOfPoint2f();
        MatOfPoint2f dst = new MatOfPoint2f();
        try {
            src.alloc(xy.length / 2);
            src.put(0, 0, xy);
            Calib3d.undistortPoints(src, dst, k, d, r, p);
            float[] out = new float[xy.length];
            dst.get(0, 0, out);
            return out;
        } finally {
            MatValues.release(k, d, r, p, src, dst);
        }
    }

    /** Epipolar error of the corners of these views after rectification with this rectifier. */
    public EpipolarError epipolarError(List<ViewPair> views) {
        return epipolarError(calibration, geometry, views);
    }

    static EpipolarError epipolarError(StereoCalibration cal, RectificationGeometry g, List<ViewPair> views) {
        int total = views.stream().mapToInt(v -> v.commonCorners().left().count()).sum();
        double[] dy = new double[total];
        int n = 0;
        for (ViewPair v : views) {
            ViewPair c = v.commonCorners();
            float[] l = rectifyPoints(cal, g, true, c.left().xy());
            float[] r = rectifyPoints(cal, g, false, c.right().xy());
            for (int i = 0; i < l.length / 2; i++) {
                dy[n++] = l[2 * i + 1] - r[2 * i + 1];
            }
        }
        return EpipolarError.of(dy, n);
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("rectifier is closed");
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            MatValues.release(leftMapA, leftMapB, rightMapA, rightMapB);
        }
    }
}
