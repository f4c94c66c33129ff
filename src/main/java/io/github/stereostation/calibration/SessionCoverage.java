package io.github.stereostation.calibration;

import java.util.ArrayList;
import java.util.List;

/**
 * How well a set of views covers each camera's image: the four bars (x, y, size, skew, 0..1, each the lesser of
 * the cameras' progress), a map of where corners were collected, and what to do next to fill the emptiest bar.
 * A snapshot: made from the views as they are.
 */
final class SessionCoverage {
    private static final int MAP_COLUMNS = 10;
    private static final int MAP_ROWS = 8;

    private final List<CapturedView> views;
    private final BoardSpec board;
    private final int cameras;

    SessionCoverage(List<CapturedView> views, BoardSpec board, int cameras) {
        this.views = List.copyOf(views);
        this.board = board;
        this.cameras = cameras;
    }

    private List<BoardCorners> corners(int camera) {
        List<BoardCorners> c = new ArrayList<>();
        for (CapturedView v : views) {
            c.add(camera == 0 ? v.left() : v.right());
        }
        return c;
    }

    /** Coverage of one camera's views (0 = left, 1 = right). */
    Coverage coverage(int camera) {
        return Coverage.of(corners(camera), board);
    }

    /** The four bars x, y, size and skew, 0..1, each the lesser of the cameras' progress. */
    double[] bars() {
        double[] b = {1, 1, 1, 1};
        for (int cam = 0; cam < cameras; cam++) {
            Coverage c = coverage(cam);
            double[] p = {c.xProgress(), c.yProgress(), c.sizeProgress(), c.skewProgress()};
            for (int k = 0; k < 4; k++) {
                b[k] = Math.min(b[k], p[k]);
            }
        }
        return b;
    }

    /** Where corners have been collected in one camera's image (0 = left, 1 = right). */
    CoverageMap map(int camera) {
        return CoverageMap.of(corners(camera), MAP_COLUMNS, MAP_ROWS);
    }

    /** Every bar full. */
    boolean isFull() {
        for (double b : bars()) {
            if (b < 1.0) {
                return false;
            }
        }
        return true;
    }

    /** Full coverage and at least this many views. */
    boolean isComplete(int views) {
        return isFull() && this.views.size() >= views;
    }

    /** What to do next to fill the emptiest bar. */
    String suggestion() {
        double[] b = bars();
        int k = 0;
        for (int i = 1; i < 4; i++) {
            if (b[i] < b[k]) {
                k = i;
            }
        }
        return switch (k) {
            case 0 -> "move the board to the left and right edges of the image";
            case 1 -> "move the board to the top and bottom of the image";
            case 2 -> "bring the board closer to the cameras and take it further away";
            default -> "tilt the board left, right, up and down";
        };
    }
}
