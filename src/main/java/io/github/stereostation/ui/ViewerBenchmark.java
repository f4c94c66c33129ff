package io.github.stereostation.ui;

import io.github.stereostation.cloud.PointCloud;
import org.opencv.calib3d.Calib3d;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfDouble;
import org.opencv.core.MatOfPoint2f;
import org.opencv.core.MatOfPoint3f;

import java.util.Arrays;
import java.util.Random;

/**
 * Measures the viewer's frame time on a synthetic cloud while the camera orbits, next to OpenCV's
 * {@code projectPoints} on the same points (projection only, no z-buffer or drawing) as a bare-library yardstick.
 */
public final class ViewerBenchmark {

    /** Milliseconds per frame (median, best) for our renderer and for OpenCV's projection of the same points. */
    public record Result(int points, int width, int height, int frames, double medianMillis, double bestMillis,
                         double openCvProjectMedianMillis) {
        public double framesPerSecond() {
            return 1000.0 / medianMillis;
        }
    }

    private ViewerBenchmark() {
    }

    /**
     * A ball in front of a checkered wall as a camera would capture it: about {@code n} points from a square pixel
     * grid, in row-major order like every cloud built from a depth map. {@code shuffled} puts them in random order,
     * the worst case for memory locality.
     */
    public static PointCloud syntheticCloud(int n, boolean shuffled, long seed) {
        int side = (int) Math.ceil(Math.sqrt(n));
        float[] p = new float[3 * n];
        byte[] c = new byte[3 * n];
        double f = side / 1.2, cx = side / 2.0, bz = 2.0, br = 0.6;
        for (int i = 0; i < n; i++) {
            double rx = (i % side - cx) / f, ry = (i / side - cx) / f;
            double a = rx * rx + ry * ry + 1, b = -2 * bz, cc = bz * bz - br * br, disc = b * b - 4 * a * cc;
            double z = disc >= 0 ? (-b - Math.sqrt(disc)) / (2 * a) : 3.0;
            p[3 * i] = (float) (rx * z);
            p[3 * i + 1] = (float) (ry * z);
            p[3 * i + 2] = (float) z;
            boolean dark = ((i % side) / 40 + (i / side) / 40) % 2 == 0;
            int grey = dark ? 60 : 220;
            c[3 * i] = (byte) (disc >= 0 ? 220 : grey);
            c[3 * i + 1] = (byte) (disc >= 0 ? 40 : grey);
            c[3 * i + 2] = (byte) (disc >= 0 ? 40 : grey);
        }
        if (shuffled) {
            Random r = new Random(seed);
            for (int i = n - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                for (int k = 0; k < 3; k++) {
                    float t = p[3 * i + k];
                    p[3 * i + k] = p[3 * j + k];
                    p[3 * j + k] = t;
                    byte u = c[3 * i + k];
                    c[3 * i + k] = c[3 * j + k];
                    c[3 * j + k] = u;
                }
            }
        }
        return new PointCloud(p, c);
    }

    /** Renders {@code frames} frames (after a few warm-up ones) while orbiting; needs OpenCV loaded for the yardstick. */
    public static Result run(PointCloud cloud, int width, int height, int frames) {
        CloudRenderer renderer = new CloudRenderer(cloud);
        OrbitCamera cam = OrbitCamera.looking(renderer.bounds(), 50);
        int[] raster = new int[width * height];
        float[] z = new float[width * height];
        for (int i = 0; i < 5; i++) {
            renderer.render(cam, CloudRenderer.ColourMode.IMAGE, 1, raster, z, width, height);
        }
        double[] ms = new double[frames];
        for (int i = 0; i < frames; i++) {
            OrbitCamera c = cam.orbit(i * 0.02, i * 0.005);
            long t0 = System.nanoTime();
            renderer.render(c, CloudRenderer.ColourMode.IMAGE, 1, raster, z, width, height);
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        return new Result(cloud.size(), width, height, frames, ms[frames / 2], ms[0],
                openCvProjection(cloud, cam, height, Math.max(3, frames / 4)));
    }

    private static double openCvProjection(PointCloud cloud, OrbitCamera cam, int height, int repeats) {
        Mat pts = new Mat(cloud.size(), 1, CvType.CV_32FC3);
        pts.put(0, 0, cloud.positions());
        MatOfPoint3f objects = new MatOfPoint3f(pts);
        double f = cam.focalPx(height);
        Mat k = Mat.eye(3, 3, CvType.CV_64F);
        k.put(0, 0, f);
        k.put(1, 1, f);
        Mat rvec = Mat.zeros(3, 1, CvType.CV_64F);
        Mat tvec = Mat.zeros(3, 1, CvType.CV_64F);
        MatOfDouble dist = new MatOfDouble();
        MatOfPoint2f image = new MatOfPoint2f();
        double[] ms = new double[repeats];
        try {
            Calib3d.projectPoints(objects, rvec, tvec, k, dist, image); // warm-up
            for (int i = 0; i < repeats; i++) {
                long t0 = System.nanoTime();
                Calib3d.projectPoints(objects, rvec, tvec, k, dist, image);
                ms[i] = (System.nanoTime() - t0) / 1e6;
            }
        } finally {
            for (Mat m : new Mat[]{pts, objects, k, rvec, tvec, dist, image}) {
                m.release();
            }
        }
        Arrays.sort(ms);
        return ms[repeats / 2];
    }
}
