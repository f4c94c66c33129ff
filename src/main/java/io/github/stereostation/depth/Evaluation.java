package io.github.stereostation.depth;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs named matcher configurations over Middlebury scenes and measures each result against ground truth.
 * Timing covers the whole compute() call (matching and any post-filtering), not reading files.
 */
public final class Evaluation {

    /** One measured run. */
    public record Row(String scene, String configuration, int numDisparities, DisparityMetrics metrics,
                      double millis) {
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
        List<Row> rows = new ArrayList<>();
        for (Configuration c : configurations) {
            try (DisparityMatcher m = c.factory().apply(scene)) {
                if (warmUp) {
                    m.compute(scene.left(), scene.right()).close();
                }
                long t0 = System.nanoTime();
                DisparityMap map = m.compute(scene.left(), scene.right());
                double ms = (System.nanoTime() - t0) / 1e6;
                try (map) {
                    DisparityMetrics dm = DisparityMetrics.measure(map.disparity(), scene.groundTruth(),
                            scene.nonOccluded());
                    int range = m instanceof RangedMatcher r ? r.numDisparities() : 0;
                    rows.add(new Row(scene.name(), c.name(), range, dm, ms));
                }
            }
        }
        return rows;
    }

    /** Mean of each column over the rows of one configuration. */
    public static Row mean(List<Row> rows, String configuration) {
        double b1 = 0, b2 = 0, b4 = 0, epe = 0, dens = 0, ms = 0;
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
        }
        return new Row("mean", configuration, 0, new DisparityMetrics(b1 / n, b2 / n, b4 / n, epe / n, dens / n, px),
                ms / n);
    }
}
