package io.github.stereostation.calibration;

import java.util.List;

/**
 * How well a set of views covers what a calibration needs, in the spirit of the ROS camera calibrator:
 * for each view the board's centre ({@code x}, {@code y}, 0..1 of the image), apparent {@code size}
 * (square root of the board's share of the image area) and {@code skew} (tilt, 0 = facing the camera);
 * over all views the span of each as progress 0..1 towards the span ROS asks for (x, y 0.7; size 0.4;
 * skew 0.5), and {@code imageFill}: the share of a 10x8 grid of image cells holding at least one corner.
 */
public record Coverage(double xProgress, double yProgress, double sizeProgress, double skewProgress,
                       double imageFill) {

    private static final double[] TARGET_SPAN = {0.7, 0.7, 0.4, 0.5};
    private static final int GRID_X = 10;
    private static final int GRID_Y = 8;

    /** The four ROS measures of one view: x, y, size, skew. */
    public static double[] viewMeasures(BoardCorners c, BoardSpec board) {
        double w = c.imageWidth();
        double h = c.imageHeight();
        double mx = 0;
        double my = 0;
        for (int i = 0; i < c.count(); i++) {
            mx += c.x(i);
            my += c.y(i);
        }
        mx /= c.count();
        my /= c.count();
        double size = Math.sqrt(hullArea(c) / (w * h));
        double skew = 0;
        int cols = board.innerCols();
        int tl = c.indexOf(0);
        int tr = c.indexOf(cols - 1);
        int bl = c.indexOf(cols * (board.innerRows() - 1));
        if (tl >= 0 && tr >= 0 && bl >= 0) {
            double ax = c.x(tr) - c.x(tl);
            double ay = c.y(tr) - c.y(tl);
            double bx = c.x(bl) - c.x(tl);
            double by = c.y(bl) - c.y(tl);
            double angle = Math.acos((ax * bx + ay * by) / (Math.hypot(ax, ay) * Math.hypot(bx, by)));
            skew = Math.min(1.0, 2.0 * Math.abs(Math.PI / 2 - angle));
        }
        return new double[]{mx / w, my / h, size, skew};
    }

    public static Coverage of(List<BoardCorners> views, BoardSpec board) {
        if (views.isEmpty()) {
            return new Coverage(0, 0, 0, 0, 0);
        }
        double[] min = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
        double[] max = {-Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        boolean[] cells = new boolean[GRID_X * GRID_Y];
        for (BoardCorners c : views) {
            double[] m = viewMeasures(c, board);
            for (int k = 0; k < 4; k++) {
                min[k] = Math.min(min[k], m[k]);
                max[k] = Math.max(max[k], m[k]);
            }
            for (int i = 0; i < c.count(); i++) {
                int gx = (int) Math.floor(c.x(i) / c.imageWidth() * GRID_X);
                int gy = (int) Math.floor(c.y(i) / c.imageHeight() * GRID_Y);
                if (gx >= 0 && gx < GRID_X && gy >= 0 && gy < GRID_Y) {
                    cells[gy * GRID_X + gx] = true;
                }
            }
        }
        double[] p = new double[4];
        for (int k = 0; k < 4; k++) {
            p[k] = Math.min(1.0, (max[k] - min[k]) / TARGET_SPAN[k]);
        }
        int filled = 0;
        for (boolean b : cells) {
            filled += b ? 1 : 0;
        }
        return new Coverage(p[0], p[1], p[2], p[3], filled / (double) cells.length);
    }

    private static double hullArea(BoardCorners c) {
        int n = c.count();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> c.x(a) != c.x(b) ? Float.compare(c.x(a), c.x(b)) : Float.compare(c.y(a), c.y(b)));
        int[] hull = new int[2 * n];
        int k = 0;
        for (int pass = 0; pass < 2; pass++) {
            int start = k;
            for (int j = 0; j < n; j++) {
                int i = pass == 0 ? order[j] : order[n - 1 - j];
                while (k >= start + 2 && cross(c, hull[k - 2], hull[k - 1], i) <= 0) {
                    k--;
                }
                hull[k++] = i;
            }
            k--;
        }
        double area = 0;
        for (int i = 0; i < k; i++) {
            int a = hull[i];
            int b = hull[(i + 1) % k];
            area += c.x(a) * (double) c.y(b) - c.x(b) * (double) c.y(a);
        }
        return Math.abs(area) / 2;
    }

    private static double cross(BoardCorners c, int o, int a, int b) {
        return (c.x(a) - c.x(o)) * (double) (c.y(b) - c.y(o)) - (c.y(a) - c.y(o)) * (double) (c.x(b) - c.x(o));
    }
}
