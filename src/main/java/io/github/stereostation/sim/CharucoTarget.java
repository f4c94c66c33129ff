package io.github.stereostation.sim;

import org.opencv.core.MatOfPoint3f;
import org.opencv.core.Point3;
import org.opencv.core.Size;
import org.opencv.objdetect.CharucoBoard;
import org.opencv.objdetect.Objdetect;

/**
 * A ChArUco board as OpenCV's {@link CharucoBoard} defines it: squaresX x squaresY squares of squareMm with
 * ArUco markers of markerMm from the predefined dictionary {@code dictionaryId} (e.g.
 * {@link Objdetect#DICT_4X4_50}). Board frame: origin at the board's top-left outer corner, x to the right,
 * y down, z = 0 on the board; the printed sheet adds a white quiet zone half a square wide.
 */
public record CharucoTarget(int squaresX, int squaresY, double squareMm, double markerMm, int dictionaryId)
        implements BoardTarget {
    public CharucoTarget {
        if (squaresX < 3 || squaresY < 3 || !(squareMm > 0) || !(markerMm > 0 && markerMm < squareMm)) {
            throw new IllegalArgumentException("need at least 3x3 squares and 0 < marker < square");
        }
    }

    /** OpenCV's board object for this target (detector and image generator). */
    public CharucoBoard openCvBoard() {
        return new CharucoBoard(new Size(squaresX, squaresY), (float) squareMm, (float) markerMm,
                Objdetect.getPredefinedDictionary(dictionaryId));
    }

    /** The inner chessboard corners in id order, exactly OpenCV's {@code getChessboardCorners()}. */
    @Override
    public Point3[] objectPoints() {
        MatOfPoint3f m = openCvBoard().getChessboardCorners();
        Point3[] p = m.toArray();
        m.release();
        return p;
    }

    @Override
    public double[] extentMm() {
        return new double[] {-squareMm / 2, -squareMm / 2, (squaresX + 0.5) * squareMm, (squaresY + 0.5) * squareMm};
    }
}
