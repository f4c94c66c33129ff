package io.github.stereostation.calibration;

import io.github.stereostation.geometry.Matrix3;

import org.opencv.core.Mat;

/**
 * Test images of a flat board seen by an ideal (distortion-free) stereo rig: a plane maps to the image by a
 * homography, H = K [r1 r2 t] A, where A takes a pixel of the board drawn by {@link BoardPrinter} to board
 * millimetres. Used where a test needs realistic views but not lens distortion.
 */
final class PlanarBoardViews {
    static final double DPI = BoardDetectionTest.DPI_FOR_VIEWS;
    static final double MARGIN_MM = 20;

    private PlanarBoardViews() {
    }

    /** Rotation about x then y (degrees), row-major. */
    static double[] rotation(double rxDeg, double ryDeg, double rzDeg) {
        double a = Math.toRadians(rxDeg);
        double b = Math.toRadians(ryDeg);
        double c = Math.toRadians(rzDeg);
        double[] rx = {1, 0, 0, 0, Math.cos(a), -Math.sin(a), 0, Math.sin(a), Math.cos(a)};
        double[] ry = {Math.cos(b), 0, Math.sin(b), 0, 1, 0, -Math.sin(b), 0, Math.cos(b)};
        double[] rz = {Math.cos(c), -Math.sin(c), 0, Math.sin(c), Math.cos(c), 0, 0, 0, 1};
        return Matrix3.multiply(rz, Matrix3.multiply(ry, rx));
    }

    /**
     * The camera image of the board at pose (r, t) (board frame = BoardSpec's, mm) for camera matrix k,
     * as seen by a camera whose pose relative to the board's camera frame is (rc, tc).
     */
    static Mat render(Mat board, BoardSpec spec, double[] k, double[] r, double[] t, double[] rc, double[] tc, int w, int h) {
        double[] rr = Matrix3.multiply(rc, r);
        double[] tt = new double[3];
        for (int i = 0; i < 3; i++) {
            tt[i] = rc[3 * i] * t[0] + rc[3 * i + 1] * t[1] + rc[3 * i + 2] * t[2] + tc[i];
        }
        double[] rt = {rr[0], rr[1], tt[0], rr[3], rr[4], tt[1], rr[6], rr[7], tt[2]};
        double pxPerMm = DPI / 25.4;
        double margin = Math.round(MARGIN_MM * pxPerMm);
        double off = (0.5 - margin) / pxPerMm - spec.squareMm();
        double[] a = {1 / pxPerMm, 0, off, 0, 1 / pxPerMm, off, 0, 0, 1};
        double[] hm = Matrix3.multiply(Matrix3.multiply(k, rt), a);
        return BoardDetectionTest.view(board, hm, w, h);
    }
}
