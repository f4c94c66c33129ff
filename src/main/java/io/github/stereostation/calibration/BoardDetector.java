package io.github.stereostation.calibration;

import org.opencv.core.Mat;

import java.util.Optional;

/**
 * Finds a calibration board in an image. Implementations are not thread-safe (use one per thread) and own
 * working Mats: {@link #close()} releases them.
 */
public interface BoardDetector extends AutoCloseable {

    /** The corners found, or empty when the board is not (fully enough) visible. Accepts gray or BGR images. */
    Optional<BoardCorners> detect(Mat image);

    BoardSpec board();

    /** Releases the working Mats; the detector is not used after. */
    @Override
    void close();

    /** The detector for a board of this kind. */
    static BoardDetector forBoard(BoardSpec board) {
        return board.kind() == BoardSpec.Kind.CHARUCO ? new CharucoBoardDetector(board) : new ChessboardDetector(board);
    }
}
