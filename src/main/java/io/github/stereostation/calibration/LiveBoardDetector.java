package io.github.stereostation.calibration;

import org.opencv.calib3d.Calib3d;
import org.opencv.core.Mat;
import org.opencv.core.MatOfPoint2f;
import org.opencv.core.Size;
import org.opencv.core.TermCriteria;
import org.opencv.imgproc.Imgproc;

import java.util.Optional;

/**
 * Board detection fast enough for every live frame: for chessboards OpenCV's sector-based detector without
 * its exhaustive search and accuracy pass, then the classic detector with its quick rejection of frames without
 * a board ({@code CALIB_CB_FAST_CHECK}), numbered like {@link ChessboardDetector} (corner 0 on the image's left).
 * The full {@link ChessboardDetector} costs several times more and is kept for the views actually taken. ChArUco boards use {@link CharucoBoardDetector},
 * which is fast already. Not thread-safe.
 */
public final class LiveBoardDetector implements BoardDetector {
    private final BoardSpec board;
    private final BoardDetector charuco;
    private final Mat gray = new Mat();

    public LiveBoardDetector(BoardSpec board) {
        this.board = board;
        this.charuco = board.kind() == BoardSpec.Kind.CHARUCO ? new CharucoBoardDetector(board) : null;
    }

    @Override
    public BoardSpec board() {
        return board;
    }

    @Override
    public Optional<BoardCorners> detect(Mat image) {
        if (charuco != null) {
            return charuco.detect(image);
        }
        ChessboardDetector.toGray(image, gray);
        MatOfPoint2f corners = new MatOfPoint2f();
        try {
            Size pattern = new Size(board.innerCols(), board.innerRows());
            // The sector-based detector without its exhaustive search finds small and tilted boards; the classic
            // one with its fast check catches what it misses at little cost.
            boolean found = Calib3d.findChessboardCornersSB(gray, pattern, corners, Calib3d.CALIB_CB_NORMALIZE_IMAGE)
                    && corners.rows() == board.cornerCount();
            if (!found) {
                int flags = Calib3d.CALIB_CB_ADAPTIVE_THRESH | Calib3d.CALIB_CB_NORMALIZE_IMAGE | Calib3d.CALIB_CB_FAST_CHECK;
                if (!Calib3d.findChessboardCorners(gray, pattern, corners, flags) || corners.rows() != board.cornerCount()) {
                    return Optional.empty();
                }
                Imgproc.cornerSubPix(gray, corners, new Size(3, 3), new Size(-1, -1),
                        new TermCriteria(TermCriteria.EPS + TermCriteria.COUNT, 20, 0.01));
            }
            return Optional.of(BoardCorners.ofChessboard(corners, board.cornerCount(), gray.cols(), gray.rows()));
        } finally {
            corners.release();
        }
    }

    @Override
    public void close() {
        gray.release();
        if (charuco != null) {
            charuco.close();
        }
    }
}
