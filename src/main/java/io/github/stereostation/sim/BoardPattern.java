package io.github.stereostation.sim;

import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.objdetect.CharucoBoard;

/** A board's printed reflectance as a function of board-frame position (mm); immutable, thread-safe. */
abstract class BoardPattern {
    static final double BLACK = 0.06;
    static final double WHITE = 0.92;
    /** ChArUco texture resolution: squares are this many texels wide, so square edges fall on texel edges. */
    static final int TEXELS_PER_SQUARE = 120;

    final double minX, minY, maxX, maxY;

    BoardPattern(double[] extent) {
        minX = extent[0];
        minY = extent[1];
        maxX = extent[2];
        maxY = extent[3];
    }

    abstract double reflectance(double x, double y);

    static BoardPattern of(BoardTarget target) {
        if (target instanceof Chessboard c) {
            return new BoardPattern(c.extentMm()) {
                @Override
                double reflectance(double x, double y) {
                    return c.reflectance(x, y);
                }
            };
        }
        return new CharucoPattern((CharucoTarget) target);
    }

    /** OpenCV's own generated board image, mapped texel-exactly onto the board's squares. */
    static final class CharucoPattern extends BoardPattern {
        private final byte[] texels;
        private final int w, h;
        private final double texelsPerMm;

        CharucoPattern(CharucoTarget t) {
            super(t.extentMm());
            w = t.squaresX() * TEXELS_PER_SQUARE;
            h = t.squaresY() * TEXELS_PER_SQUARE;
            CharucoBoard board = t.openCvBoard();
            Mat img = new Mat();
            board.generateImage(new Size(w, h), img, 0, 1);
            if (img.type() != CvType.CV_8UC1 || img.cols() != w || img.rows() != h) {
                throw new IllegalStateException("unexpected ChArUco image " + img);
            }
            texels = new byte[w * h];
            img.get(0, 0, texels);
            img.release();
            texelsPerMm = TEXELS_PER_SQUARE / t.squareMm();
        }

        @Override
        double reflectance(double x, double y) {
            double u = x * texelsPerMm, v = y * texelsPerMm;
            if (u < 0 || v < 0 || u >= w || v >= h) {
                return WHITE;
            }
            int g = texels[(int) v * w + (int) u] & 255;
            return BLACK + (WHITE - BLACK) * g / 255.0;
        }
    }
}
