package io.github.stereostation.sim;

import io.github.stereostation.geometry.Matrix3;

import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfPoint2f;
import org.opencv.core.MatOfPoint3f;
import org.opencv.core.Point;
import org.opencv.core.Point3;

import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Renders a {@link SyntheticScene} through a {@link StereoRig} by ray casting: every pixel averages n x n rays
 * spread over its area (through the camera's lens distortion), and ground truth comes from one exact ray
 * through each pixel centre. Rows render in parallel. Stateless apart from its options (undistortion tables of
 * recent cameras are shared, see {@link UndistortTable}); thread-safe.
 *
 * <p>For animations, {@link #renderImages(StereoRig, SyntheticScene, StillReference)} re-shades only the pixels
 * that moving surfaces touch, and {@link #renderTruth} casts ground truth on its own when it is wanted; both
 * give exactly what {@link #render} gives.
 */
public final class SceneRenderer {
    private final RenderOptions options;

    public SceneRenderer() {
        this(RenderOptions.DEFAULT);
    }

    public SceneRenderer(RenderOptions options) {
        this.options = options;
    }

    public RenderOptions options() {
        return options;
    }

    /** Renders both views and the ground truth. The caller owns (and closes) the result. */
    public RenderedPair render(StereoRig rig, SyntheticScene scene) {
        Shape[] shapes = compile(scene.surfaces());
        return renderShapes(rig, shapes, scene.background());
    }

    /**
     * Renders a calibration board at a pose (board frame to left camera frame) in front of a plain mid-grey
     * background, with the true corner positions in both images.
     */
    public BoardView renderBoard(StereoRig rig, BoardTarget target, Pose pose) {
        return renderBoard(rig, target, pose, new SyntheticScene(List.of(), Rgb.GREY));
    }

    /** Renders a calibration board at a pose held in front of a scene (e.g. the desk). */
    public BoardView renderBoard(StereoRig rig, BoardTarget target, Pose pose, SyntheticScene backdrop) {
        Shape[] scene = compile(backdrop.surfaces());
        Shape[] shapes = new Shape[scene.length + 1];
        shapes[0] = new BoardShape(target, pose);
        System.arraycopy(scene, 0, shapes, 1, scene.length);
        int w = rig.width(), h = rig.height();
        float[] l = renderView(View.left(rig), shapes, backdrop.background(), options.supersampling(), null);
        float[] r = renderView(View.right(rig), shapes, backdrop.background(), options.supersampling(), null);
        Mat left = toImage(l, w, h, 1.0, options.noiseSigmaGrey(), options.noiseSeed());
        Mat right = toImage(r, w, h, options.rightGain(), options.noiseSigmaGrey(), options.noiseSeed() + 1);
        Point3[] object = target.objectPoints();
        Point[] lc = new Point[object.length];
        Point[] rc = new Point[object.length];
        double[] rr = rig.rotationMatrix();
        double[] rt = rig.translationMm();
        for (int i = 0; i < object.length; i++) {
            double[] p = pose.apply(object[i].x, object[i].y, object[i].z);
            double[] uv = rig.left().project(p[0], p[1], p[2]);
            lc[i] = new Point(uv[0], uv[1]);
            double[] q = Matrix3.apply(rr, p[0], p[1], p[2]);
            uv = rig.right().project(q[0] + rt[0], q[1] + rt[1], q[2] + rt[2]);
            rc[i] = new Point(uv[0], uv[1]);
        }
        return new BoardView(left, right, new MatOfPoint2f(lc), new MatOfPoint2f(rc), new MatOfPoint3f(object),
                target, pose);
    }

    static Shape[] compile(List<Surface> surfaces) {
        return surfaces.stream().map(Shape::of).toArray(Shape[]::new);
    }

    /** Both supersampled views of a scene, no ground truth. The caller owns (and closes) the result. */
    ImagePair renderImages(StereoRig rig, SyntheticScene scene) {
        return renderImages(rig, compile(scene.surfaces()), scene.background());
    }

    /**
     * Ground truth of a scene whose images were already rendered (by {@link #renderImages} with the same rig
     * and scene): casts one ray per pixel centre and per view, no shading. Takes ownership of the images.
     * Together the two give exactly what {@link #render} gives, and cost about the same, so a caller that
     * needs truth only now and then saves most of its cost.
     */
    RenderedPair renderTruth(StereoRig rig, SyntheticScene scene, ImagePair images) {
        return renderTruth(rig, compile(scene.surfaces()), images);
    }

    RenderedPair renderShapes(StereoRig rig, Shape[] shapes, Rgb background) {
        return renderTruth(rig, shapes, renderImages(rig, shapes, background));
    }

    /**
     * Both views of a scene, reusing from a reference of the same rig every pixel that only still surfaces
     * reach (see {@link StillReference}); pixel-identical to {@link #renderImages(StereoRig, SyntheticScene)}.
     * A reference made for another rig, sampling or scene layout is ignored.
     */
    ImagePair renderImages(StereoRig rig, SyntheticScene scene, StillReference reference) {
        Shape[] shapes = compile(scene.surfaces());
        boolean[] still = reference == null ? null : reference.stillShapes(rig, options.supersampling(), scene);
        if (still == null) {
            return renderImages(rig, shapes, scene.background());
        }
        int w = rig.width(), h = rig.height();
        float[] leftRgb = renderView(View.left(rig), shapes, scene.background(), options.supersampling(), null,
                reference.left(still));
        float[] rightRgb = renderView(View.right(rig), shapes, scene.background(), options.supersampling(), null,
                reference.right(still));
        return toImages(leftRgb, rightRgb, w, h);
    }

    /**
     * A reference for {@link #renderImages(StereoRig, SyntheticScene, StillReference)}: one full render, kept
     * as linear RGB with the shapes each pixel's rays reach. Null for scenes of more shapes than it can track.
     */
    StillReference stillReference(StereoRig rig, SyntheticScene scene) {
        Shape[] shapes = compile(scene.surfaces());
        if (shapes.length > StillReference.MAX_SHAPES) {
            return null;
        }
        int n = rig.width() * rig.height();
        boolean[] still = new boolean[shapes.length];
        long[] leftHits = new long[n];
        long[] rightHits = new long[n];
        float[] leftRgb = renderView(View.left(rig), shapes, scene.background(), options.supersampling(), null,
                new StillReference.ViewReuse(still, 0, null, null, leftHits));
        float[] rightRgb = renderView(View.right(rig), shapes, scene.background(), options.supersampling(), null,
                new StillReference.ViewReuse(still, 0, null, null, rightHits));
        return new StillReference(rig, options.supersampling(), scene, leftRgb, leftHits, rightRgb, rightHits);
    }

    private ImagePair renderImages(StereoRig rig, Shape[] shapes, Rgb background) {
        int w = rig.width(), h = rig.height();
        float[] leftRgb = renderView(View.left(rig), shapes, background, options.supersampling(), null);
        float[] rightRgb = renderView(View.right(rig), shapes, background, options.supersampling(), null);
        return toImages(leftRgb, rightRgb, w, h);
    }

    private ImagePair toImages(float[] leftRgb, float[] rightRgb, int w, int h) {
        Mat left = toImage(leftRgb, w, h, 1.0, options.noiseSigmaGrey(), options.noiseSeed());
        Mat right = toImage(rightRgb, w, h, options.rightGain(), options.noiseSigmaGrey(), options.noiseSeed() + 1);
        return new ImagePair(left, right);
    }

    private RenderedPair renderTruth(StereoRig rig, Shape[] shapes, ImagePair images) {
        int w = rig.width(), h = rig.height();
        View rightView = View.right(rig);
        double[] leftHits = new double[w * h * 3];
        double[] rightHits = new double[w * h * 3];
        renderView(View.left(rig), shapes, Rgb.GREY, 0, leftHits);
        renderView(rightView, shapes, Rgb.GREY, 0, rightHits);

        boolean rectified = rig.isRectifiedIdeal();
        double fxB = rig.left().fx() * rig.baselineMm();
        float[] depth = new float[w * h];
        float[] dispL = new float[w * h];
        float[] dispR = new float[w * h];
        byte[] nonOcc = new byte[w * h];
        double[] r = rig.rotationMatrix();
        double[] t = rig.translationMm();
        IntStream.range(0, h).parallel().forEach(y -> {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                double z = leftHits[i * 3 + 2];
                depth[i] = (float) (z / 1000);
                dispL[i] = rectified ? (float) (fxB / z) : Float.NaN;
                double zr = rightHits[i * 3 + 2];
                dispR[i] = rectified ? (float) (fxB / zr) : Float.NaN;
                if (!Double.isNaN(z)) {
                    nonOcc[i] = visibleFromRight(rig, r, t, rightView, shapes,
                            leftHits[i * 3], leftHits[i * 3 + 1], z) ? (byte) 255 : 0;
                }
            }
        });
        return new RenderedPair(images.left(), images.right(), floatMat(dispL, w, h), floatMat(depth, w, h),
                byteMat(nonOcc, w, h), floatMat(dispR, w, h), rig);
    }

    /** Is the left-frame point P seen by the right camera: in front of it, inside its image, not hidden? */
    private static boolean visibleFromRight(StereoRig rig, double[] r, double[] t, View rightView, Shape[] shapes,
                                            double px, double py, double pz) {
        double xr = r[0] * px + r[1] * py + r[2] * pz + t[0];
        double yr = r[3] * px + r[4] * py + r[5] * pz + t[1];
        double zr = r[6] * px + r[7] * py + r[8] * pz + t[2];
        if (!(zr > 0)) {
            return false;
        }
        double[] uv = rig.right().project(xr, yr, zr);
        if (!rig.right().contains(uv[0], uv[1])) {
            return false;
        }
        // the segment from the right centre to P (t = 1 at P) must not hit anything first
        double dx = px - rightView.ox, dy = py - rightView.oy, dz = pz - rightView.oz;
        for (Shape s : shapes) {
            if (s.intersect(rightView.ox, rightView.oy, rightView.oz, dx, dy, dz) < 1 - 1e-6) {
                return false;
            }
        }
        return true;
    }

    /** A camera placed in the left frame: optical centre and camera-to-left rotation. */
    static final class View {
        final PinholeCamera camera;
        final double ox, oy, oz;
        final double[] m; // camera frame -> left frame

        View(PinholeCamera camera, double[] origin, double[] m) {
            this.camera = camera;
            this.ox = origin[0];
            this.oy = origin[1];
            this.oz = origin[2];
            this.m = m;
        }

        static View left(StereoRig rig) {
            return new View(rig.left(), new double[3], Matrix3.identity());
        }

        static View right(StereoRig rig) {
            double[] rt = Matrix3.transpose(rig.rotationMatrix());
            double[] t = rig.translationMm();
            double[] c = Matrix3.apply(rt, -t[0], -t[1], -t[2]);
            return new View(rig.right(), c, rt);
        }
    }

    /**
     * Ray-casts one view. Returns linear RGB (0..1) per pixel; when centreHits is non-null it receives the
     * left-frame point hit by each pixel-centre ray (NaN x3 where nothing is hit). With ss = 0 only the centre
     * hits are cast (no colour; returns null). The centre rays are the same whatever ss is, so truth cast
     * alone equals truth cast along with the colour, bit for bit.
     */
    static float[] renderView(View view, Shape[] shapes, Rgb background, int ss, double[] centreHits) {
        return renderView(view, shapes, background, ss, centreHits, null);
    }

    /**
     * {@link #renderView(View, Shape[], Rgb, int, double[])}, taking over from a reference render every pixel
     * whose sample rays all end on still shapes (or on nothing) both now and in the reference: such a pixel's
     * rays end on the very same points of the very same surfaces, so its colour is the reference's, exactly.
     * Only the pixels that moving shapes touch (now or in the reference) are shaded again.
     */
    static float[] renderView(View view, Shape[] shapes, Rgb background, int ss, double[] centreHits,
                              StillReference.ViewReuse reuse) {
        PinholeCamera cam = view.camera;
        int w = cam.width(), h = cam.height();
        float[] out = ss > 0 ? new float[w * h * 3] : null;
        // n² samples on a rank-1 lattice (generator n+1, coprime to n²): every sample has its own column AND
        // its own row, so an axis-aligned edge is resolved to 1/n² px instead of the 1/n of a square grid,
        // while the samples still cover the pixel evenly (an unbiased box filter)
        int count = ss * ss;
        double[] offX = new double[count];
        double[] offY = new double[count];
        for (int k = 0; k < count; k++) {
            offX[k] = (k + 0.5) / count - 0.5;
            offY[k] = ((long) k * (ss + 1) % count + 0.5) / count - 0.5;
        }
        double norm = 1.0 / count;
        double[] m = view.m;
        // a distorted lens needs a Newton solve per pixel: solved once per camera, then looked up
        UndistortTable table = cam.distortion().isNone() ? null : UndistortTable.of(cam);
        Shape[] moving = reuse == null || reuse.refRgb() == null ? null : movingShapes(shapes, reuse.shapeStill());
        IntStream.range(0, h).parallel().forEach(y -> {
            double[] xy = {(0 - cam.cx()) / cam.fx(), (y - cam.cy()) / cam.fy()};
            double[] j = new double[4];
            double[] rgb = new double[3];
            int[] hitShape = new int[count];
            double[] hitT = new double[count];
            double[] hitDir = new double[count * 3];
            for (int x = 0; x < w; x++) {
                if (table != null) {
                    table.get(x, y, xy, j);
                } else {
                    cam.undistort(x, y, xy, j);
                }
                int i = y * w + x;
                if (centreHits != null) {
                    double dx = m[0] * xy[0] + m[1] * xy[1] + m[2];
                    double dy = m[3] * xy[0] + m[4] * xy[1] + m[5];
                    double dz = m[6] * xy[0] + m[7] * xy[1] + m[8];
                    double tBest = Double.POSITIVE_INFINITY;
                    for (Shape s : shapes) {
                        double t = s.intersect(view.ox, view.oy, view.oz, dx, dy, dz);
                        if (t < tBest) {
                            tBest = t;
                        }
                    }
                    if (tBest < Double.POSITIVE_INFINITY) {
                        centreHits[i * 3] = view.ox + tBest * dx;
                        centreHits[i * 3 + 1] = view.oy + tBest * dy;
                        centreHits[i * 3 + 2] = view.oz + tBest * dz;
                    } else {
                        centreHits[i * 3] = Double.NaN;
                        centreHits[i * 3 + 1] = Double.NaN;
                        centreHits[i * 3 + 2] = Double.NaN;
                    }
                }
                if (count == 0) {
                    continue;
                }
                if (moving != null && (reuse.refHits()[i] & reuse.movingMask()) == 0
                        && !hitsAny(moving, view, xy, j, m, offX, offY)) {
                    // only still shapes reached this pixel then, and no moving one reaches it now: the nearest
                    // hit of every ray is the same still one as then
                    float[] ref = reuse.refRgb();
                    out[i * 3] = ref[i * 3];
                    out[i * 3 + 1] = ref[i * 3 + 1];
                    out[i * 3 + 2] = ref[i * 3 + 2];
                    continue;
                }
                boolean allStill = true;
                long hitMask = 0;
                for (int k = 0; k < count; k++) {
                    double a = offX[k], b = offY[k];
                    // sub-pixel sample through the local linearisation of the undistortion (error ~1e-4 px)
                    double nx = xy[0] + j[0] * a + j[1] * b;
                    double ny = xy[1] + j[2] * a + j[3] * b;
                    double dx = m[0] * nx + m[1] * ny + m[2];
                    double dy = m[3] * nx + m[4] * ny + m[5];
                    double dz = m[6] * nx + m[7] * ny + m[8];
                    double tBest = Double.POSITIVE_INFINITY;
                    int best = -1;
                    for (int s = 0; s < shapes.length; s++) {
                        double t = shapes[s].intersect(view.ox, view.oy, view.oz, dx, dy, dz);
                        if (t < tBest) {
                            tBest = t;
                            best = s;
                        }
                    }
                    hitShape[k] = best;
                    hitT[k] = tBest;
                    hitDir[k * 3] = dx;
                    hitDir[k * 3 + 1] = dy;
                    hitDir[k * 3 + 2] = dz;
                    if (best >= 0 && reuse != null) {
                        hitMask |= 1L << best;
                        allStill &= reuse.shapeStill()[best];
                    }
                }
                if (reuse != null) {
                    if (reuse.outHits() != null) {
                        reuse.outHits()[i] = hitMask;
                    }
                    if (allStill && reuse.refHits() != null && (reuse.refHits()[i] & reuse.movingMask()) == 0) {
                        float[] ref = reuse.refRgb();
                        out[i * 3] = ref[i * 3];
                        out[i * 3 + 1] = ref[i * 3 + 1];
                        out[i * 3 + 2] = ref[i * 3 + 2];
                        continue;
                    }
                }
                double sr = 0, sg = 0, sb = 0;
                for (int k = 0; k < count; k++) {
                    if (hitShape[k] < 0) {
                        sr += background.r();
                        sg += background.g();
                        sb += background.b();
                    } else {
                        double t = hitT[k];
                        shapes[hitShape[k]].shade(view.ox + t * hitDir[k * 3], view.oy + t * hitDir[k * 3 + 1],
                                view.oz + t * hitDir[k * 3 + 2], rgb);
                        sr += rgb[0];
                        sg += rgb[1];
                        sb += rgb[2];
                    }
                }
                out[i * 3] = (float) (sr * norm);
                out[i * 3 + 1] = (float) (sg * norm);
                out[i * 3 + 2] = (float) (sb * norm);
            }
        });
        return out;
    }

    private static Shape[] movingShapes(Shape[] shapes, boolean[] still) {
        return IntStream.range(0, shapes.length).filter(k -> !still[k]).mapToObj(k -> shapes[k])
                .toArray(Shape[]::new);
    }

    /** Does any sample ray of the pixel (the same rays the colour loop casts) hit any of these shapes? */
    private static boolean hitsAny(Shape[] these, View view, double[] xy, double[] j, double[] m, double[] offX,
                                   double[] offY) {
        for (int k = 0; k < offX.length; k++) {
            double a = offX[k], b = offY[k];
            double nx = xy[0] + j[0] * a + j[1] * b;
            double ny = xy[1] + j[2] * a + j[3] * b;
            double dx = m[0] * nx + m[1] * ny + m[2];
            double dy = m[3] * nx + m[4] * ny + m[5];
            double dz = m[6] * nx + m[7] * ny + m[8];
            for (Shape s : these) {
                if (s.intersect(view.ox, view.oy, view.oz, dx, dy, dz) < Double.POSITIVE_INFINITY) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Linear RGB to an 8-bit BGR Mat with gain and optional seeded Gaussian noise. */
    static Mat toImage(float[] rgb, int w, int h, double gain, double sigmaGrey, long seed) {
        byte[] bgr = new byte[w * h * 3];
        Random rng = sigmaGrey > 0 ? new Random(seed) : null;
        for (int i = 0; i < w * h; i++) {
            for (int c = 0; c < 3; c++) {
                double v = rgb[i * 3 + 2 - c] * 255 * gain;
                if (rng != null) {
                    v += rng.nextGaussian() * sigmaGrey;
                }
                bgr[i * 3 + c] = (byte) Math.max(0, Math.min(255, Math.round(v)));
            }
        }
        Mat m = new Mat(h, w, CvType.CV_8UC3);
        m.put(0, 0, bgr);
        return m;
    }

    static Mat floatMat(float[] data, int w, int h) {
        Mat m = new Mat(h, w, CvType.CV_32F);
        m.put(0, 0, data);
        return m;
    }

    static Mat byteMat(byte[] data, int w, int h) {
        Mat m = new Mat(h, w, CvType.CV_8U);
        m.put(0, 0, data);
        return m;
    }
}
