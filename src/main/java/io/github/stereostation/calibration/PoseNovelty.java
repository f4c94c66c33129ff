package io.github.stereostation.calibration;

import java.util.List;

/**
 * How different a board pose is from the views already taken, in the ROS calibrator's terms: each view is
 * described by {@link Coverage#viewMeasures} (centre x, centre y, size, skew, all 0..1) and two views differ by
 * the sum of the absolute differences of those four numbers. A stereo view is as new as its more different
 * camera says: a pose that fills a gap in either camera's coverage is worth taking.
 */
public final class PoseNovelty {
    private PoseNovelty() {
    }

    /** Distance of one camera's view to another's, 0 for the same pose. */
    public static double distance(double[] measuresA, double[] measuresB) {
        double d = 0;
        for (int k = 0; k < 4; k++) {
            d += Math.abs(measuresA[k] - measuresB[k]);
        }
        return d;
    }

    /**
     * Distance of a view (one entry per camera) to the nearest of {@code taken} (same layout);
     * {@code +Infinity} when nothing has been taken yet.
     */
    public static double novelty(double[][] view, List<double[][]> taken) {
        double nearest = Double.POSITIVE_INFINITY;
        for (double[][] t : taken) {
            double d = 0;
            for (int cam = 0; cam < view.length; cam++) {
                d = Math.max(d, distance(view[cam], t[cam]));
            }
            nearest = Math.min(nearest, d);
        }
        return nearest;
    }
}
