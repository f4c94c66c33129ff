package io.github.stereostation.depth;

import io.github.stereostation.calibration.RectificationGeometry;
import io.github.stereostation.calibration.Rectifier;
import io.github.stereostation.calibration.StereoCalibration;
import io.github.stereostation.cloud.CloudBuilder;
import io.github.stereostation.cloud.CloudRecipe;
import io.github.stereostation.cloud.OrganizedCloud;
import io.github.stereostation.cloud.PointCloud;
import io.github.stereostation.cloud.TriangleMesh;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;

import java.util.Arrays;

/**
 * A stereo pair to a coloured point cloud or mesh in metres: rectify (when the pair is raw and a calibration
 * says how), match with a preset, drop the left band the right camera does not see, reproject the disparity
 * through Q, turn the points back into the original
 * left camera's frame (x right, y down, z forward), then the {@link CloudRecipe}'s cuts, smoothing, filters or
 * meshing. The cloud command and the station's snapshots both build their clouds here, so one pair gives one
 * cloud whichever route it takes. Owns the rectification maps when it rectifies: AutoCloseable.
 */
public final class StereoReconstruction implements AutoCloseable {

    /** What to build from the grid of points. */
    public enum Output { POINTS, MESH }

    /**
     * What one reconstruction produced; owns its Mats (AutoCloseable).
     *
     * @param left       the (rectified) left image that coloured the points, BGR
     * @param disparity  CV_32F left-view disparity in pixels, NaN = none
     * @param confidence CV_8U matcher confidence 0..255, or null when there is none
     * @param grid       the points on the pixel grid after the recipe's depth window, confidence cut and smoothing
     * @param cloud      the points kept (the mesh's vertices when a mesh was built)
     * @param mesh       the triangles, or null for {@link Output#POINTS}
     * @param matcher    the matcher's one-line description, or null when the disparity was given
     */
    public record Result(Mat left, Mat disparity, Mat confidence, OrganizedCloud grid, PointCloud cloud,
                         TriangleMesh mesh, String matcher) implements AutoCloseable {
        @Override
        public void close() {
            left.release();
            disparity.release();
            if (confidence != null) {
                confidence.release();
            }
        }
    }

    private final Rectifier rectifier;
    private final double[] q;
    private final double[] r1;
    private final CloudRecipe recipe;

    private StereoReconstruction(Rectifier rectifier, double[] q, double[] r1, CloudRecipe recipe) {
        if (q.length != 16) {
            throw new IllegalArgumentException("Q must have 16 entries, got " + q.length);
        }
        if (r1 != null && r1.length != 9) {
            throw new IllegalArgumentException("R1 must have 9 entries, got " + r1.length);
        }
        this.rectifier = rectifier;
        this.q = q.clone();
        this.r1 = r1 == null ? null : r1.clone();
        this.recipe = recipe;
    }

    /**
     * Raw pairs from a calibrated rig: they are rectified with {@code alpha} (0 crops to valid pixels, 1 keeps
     * every input pixel), and the cloud is turned back into the original left camera's frame.
     */
    public static StereoReconstruction calibrated(StereoCalibration calibration, double alpha, CloudRecipe recipe) {
        Rectifier r = Rectifier.create(calibration, alpha);
        return new StereoReconstruction(r, r.geometry().q(), r.geometry().r1(), recipe);
    }

    /**
     * Pairs already rectified with this calibration and {@code alpha} (only its Q and its left rotation are used);
     * the cloud is turned back into the original left camera's frame.
     */
    public static StereoReconstruction calibratedRectified(StereoCalibration calibration, double alpha,
                                                           CloudRecipe recipe) {
        RectificationGeometry g = RectificationGeometry.of(calibration, alpha);
        return new StereoReconstruction(null, g.q(), g.r1(), recipe);
    }

    /**
     * Pairs already rectified, with OpenCV's 4x4 reprojection matrix Q (row-major, millimetres) and, when the
     * rectification turned the left camera, its rotation R1 (row-major 3x3, X_rect = R1 X) to turn the points
     * back; null leaves them in the rectified frame (an ideal rig, a Middlebury scene).
     */
    public static StereoReconstruction rectified(double[] q, double[] r1, CloudRecipe recipe) {
        return new StereoReconstruction(null, q, r1, recipe);
    }

    public CloudRecipe recipe() {
        return recipe;
    }

    /** Whether pairs given to this reconstruction are rectified here (raw input) or taken as rectified. */
    public boolean rectifies() {
        return rectifier != null;
    }

    /**
     * Matches the pair with the preset and builds the cloud or mesh. The inputs are not changed or kept.
     *
     * @param left  8-bit BGR (or grey) left image: raw when this reconstruction {@link #rectifies()}, else rectified
     * @param right the right image, same size
     */
    public Result reconstruct(Mat left, Mat right, Preset preset, Output output) {
        requireSameSize(left, right, "right image");
        Mat l = new Mat();
        Mat r = new Mat();
        try {
            if (rectifier != null) {
                rectifier.rectify(left, right, l, r);
            } else {
                left.copyTo(l);
                right.copyTo(r);
            }
            try (DisparityMatcher matcher = preset.createMatcher()) {
                DisparityMap map = matcher.compute(l, r);
                r.release();
                Mat measured = overlapOnly(map.disparity());
                map.disparity().release();
                return build(l, measured, map.confidence(), output, matcher.describe());
            }
        } catch (RuntimeException | Error e) {
            l.release();
            r.release();
            throw e;
        }
    }

    /**
     * The cloud or mesh of a disparity a matcher computed for the rectified left view (the station's frames),
     * with the left band the right camera does not see cut as {@link #reconstruct} cuts it, so a frame gives the
     * cloud its pair gives. The inputs are not changed or kept.
     */
    public Result fromMatched(Mat left, Mat disparity, Mat confidence, Output output) {
        Mat measured = overlapOnly(disparity);
        try {
            return fromDisparity(left, measured, confidence, output);
        } finally {
            measured.release();
        }
    }

    /**
     * The cloud or mesh of a disparity given for the rectified left view (a disparity file, ground truth): every
     * finite value is used. The inputs are not changed or kept.
     *
     * @param left       the left image: raw when this reconstruction {@link #rectifies()} (it is rectified here),
     *                   else rectified; it colours the points
     * @param disparity  CV_32F pixels, NaN = none, the size of the rectified left view
     * @param confidence CV_8U 0..255 of the same size, or null
     */
    public Result fromDisparity(Mat left, Mat disparity, Mat confidence, Output output) {
        Mat l = new Mat();
        try {
            if (rectifier != null) {
                Mat unused = new Mat();
                rectifier.rectify(left, left, l, unused);
                unused.release();
            } else {
                left.copyTo(l);
            }
            requireSameSize(l, disparity, "disparity");
            if (confidence != null) {
                requireSameSize(l, confidence, "confidence");
            }
            return build(l, disparity.clone(), confidence == null ? null : confidence.clone(), output, null);
        } catch (RuntimeException | Error e) {
            l.release();
            throw e;
        }
    }

    /**
     * A copy of the disparity without the left band the right camera does not see: a left pixel x can only be
     * matched where x - d lies in the right image, and the matcher cannot search that far near the left edge, so
     * whatever the filters put there (hole filling reaches into it) is not a measurement. The band is as wide
     * as the scene's largest disparity (99.9th percentile, so a stray match does not widen it).
     */
    public static Mat overlapOnly(Mat disparity) {
        float[] v = new float[(int) disparity.total()];
        disparity.get(0, 0, v);
        int step = Math.max(1, v.length / 50_000);
        float[] sample = new float[v.length / step + 1];
        int n = 0;
        for (int i = 0; i < v.length; i += step) {
            if (Float.isFinite(v[i])) {
                sample[n++] = v[i];
            }
        }
        Mat out = disparity.clone();
        if (n == 0) {
            return out;
        }
        Arrays.sort(sample, 0, n);
        int band = Math.min(disparity.cols(), (int) Math.ceil(Math.max(0, sample[(int) (0.999 * (n - 1))])));
        if (band > 0) {
            Mat left = out.submat(0, out.rows(), 0, band);
            left.setTo(new Scalar(Float.NaN));
            left.release();
        }
        return out;
    }

    /** Takes ownership of the three Mats. */
    private Result build(Mat left, Mat disparity, Mat confidence, Output output, String matcher) {
        try {
            Mat qm = new Mat(4, 4, CvType.CV_64F);
            OrganizedCloud grid;
            try {
                qm.put(0, 0, q);
                grid = recipe.grid(disparity, confidence, qm, left);
            } finally {
                qm.release();
            }
            if (r1 != null) {
                grid = CloudBuilder.unrectify(grid, r1);
            }
            if (output == Output.MESH) {
                TriangleMesh mesh = recipe.mesh(grid);
                return new Result(left, disparity, confidence, grid, mesh.vertices(), mesh, matcher);
            }
            return new Result(left, disparity, confidence, grid, recipe.points(grid), null, matcher);
        } catch (RuntimeException | Error e) {
            left.release();
            disparity.release();
            if (confidence != null) {
                confidence.release();
            }
            throw e;
        }
    }

    private static void requireSameSize(Mat left, Mat other, String what) {
        if (other.cols() != left.cols() || other.rows() != left.rows()) {
            throw new IllegalArgumentException(what + " is " + other.cols() + "x" + other.rows()
                    + " but the left image is " + left.cols() + "x" + left.rows());
        }
    }

    @Override
    public void close() {
        if (rectifier != null) {
            rectifier.close();
        }
    }
}
