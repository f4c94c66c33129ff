package io.github.stereostation.depth;

import org.opencv.core.Mat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs named matcher configurations over Middlebury scenes and measures each result against ground truth.
 * Timing covers the whole compute() call (matching and any post-filtering), not reading files.
 */
public final class Evaluation {

    /**
     * One measured run.
     *
     * @param confident bad-2 among the 50 % and 90 % most confident evaluated pixels (NaN without a
     *                  confidence map): how well the confidence ranks errors
     * @param coverage  measured and filled shares of all pixels
     */
    public record Row(String scene, String configuration, int numDisparities, DisparityMetrics metrics,
                      double millis, Sparsification confident, DisparityMap.Coverage coverage) {
    }

    /** A named way to build a matcher for a scene (the scene's ndisp may decide the range). */
    public record Configuration(String name, Function<MiddleburyScene, DisparityMatcher> factory) {
        public static Configuration fixed(String name, Supplier<DisparityMatcher> s) {
            return new Configuration(name, scene -> s.get());
        }
    }

    private Evaluation() {
    }

    /** Measures every configuration on one scene (the matcher is run once untimed first when warmUp is set). */
    public static List<Row> run(MiddleburyScene scene, List<Configuration> configurations, boolean warmUp) {
        return run(scene, null, configurations, warmUp);
    }

    /** The same on the scene as seen through a camera defect (null = the clean scene). */
    public static List<Row> run(MiddleburyScene scene, CameraDefect defect, List<Configuration> configurations,
                                boolean warmUp) {
        Mat[] pair = defect == null ? new Mat[] {scene.left(), scene.right()}
                : defect.apply(scene.left(), scene.right());
        List<Row> rows = new ArrayList<>();
        try {
            for (Configuration c : configurations) {
                try (DisparityMatcher m = c.factory().apply(scene)) {
                    if (warmUp) {
                        m.compute(pair[0], pair[1]).close();
                    }
                    long t0 = System.nanoTime();
                    DisparityMap map = m.compute(pair[0], pair[1]);
                    double ms = (System.nanoTime() - t0) / 1e6;
                    try (map) {
                        DisparityMetrics dm = DisparityMetrics.measure(map.disparity(), scene.groundTruth(),
                                scene.nonOccluded());
                        int range = m instanceof RangedMatcher r ? r.numDisparities() : 0;
                        rows.add(new Row(scene.name(), c.name(), range, dm, ms,
                                Sparsification.measure(map, scene.groundTruth(), scene.nonOccluded()),
                                map.coverage()));
                    }
                }
            }
        } finally {
            if (defect != null) {
                pair[0].release();
                pair[1].release();
            }
        }
        return rows;
    }

    /** Mean of each column over the rows of one configuration. */
    public static Row mean(List<Row> rows, String configuration) {
        double b1 = 0, b2 = 0, b4 = 0, epe = 0, dens = 0, ms = 0, c50 = 0, c90 = 0, meas = 0, fill = 0;
        int n = 0;
        long px = 0;
        for (Row r : rows) {
            if (!r.configuration().equals(configuration)) {
                continue;
            }
            n++;
            b1 += r.metrics().bad1();
            b2 += r.metrics().bad2();
            b4 += r.metrics().bad4();
            epe += r.metrics().epe();
            dens += r.metrics().density();
            ms += r.millis();
            px += r.metrics().evaluatedPixels();
            c50 += r.confident().bad2Best50();
            c90 += r.confident().bad2Best90();
            meas += r.coverage().measured();
            fill += r.coverage().filled();
        }
        return new Row("mean", configuration, 0, new DisparityMetrics(b1 / n, b2 / n, b4 / n, epe / n, dens / n, px),
                ms / n, new Sparsification(c50 / n, c90 / n), new DisparityMap.Coverage(meas / n, fill / n));
    }
}
