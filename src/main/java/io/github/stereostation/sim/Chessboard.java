package io.github.stereostation.sim;

import org.opencv.core.Point3;

/**
 * A chessboard with innerCols x innerRows inner corners (OpenCV's pattern size) and squares of squareMm.
 * Board frame as OpenCV calibration uses it: origin at the first inner corner, x along a row of corners,
 * y down the columns, z = 0 on the board; the top-left square is black, as {@code calibration.BoardPrinter}
 * prints it. The printed sheet adds a white quiet zone one square wide around the squares.
 *
 * <p>Corner order, measured on OpenCV 4.9 with this colouring: when innerCols + innerRows is odd (e.g. 9x6) the
 * board has no 180° symmetry and the classic {@code findChessboardCorners} returns the corners in
 * {@link #objectPoints()} order, while {@code findChessboardCornersSB} returns them in exactly the REVERSE order
 * (starting at the last corner). When innerCols + innerRows is even the board looks the same turned by 180°
 * and either detector may start at either end.
 */
public record Chessboard(int innerCols, int innerRows, double squareMm) implements BoardTarget {
    public Chessboard {
        if (innerCols < 2 || innerRows < 2 || !(squareMm > 0)) {
            throw new IllegalArgumentException("need at least 2x2 inner corners and a positive square size");
        }
    }

    /** Row-major, first row first: corner (c, r) is at (c·square, r·square, 0), as findChessboardCorners orders it. */
    @Override
    public Point3[] objectPoints() {
        Point3[] p = new Point3[innerCols * innerRows];
        for (int r = 0; r < innerRows; r++) {
            for (int c = 0; c < innerCols; c++) {
                p[r * innerCols + c] = new Point3(c * squareMm, r * squareMm, 0);
            }
        }
        return p;
    }

    @Override
    public double[] extentMm() {
        return new double[] {-2 * squareMm, -2 * squareMm, (innerCols + 1) * squareMm, (innerRows + 1) * squareMm};
    }

    /** Reflectance at a board point: black squares, white squares and white quiet zone. */
    double reflectance(double x, double y) {
        double fx = Math.floor(x / squareMm), fy = Math.floor(y / squareMm);
        if (fx < -1 || fy < -1 || fx > innerCols - 1 || fy > innerRows - 1) {
            return BoardPattern.WHITE;
        }
        return ((long) fx + (long) fy) % 2 == 0 ? BoardPattern.BLACK : BoardPattern.WHITE;
    }
}
