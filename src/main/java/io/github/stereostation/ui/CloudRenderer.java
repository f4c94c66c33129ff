package io.github.stereostation.ui;

import io.github.stereostation.cloud.PointCloud;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.Arrays;

/**
 * Software point renderer: projects every point through an {@link OrbitCamera} into an int RGB raster with a
 * z-buffer, drawing each point as a square of {@code pointSizePx}. One pass over plain arrays, no scene graph:
 * a million points take tens of milliseconds. Big clouds are split across cores, each slice drawn into its own
 * buffers and merged by depth, so the result is the same as one pass.
 */
public final class CloudRenderer {
    /** What colours the points. */
    public enum ColourMode { IMAGE, DEPTH }

    public static final int BACKGROUND = 0x202428;
    private static final int MAX_THREADS = 8;
    private static final int MIN_POINTS_PER_THREAD = 150_000;

    private final float[] positions;
    private final int[] imageRgb;
    private final int[] depthRgb;
    private final float[] bounds;
    /**
     * {minX, minY, minZ, maxX, maxY, maxZ} between the 1st and 99th percentiles, then the medians x, y, z, then
     * the 2nd and 98th percentiles of z (the depth colour range).
     */
    private final float[] robust;
    /** Angle between neighbouring points as captured (radians), 0 when the cloud is not in capture order. */
    private final double capturePitch;
    private int[][] scratchRasters;
    private float[][] scratchZ;

    public CloudRenderer(PointCloud cloud) {
        this.positions = cloud.positions();
        int n = cloud.size();
        this.bounds = cloud.bounds();
        this.robust = robustStatistics(positions);
        // colour by the depth range of the middle 96 %: a few far outliers do not squeeze the scene into one colour
        float zLo = robust[9], zHi = robust[10];
        depthRgb = new int[n];
        float span = zHi > zLo ? zHi - zLo : 1f;
        for (int i = 0; i < n; i++) {
            depthRgb[i] = DepthColours.rgb((positions[3 * i + 2] - zLo) / span);
        }
        capturePitch = capturePitch(positions);
        byte[] c = cloud.colors();
        if (c == null) {
            imageRgb = depthRgb;
        } else {
            imageRgb = new int[n];
            for (int i = 0; i < n; i++) {
                imageRgb[i] = (c[3 * i] & 0xFF) << 16 | (c[3 * i + 1] & 0xFF) << 8 | (c[3 * i + 2] & 0xFF);
            }
        }
    }

    /**
     * The home view for this cloud in a frame of the given aspect (width / height): for a cloud in front of the
     * capture camera, the capture camera's own position, turned towards the middle of what it saw and with a
     * field of view just wide enough for 99 % of the points, so a snapshot fills the window as it filled the
     * camera image. Other clouds get {@link OrbitCamera#looking} with a 50 degree view.
     */
    public OrbitCamera homeCamera(double aspect) {
        OrbitCamera fallback = OrbitCamera.looking(robust, 50).centredOn(robust[6], robust[7], robust[8]);
        if (Float.isNaN(robust[2]) || robust[2] <= 0) {
            return fallback;
        }
        int n = size();
        int step = Math.max(1, n / 100_000);
        float[] tx = new float[(n + step - 1) / step];
        float[] ty = new float[tx.length];
        int k = 0;
        for (int i = 0; i < n; i += step) {
            float z = positions[3 * i + 2];
            if (z > 0) {
                tx[k] = positions[3 * i] / z;
                ty[k] = positions[3 * i + 1] / z;
                k++;
            }
        }
        if (k == 0) {
            return fallback;
        }
        Arrays.sort(tx, 0, k);
        Arrays.sort(ty, 0, k);
        int lo = (int) (0.005 * (k - 1)), hi = (int) (0.995 * (k - 1));
        double ax = (tx[lo] + tx[hi]) / 2, ay = (ty[lo] + ty[hi]) / 2;
        double halfTan = 1.05 * Math.max((ty[hi] - ty[lo]) / 2, (tx[hi] - tx[lo]) / 2 / Math.max(0.1, aspect));
        double fov = Math.max(10, Math.min(120, Math.toDegrees(2 * Math.atan(halfTan))));
        // aim along (ax, ay, 1) from the origin and orbit about the point on that ray at the cloud's median depth
        // (a few far outliers leave it where the scene is): the view axis is R^T (0, 0, 1)
        double zc = robust[8];
        double norm = Math.sqrt(ax * ax + ay * ay + 1);
        double d = zc * norm;
        double yaw = Math.atan2(-ax, 1), pitch = Math.asin(ay / norm);
        return new OrbitCamera(ax * zc, ay * zc, zc, d, yaw, pitch, fov);
    }

    /** The cloud's robust centre: the median of each coordinate (NaN for an empty cloud). */
    public float[] robustCentre() {
        return new float[]{robust[6], robust[7], robust[8]};
    }

    /** {minX, minY, minZ, maxX, maxY, maxZ} of the points between each axis's 1st and 99th percentile. */
    public float[] robustBounds() {
        return java.util.Arrays.copyOf(robust, 6);
    }

    /** Percentiles 1 and 99 and the median per axis, and z's percentiles 2 and 98, from an even sample of at most 200 000 finite points. */
    private static float[] robustStatistics(float[] p) {
        int n = p.length / 3;
        int step = Math.max(1, n / 200_000);
        float[][] axis = new float[3][(n + step - 1) / step];
        int k = 0;
        for (int i = 0; i < n; i += step) {
            float x = p[3 * i], y = p[3 * i + 1], z = p[3 * i + 2];
            if (Float.isFinite(x) && Float.isFinite(y) && Float.isFinite(z)) {
                axis[0][k] = x;
                axis[1][k] = y;
                axis[2][k] = z;
                k++;
            }
        }
        float[] out = new float[11];
        if (k == 0) {
            Arrays.fill(out, Float.NaN);
            return out;
        }
        for (int a = 0; a < 3; a++) {
            Arrays.sort(axis[a], 0, k);
            out[a] = axis[a][(int) (0.01 * (k - 1))];
            out[a + 3] = axis[a][(int) Math.ceil(0.99 * (k - 1))];
            out[a + 6] = (axis[a][(k - 1) / 2] + axis[a][k / 2]) / 2;
        }
        out[9] = axis[2][(int) (0.02 * (k - 1))];
        out[10] = axis[2][(int) Math.ceil(0.98 * (k - 1))];
        return out;
    }

    /**
     * A point size that closes the gaps between neighbouring pixels' points at this view: the capture pitch seen
     * from the view's distance, in pixels, from 1 to 6. Clouds not in capture order get 1.
     */
    public int autoPointSize(OrbitCamera cam, int heightPx) {
        if (capturePitch <= 0) {
            return 1;
        }
        double range = Math.sqrt(cam.targetX() * cam.targetX() + cam.targetY() * cam.targetY() + cam.targetZ() * cam.targetZ());
        double px = capturePitch * cam.focalPx(heightPx) * range / cam.distance();
        return (int) Math.max(1, Math.min(6, Math.ceil(px - 0.15)));
    }

    /** Median angle between consecutive points (row neighbours in a cloud built from an image grid). */
    private static double capturePitch(float[] p) {
        int n = p.length / 3;
        int step = Math.max(1, n / 50_000);
        float[] d = new float[(n + step - 1) / step];
        int k = 0;
        for (int i = 0; i + 1 < n; i += step) {
            float z0 = p[3 * i + 2], z1 = p[3 * i + 5];
            if (z0 > 0 && z1 > 0) {
                float dx = p[3 * i + 3] / z1 - p[3 * i] / z0, dy = p[3 * i + 4] / z1 - p[3 * i + 1] / z0;
                d[k++] = (float) Math.sqrt(dx * dx + dy * dy);
            }
        }
        if (k == 0) {
            return 0;
        }
        Arrays.sort(d, 0, k);
        double median = d[k / 2];
        return median < 0.02 ? median : 0; // beyond about a degree the order is not an image grid's
    }

    public int size() {
        return positions.length / 3;
    }

    /** {minX, minY, minZ, maxX, maxY, maxZ} of the finite points. */
    public float[] bounds() {
        return bounds.clone();
    }

    /** Renders into a new TYPE_INT_RGB image of the given size. */
    public BufferedImage render(OrbitCamera cam, ColourMode mode, int pointSizePx, int width, int height) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] raster = ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
        render(cam, mode, pointSizePx, raster, new float[width * height], width, height);
        return img;
    }

    /** Renders into caller-owned buffers ({@code raster} and {@code zbuffer} of width * height), for reuse per frame. */
    public void render(OrbitCamera cam, ColourMode mode, int pointSizePx, int[] raster, float[] zbuffer, int width, int height) {
        render(cam, mode, pointSizePx, 1, raster, zbuffer, width, height);
    }

    /**
     * As {@link #render(OrbitCamera, ColourMode, int, int[], float[], int, int)}, drawing only every
     * {@code stride}-th point: a quick preview while the user drags a huge cloud around.
     */
    public void render(OrbitCamera cam, ColourMode mode, int pointSizePx, int stride, int[] raster, float[] zbuffer,
                       int width, int height) {
        if (stride < 1) {
            throw new IllegalArgumentException("stride must be >= 1, got " + stride);
        }
        int n = positions.length / 3;
        int parts = (int) Math.min(Math.min(MAX_THREADS, Runtime.getRuntime().availableProcessors()),
                n / stride / MIN_POINTS_PER_THREAD);
        if (parts <= 1) {
            Arrays.fill(raster, 0, width * height, BACKGROUND);
            Arrays.fill(zbuffer, 0, width * height, Float.POSITIVE_INFINITY);
            renderRange(cam, mode, pointSizePx, stride, raster, zbuffer, width, height, 0, n);
            return;
        }
        // each thread draws a slice of the points into its own buffers; then the nearest sample per pixel wins
        int pixels = width * height;
        int[][] rasters = new int[parts][];
        float[][] zs = new float[parts][];
        rasters[0] = raster;
        zs[0] = zbuffer;
        synchronized (this) {
            if (scratchRasters == null || scratchRasters.length < parts || scratchRasters[1].length < pixels) {
                scratchRasters = new int[parts][pixels];
                scratchZ = new float[parts][pixels];
            }
            for (int t = 1; t < parts; t++) {
                rasters[t] = scratchRasters[t];
                zs[t] = scratchZ[t];
            }
            final int p = parts;
            java.util.stream.IntStream.range(0, parts).parallel().forEach(t -> {
                Arrays.fill(rasters[t], 0, pixels, BACKGROUND);
                Arrays.fill(zs[t], 0, pixels, Float.POSITIVE_INFINITY);
                renderRange(cam, mode, pointSizePx, stride, rasters[t], zs[t], width, height, (int) ((long) n * t / p),
                        (int) ((long) n * (t + 1) / p));
            });
            int stripe = (pixels + parts - 1) / parts;
            java.util.stream.IntStream.range(0, parts).parallel().forEach(s0 -> {
                int from = s0 * stripe, to = Math.min(pixels, from + stripe);
                for (int t = 1; t < p; t++) {
                    int[] rt = rasters[t];
                    float[] zt = zs[t];
                    for (int o = from; o < to; o++) {
                        if (zt[o] < zbuffer[o]) {
                            zbuffer[o] = zt[o];
                            raster[o] = rt[o];
                        }
                    }
                }
            });
        }
    }

    private void renderRange(OrbitCamera cam, ColourMode mode, int pointSizePx, int stride, int[] raster, float[] zbuffer,
                             int width, int height, int from, int to) {
        double[] r = cam.rotation();
        float r00 = (float) r[0], r01 = (float) r[1], r02 = (float) r[2];
        float r10 = (float) r[3], r11 = (float) r[4], r12 = (float) r[5];
        float r20 = (float) r[6], r21 = (float) r[7], r22 = (float) r[8];
        float tx = (float) cam.targetX(), ty = (float) cam.targetY(), tz = (float) cam.targetZ();
        float dist = (float) cam.distance();
        float f = (float) cam.focalPx(height);
        float cx = width / 2f, cy = height / 2f;
        float near = dist * 1e-3f;
        int[] colours = mode == ColourMode.DEPTH ? depthRgb : imageRgb;
        int size = Math.max(1, pointSizePx);
        int half = (size - 1) / 2;
        float[] p = positions;
        for (int i = from; i < to; i += stride) {
            float dx = p[3 * i] - tx, dy = p[3 * i + 1] - ty, dz = p[3 * i + 2] - tz;
            float vz = r20 * dx + r21 * dy + r22 * dz + dist;
            if (!(vz > near)) {
                continue; // behind the eye, or NaN
            }
            float inv = f / vz;
            float sxf = (r00 * dx + r01 * dy + r02 * dz) * inv + cx;
            float syf = (r10 * dx + r11 * dy + r12 * dz) * inv + cy;
            if (!(sxf >= -size && sxf < width + size && syf >= -size && syf < height + size)) {
                continue;
            }
            int sx = (int) Math.floor(sxf) - half, sy = (int) Math.floor(syf) - half;
            int colour = colours[i];
            if (size == 1) {
                if (sx >= 0 && sx < width && sy >= 0 && sy < height) {
                    int o = sy * width + sx;
                    if (vz < zbuffer[o]) {
                        zbuffer[o] = vz;
                        raster[o] = colour;
                    }
                }
                continue;
            }
            int x0 = Math.max(0, sx), x1 = Math.min(width, sx + size);
            int y0 = Math.max(0, sy), y1 = Math.min(height, sy + size);
            for (int y = y0; y < y1; y++) {
                int row = y * width;
                for (int x = x0; x < x1; x++) {
                    int o = row + x;
                    if (vz < zbuffer[o]) {
                        zbuffer[o] = vz;
                        raster[o] = colour;
                    }
                }
            }
        }
    }
}
