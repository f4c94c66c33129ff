package io.github.stereostation.sim;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every pixel's undistorted normalized point and its Jacobian d(x,y)/d(u,v) for one camera, so that a renderer
 * drawing frame after frame through the same lens solves the Newton iteration once, not per frame (it was a
 * fifth of a frame's cost). Built with the same row-by-row warm start the renderer used, so the values are
 * bit-identical to solving on the fly. The last {@link #KEPT} cameras' tables are kept (48 bytes per pixel:
 * 15 MB at 640x480).
 */
final class UndistortTable {
    static final int KEPT = 2;

    private static final Map<PinholeCamera, UndistortTable> RECENT = new LinkedHashMap<>(4, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<PinholeCamera, UndistortTable> eldest) {
            return size() > KEPT;
        }
    };

    /** Per pixel: x, y, j00, j01, j10, j11. */
    private final double[] values;
    private final int width;

    private UndistortTable(PinholeCamera cam) {
        int w = cam.width(), h = cam.height();
        width = w;
        values = new double[w * h * 6];
        java.util.stream.IntStream.range(0, h).parallel().forEach(y -> {
            double[] xy = {(0 - cam.cx()) / cam.fx(), (y - cam.cy()) / cam.fy()};
            double[] j = new double[4];
            for (int x = 0; x < w; x++) {
                cam.undistort(x, y, xy, j); // warm start from the previous pixel's solution
                int o = (y * w + x) * 6;
                values[o] = xy[0];
                values[o + 1] = xy[1];
                values[o + 2] = j[0];
                values[o + 3] = j[1];
                values[o + 4] = j[2];
                values[o + 5] = j[3];
            }
        });
    }

    /** The table of a camera, built on first use. */
    static UndistortTable of(PinholeCamera cam) {
        synchronized (RECENT) {
            UndistortTable t = RECENT.get(cam);
            if (t != null) {
                return t;
            }
        }
        UndistortTable t = new UndistortTable(cam); // outside the lock: building takes a while
        synchronized (RECENT) {
            RECENT.putIfAbsent(cam, t);
            return RECENT.get(cam);
        }
    }

    /** Pixel (x, y)'s normalized point into xy and its Jacobian into j. */
    void get(int x, int y, double[] xy, double[] j) {
        int o = (y * width + x) * 6;
        xy[0] = values[o];
        xy[1] = values[o + 1];
        j[0] = values[o + 2];
        j[1] = values[o + 3];
        j[2] = values[o + 4];
        j[3] = values[o + 5];
    }
}
