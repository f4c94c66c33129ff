package io.github.stereostation.calibration;

import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.objdetect.CharucoBoard;
import org.opencv.objdetect.CharucoDetector;
import org.opencv.objdetect.Objdetect;

import java.util.Optional;

/**
 * ChArUco corners with OpenCV 4.9's {@link CharucoDetector}. A partly hidden board still gives a view: only
 * the interpolated corners are returned, with their ids, and a view needs at least {@link #MIN_CORNERS}.
 */
public final class CharucoBoardDetector implements BoardDetector {
    /** Fewer corners than this make a pose too weak to be worth a calibration view. */
    public static final int MIN_CORNERS = 6;

    private final BoardSpec board;
    private final CharucoBoard charucoBoard;
    private final CharucoDetector detector;
    private final Mat gray = new Mat();

    public CharucoBoardDetector(BoardSpec board) {
        if (board.kind() != BoardSpec.Kind.CHARUCO) {
            throw new IllegalArgumentException("not a ChArUco board: " + board);
        }
        this.board = board;
        this.charucoBoard = openCvBoard(board);
        this.detector = new CharucoDetector(charucoBoard);
    }

    static CharucoBoard openCvBoard(BoardSpec board) {
        return new CharucoBoard(new Size(board.squaresX(), board.squaresY()), (float) board.squareMm(),
                (float) board.markerMm(), Objdetect.getPredefinedDictionary(board.dictionaryId()));
    }

    @Override
    public BoardSpec board() {
        return board;
    }

    @Override
    public Optional<BoardCorners> detect(Mat image) {
        ChessboardDetector.toGray(image, gray);
        Mat corners = new Mat();
        Mat ids = new Mat();
        try {
            detector.detectBoard(gray, corners, ids);
            int n = ids.rows() * ids.cols();
            if (n < MIN_CORNERS || corners.rows() * corners.cols() != n
                    || charucoBoard.checkCharucoCornersCollinear(ids)) {
                return Optional.empty();
            }
            int[] idArr = new int[n];
            ids.get(0, 0, idArr);
            float[] xy = new float[2 * n];
            corners.get(0, 0, xy);
            return Optional.of(new BoardCorners(idArr, xy, gray.cols(), gray.rows()));
        } finally {
            corners.release();
            ids.release();
        }
    }
}
