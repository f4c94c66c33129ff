package io.github.stereostation.depth;

import io.github.stereostation.InvalidValueException;
import io.github.stereostation.OpenCvNative;
import io.github.stereostation.cloud.CloudBuilder;
import io.github.stereostation.cloud.DepthRange;
import io.github.stereostation.cloud.CloudRecipe;
import io.github.stereostation.cloud.OrganizedCloud;
import io.github.stereostation.cloud.PointCloud;
import io.github.stereostation.cloud.TriangleMesh;
import io.github.stereostation.geometry.CameraIntrinsics;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * One photo to a 3D surface: mono inverse depth, Gaussian smoothing, a depth range the user chooses (one photo
 * cannot tell how far away things are), a pinhole camera from a field of view, then a coloured point cloud with
 * the "flying pixels" along depth edges removed, plus a triangle mesh over the same pixel grid.
 *
 * <p>Depth mapping: the smoothed inverse depth is stretched so that its largest value lands at
 * {@code nearMetres} and its smallest at {@code farMetres}, linearly in inverse depth (the space the network
 * works in), i.e. {@code 1/z = 1/far + n * (1/near - 1/far)} with {@code n} in [0,1].
 */
public final class MonoReconstruction {

    /** With an automatic step, clouds stay under this many points (a viewer and a PLY file stay light). */
    public static final long AUTO_MAX_POINTS = 2_000_000L;

    /**
     * @param horizontalFovDeg camera's horizontal field of view, degrees (phone main cameras: about 65-75)
     * @param nearMetres       distance given to the nearest point
     * @param farMetres        distance given to the farthest point
     * @param smoothSigmaPx    Gaussian smoothing of the inverse depth before 3D, pixels (0 = none)
     * @param maxEdgeJump      a point whose depth differs from a 4-neighbour's by more than this fraction of its
     *                         depth sits on a depth edge (a "flying pixel") and is dropped; 0 = keep all
     * @param step             use every step-th pixel in x and y (1 = all; 0 = automatic: all up to
     *                         {@link #AUTO_MAX_POINTS} pixels, then the smallest step that stays under it)
     */
    public record Settings(double horizontalFovDeg, double nearMetres, double farMetres, double smoothSigmaPx,
                           double maxEdgeJump, int step) {
        public Settings {
            if (!(horizontalFovDeg > 1 && horizontalFovDeg < 179)) {
                throw new InvalidValueException(FIELD_OF_VIEW, "field of view " + horizontalFovDeg
                        + " degrees must be between 1 and 179");
            }
            if (!(nearMetres > 0)) {
                throw new InvalidValueException(NEAR, "nearest distance " + nearMetres + " m must be above 0");
            }
            if (!(farMetres > nearMetres)) {
                throw new InvalidValueException(FAR, "farthest distance " + farMetres
                        + " m must be beyond the nearest, " + nearMetres + " m");
            }
            if (!(smoothSigmaPx >= 0)) {
                throw new InvalidValueException(SMOOTHING, "smoothing " + smoothSigmaPx + " px must not be negative");
            }
            if (!(maxEdgeJump >= 0)) {
                throw new InvalidValueException(EDGE_JUMP, "edge jump " + maxEdgeJump + " must not be negative");
            }
            if (step < 0) {
                throw new InvalidValueException(STEP, "pixel step " + step + " must not be negative (0 = automatic)");
            }
        }

        /** The values' names, as messages and {@link InvalidValueException#field()} give them. */
        public static final String FIELD_OF_VIEW = "field of view";
        public static final String NEAR = "nearest distance";
        public static final String FAR = "farthest distance";
        public static final String SMOOTHING = "smoothing";
        public static final String EDGE_JUMP = "edge jump";
        public static final String STEP = "pixel step";

        /** A portrait at arm's length: nearest point 0.5 m, background 1.5 m, 60 degree camera. */
        public static Settings defaults() {
            return new Settings(60, 0.5, 1.5, 1.5, 0.03, 0);
        }

        /** The step used for a w x h depth map. */
        public int stepFor(int w, int h) {
            if (step > 0) {
                return step;
            }
            int st = 1;
            while ((long) ((w + st - 1) / st) * ((h + st - 1) / st) > AUTO_MAX_POINTS) {
                st++;
            }
            return st;
        }
    }

    /**
     * The reconstruction. Owns {@code depth} and {@code depthMetres}, hence AutoCloseable.
     *
     * @param depth       the mono estimate it came from
     * @param depthMetres CV_32F metres per pixel after smoothing and the near/far mapping; NaN where dropped
     * @param grid        coloured points on the pixel grid (metres, camera frame: x right, y down, z forward)
     * @param mesh        triangles over the grid's valid points (none across depth edges), with texture coordinates
     * @param intrinsics  the camera assumed
     * @param notes       what was assumed or changed, for the user
     */
    public record Result(MonoDepth depth, Mat depthMetres, OrganizedCloud grid, TriangleMesh mesh,
                         CameraIntrinsics intrinsics, String notes) implements AutoCloseable {
        /** The points alone (the mesh's vertices): coloured, finite, metres. */
        public PointCloud cloud() {
            return mesh.vertices();
        }

        @Override
        public void close() {
            depth.close();
            depthMetres.release();
        }
    }

    private final MonoDepthEstimator estimator;
    private final Settings settings;

    public MonoReconstruction(MonoDepthEstimator estimator, Settings settings) {
        this.estimator = estimator;
        this.settings = settings;
    }

    /**
     * Photo file to depth to cloud and mesh: the "Open photo..." action. A huge photo is decoded smaller (see
     * {@link PhotoFile}); what was changed is in the result's notes. Slow: run it off the event thread
     * ({@link #reconstructAsync}).
     */
    public Result reconstruct(Path photoFile) {
        try (PhotoFile photo = PhotoFile.read(photoFile)) {
            Result r = reconstruct(photo.bgr());
            if (photo.note().isEmpty()) {
                return r;
            }
            return new Result(r.depth(), r.depthMetres(), r.grid(), r.mesh(), r.intrinsics(),
                    photo.note() + "; " + r.notes());
        }
    }

    /** {@link #reconstruct(Path)} on the given executor (e.g. a background pool), never on the caller's thread. */
    public CompletableFuture<Result> reconstructAsync(Path photoFile, Executor executor) {
        return CompletableFuture.supplyAsync(() -> reconstruct(photoFile), executor);
    }

    /** Photo (8-bit BGR) to depth to cloud. Slow: run it off the event thread. */
    public Result reconstruct(Mat bgrPhoto) {
        MonoDepth depth = estimator.estimate(bgrPhoto);
        Mat photo = bgrPhoto;
        Mat resized = null;
        if (depth.width() != bgrPhoto.cols() || depth.height() != bgrPhoto.rows()) {
            resized = new Mat(); // the estimator downscaled a huge photo: colour the points from the same size
            Imgproc.resize(bgrPhoto, resized, new Size(depth.width(), depth.height()), 0, 0, Imgproc.INTER_AREA);
            photo = resized;
        }
        try {
            return fromDepth(depth, photo, settings);
        } finally {
            if (resized != null) {
                resized.release();
            }
        }
    }

    /** The 3D part on its own, for an estimate already made. Takes ownership of {@code depth}. */
    public static Result fromDepth(MonoDepth depth, Mat bgrPhoto, Settings s) {
        OpenCvNative.load();
        int w = depth.width();
        int h = depth.height();
        if (bgrPhoto.cols() != w || bgrPhoto.rows() != h || bgrPhoto.type() != CvType.CV_8UC3) {
            throw new IllegalArgumentException("photo " + bgrPhoto.size() + " " + CvType.typeToString(bgrPhoto.type())
                    + " does not match depth " + w + "x" + h);
        }
        Mat smooth = new Mat();
        if (s.smoothSigmaPx() > 0) {
            Imgproc.GaussianBlur(depth.inverseDepth(), smooth, new Size(0, 0), s.smoothSigmaPx(), s.smoothSigmaPx(),
                    Core.BORDER_REPLICATE);
        } else {
            depth.inverseDepth().copyTo(smooth);
        }
        int n = w * h;
        float[] inv = new float[n];
        smooth.get(0, 0, inv);
        smooth.release();
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (float v : inv) {
            if (Float.isFinite(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        double invNear = 1 / s.nearMetres();
        double invFar = 1 / s.farMetres();
        float[] z = new float[n];
        double range = hi - lo;
        for (int i = 0; i < n; i++) {
            if (!Float.isFinite(inv[i])) {
                z[i] = Float.NaN;
                continue;
            }
            double t = range > 0 ? (inv[i] - lo) / range : 1;
            z[i] = (float) (1 / (invFar + t * (invNear - invFar)));
        }
        int dropped = 0;
        if (s.maxEdgeJump() > 0) {
            boolean[] edge = new boolean[n];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int i = y * w + x;
                    float zi = z[i];
                    edge[i] = jumps(zi, x + 1 < w ? z[i + 1] : zi, s.maxEdgeJump())
                            || jumps(zi, x > 0 ? z[i - 1] : zi, s.maxEdgeJump())
                            || jumps(zi, y + 1 < h ? z[i + w] : zi, s.maxEdgeJump())
                            || jumps(zi, y > 0 ? z[i - w] : zi, s.maxEdgeJump());
                }
            }
            for (int i = 0; i < n; i++) {
                if (edge[i] && Float.isFinite(z[i])) {
                    z[i] = Float.NaN;
                    dropped++;
                }
            }
        }
        Mat depthMetres = new Mat(h, w, CvType.CV_32FC1);
        depthMetres.put(0, 0, z);

        CameraIntrinsics k = CameraIntrinsics.fromHorizontalFov(w, h, s.horizontalFovDeg());
        Mat gridDepth = depthMetres;
        Mat gridPhoto = bgrPhoto;
        CameraIntrinsics gridK = k;
        int step = s.stepFor(w, h);
        if (step > 1) {
            // Every step-th pixel exactly (no filtering, so dropped edge pixels stay dropped); pixel x of the grid
            // is pixel x*step of the photo, hence focal and principal point divide by step.
            int gw = (w + step - 1) / step;
            int gh = (h + step - 1) / step;
            float[] gz = new float[gw * gh];
            byte[] src = new byte[w * h * 3];
            byte[] dst = new byte[gw * gh * 3];
            bgrPhoto.get(0, 0, src);
            for (int gy = 0; gy < gh; gy++) {
                for (int gx = 0; gx < gw; gx++) {
                    int from = gy * step * w + gx * step;
                    int to = gy * gw + gx;
                    gz[to] = z[from];
                    System.arraycopy(src, 3 * from, dst, 3 * to, 3);
                }
            }
            gridDepth = new Mat(gh, gw, CvType.CV_32FC1);
            gridDepth.put(0, 0, gz);
            gridPhoto = new Mat(gh, gw, CvType.CV_8UC3);
            gridPhoto.put(0, 0, dst);
            gridK = CameraIntrinsics.ideal(gw, gh, k.fxPx() / step, k.cxPx() / step, k.cyPx() / step);
        }
        OrganizedCloud grid;
        try {
            grid = CloudBuilder.fromDepth(gridDepth, gridK, gridPhoto, DepthRange.ANY);
        } finally {
            if (gridDepth != depthMetres) {
                gridDepth.release();
                gridPhoto.release();
            }
        }
        // Meshed the way stereo clouds are (CloudRecipe), cutting triangles over depth steps with the same
        // threshold as the edge removal.
        TriangleMesh mesh = CloudRecipe.defaults()
                .withMaxDepthJump(s.maxEdgeJump() > 0 ? s.maxEdgeJump() : Double.POSITIVE_INFINITY).mesh(grid);
        String notes = String.format(Locale.ROOT,
                "camera assumed: %dx%d, horizontal FOV %.1f deg -> fx = fy = %.1f px, cx %.1f, cy %.1f;"
                        + " depth is relative, mapped to %.2f m (nearest) .. %.2f m (farthest);"
                        + " smoothing sigma %.1f px; %d edge points dropped; grid step %d px; %d points,"
                        + " %d triangles",
                w, h, s.horizontalFovDeg(), k.fxPx(), k.cxPx(), k.cyPx(), s.nearMetres(), s.farMetres(), s.smoothSigmaPx(), dropped, step, mesh.vertices().size(),
                mesh.triangleCount());
        if (!depth.note().isEmpty()) {
            notes = depth.note() + "; " + notes;
        }
        return new Result(depth, depthMetres, grid, mesh, k, notes);
    }

    private static boolean jumps(float a, float b, double maxJump) {
        return Float.isFinite(a) && Float.isFinite(b) && Math.abs(a - b) > maxJump * a;
    }
}
