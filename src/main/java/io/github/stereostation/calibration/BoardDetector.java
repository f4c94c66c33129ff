package io.github.stereostation.calibration;

import org.opencv.core.Mat;

import java.util.Optional;

/** Finds a calibration board in an image. Implementations are not thread-safe; use one per thread. */
public interface BoardDetector {

    /** The corners found, or empty when the board is not (fully enough) visible. Accepts gray or BGR images. */
    Optional<BoardCorners> detect(Mat image);

    BoardSpec board();

    /** The detector for a board of this kind. */
    static BoardDetector forBoard(BoardSpec board) {
        return board.kind() == BoardSpec.Kind.CHARUCO ? new CharucoBoardDetector(board) : new ChessboardDetector(board);
    }
}
