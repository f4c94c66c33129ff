package io.github.stereostation.calibration;

import org.opencv.core.Mat;

import java.util.Locale;
import java.util.Optional;

/**
 * Takes a view at full resolution with the accurate detector, once the live advice says the pose is worth it:
 * in stereo only the corners both cameras see are kept. Numbers the views it takes. Not thread-safe; owns the
 * detectors' working Mats, which {@link #close()} releases.
 */
final class ViewTaker implements AutoCloseable {
    private static final int THUMBNAIL_WIDTH = 160;

    private final BoardDetector[] detectors;
    private int nextId = 1;

    ViewTaker(BoardSpec board, int cameras) {
        detectors = new BoardDetector[cameras];
        for (int i = 0; i < cameras; i++) {
            detectors[i] = BoardDetector.forBoard(board);
        }
    }

    /** The view in these images (one per camera), or empty when the accurate detector does not confirm it. */
    Optional<CapturedView> take(long sequence, Mat[] images, boolean manual) {
        BoardCorners[] full = new BoardCorners[images.length];
        for (int i = 0; i < images.length; i++) {
            Optional<BoardCorners> c = detectors[i].detect(images[i]);
            if (c.isEmpty()) {
                return Optional.empty();
            }
            full[i] = c.get();
        }
        if (full.length > 1) {
            ViewPair common = new ViewPair("", full[0], full[1]).commonCorners();
            if (common.left().count() < CharucoBoardDetector.MIN_CORNERS) {
                return Optional.empty();
            }
            full[0] = common.left();
            full[1] = common.right();
        }
        int id = nextId++;
        return Optional.of(new CapturedView(id, String.format(Locale.ROOT, "view-%03d", id), full[0],
                full.length > 1 ? full[1] : null, Thumbnail.of(images[0], THUMBNAIL_WIDTH),
                images.length > 1 ? Thumbnail.of(images[1], THUMBNAIL_WIDTH) : null, sequence, manual));
    }

    @Override
    public void close() {
        for (BoardDetector d : detectors) {
            d.close();
        }
    }
}
