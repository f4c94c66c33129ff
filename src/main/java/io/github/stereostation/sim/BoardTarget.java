package io.github.stereostation.sim;

import org.opencv.core.Point3;

/** A calibration target the synthetic rig can render: its corners and its printed extent in the board frame. */
public sealed interface BoardTarget permits Chessboard, CharucoTarget {

    /** The corners a detector reports, in the detector's order, in the board frame (mm, z = 0). */
    Point3[] objectPoints();

    /** {minX, minY, maxX, maxY} in mm of the whole printed sheet in the board frame, quiet zone included. */
    double[] extentMm();
}
