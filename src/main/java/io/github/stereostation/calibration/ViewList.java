package io.github.stereostation.calibration;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The views a calibration session has taken, in order, each with its pose measures ({@link Coverage#viewMeasures},
 * one row per camera) for judging how new the next pose is. Not thread-safe: {@link CalibrationSession} guards it.
 */
final class ViewList {
    private final List<CapturedView> views = new ArrayList<>();
    private final List<double[][]> measures = new ArrayList<>();

    void add(CapturedView view, double[][] viewMeasures) {
        views.add(view);
        measures.add(viewMeasures);
    }

    List<CapturedView> views() {
        return List.copyOf(views);
    }

    int size() {
        return views.size();
    }

    /** The pose measures of every view, for {@link PoseNovelty#novelty}. */
    List<double[][]> measures() {
        return measures;
    }

    /** Deletes the view with this id; returns whether it was there. */
    boolean remove(int id) {
        for (int i = 0; i < views.size(); i++) {
            if (views.get(i).id() == id) {
                views.remove(i);
                measures.remove(i);
                return true;
            }
        }
        return false;
    }

    /** The id of the view of this name, or empty. */
    Optional<Integer> idOf(String name) {
        return views.stream().filter(v -> v.name().equals(name)).map(CapturedView::id).reduce((a, b) -> b);
    }

    void clear() {
        views.clear();
        measures.clear();
    }

    /** Width and height of the views taken, empty before the first. */
    Optional<int[]> imageSize() {
        if (views.isEmpty()) {
            return Optional.empty();
        }
        BoardCorners c = views.get(0).left();
        return Optional.of(new int[]{c.imageWidth(), c.imageHeight()});
    }
}
