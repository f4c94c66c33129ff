package io.github.stereostation.pipeline;

import io.github.stereostation.depth.BareOpenCvMatcher;
import io.github.stereostation.depth.DisparityMatcher;
import io.github.stereostation.depth.Preset;
import org.opencv.core.Mat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Each preset's matcher against bare OpenCV doing the same matching ({@link BareOpenCvMatcher}: the preset's
 * OpenCV call at its working resolution and range, nothing else), like for like: one process, the same
 * frames, rows interleaved frame by frame (every round hands one frame to every row, in an order that rotates
 * from round to round) so that load from other processes falls on all rows alike. Per row the median time over
 * the rounds; the ratio is the median of the per-round ratios preset time / bare time.
 */
public final class MatcherBenchmark {

    /**
     * One preset and its baseline.
     *
     * @param preset      the preset's name
     * @param bare        what the bare OpenCV row does, e.g. "StereoSGBM 3way 320x240, 64 disparities, block 3"
     * @param presetMillis median time per frame of the preset's matcher
     * @param bareMillis  median time per frame of the bare OpenCV call
     * @param ratio       median over rounds of preset time / bare time
     */
    public record Row(String preset, String bare, double presetMillis, double bareMillis, double ratio) {
    }

    /** The measurement with what was compared. */
    public record Table(int width, int height, int disparities, int rounds, int cores, List<Row> rows) {

        /** What the table compares and how, for the line above it. */
        public String header() {
            return String.format(Locale.ROOT, "matcher: each preset against bare OpenCV doing the same matching (the "
                    + "preset's StereoSGBM/StereoBM call with its parameters, at its working resolution and range, "
                    + "nothing else); %dx%d input, %d disparities at full resolution, %d cores; rows interleaved "
                    + "frame by frame, median of %d rounds; ratio = preset time / bare time (median of per-round "
                    + "ratios)", width, height, disparities, cores, rounds);
        }

        /** A Markdown table, ready to paste into the README. */
        public String markdown() {
            StringBuilder b = new StringBuilder();
            b.append("| preset | ms/frame | frames/s | bare OpenCV doing the same | bare ms/frame | bare frames/s | ratio |\n");
            b.append("| --- | ---: | ---: | --- | ---: | ---: | ---: |\n");
            for (Row r : rows) {
                b.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %s | %.1f | %.1f | %.2f |%n", r.preset(),
                        r.presetMillis(), 1000 / r.presetMillis(), r.bare(), r.bareMillis(), 1000 / r.bareMillis(),
                        r.ratio()));
            }
            return b.toString();
        }
    }

    private MatcherBenchmark() {
    }

    /**
     * Measures every preset against its baseline on {@code pairs} (cycled).
     *
     * @param disparities the full-resolution range every preset and baseline searches (presets get it set)
     * @param warmup      rounds run first and not counted
     */
    public static Table run(List<Preset> presets, List<Mat[]> pairs, int disparities, int rounds, int warmup) {
        if (presets.isEmpty() || pairs.isEmpty() || rounds < 1 || warmup < 0 || disparities <= 0) {
            throw new IllegalArgumentException("need presets, pairs, rounds >= 1, warmup >= 0, disparities > 0");
        }
        Mat first = pairs.get(0)[0];
        int w = first.cols();
        int h = first.rows();
        int n = presets.size();
        List<DisparityMatcher> ours = new ArrayList<>();
        List<BareOpenCvMatcher> bare = new ArrayList<>();
        try {
            for (Preset p : presets) {
                Preset ranged = p.withMatcher(p.matcher().withNumDisparities(disparities));
                ours.add(ranged.createMatcher());
                bare.add(BareOpenCvMatcher.forPreset(ranged, w, h, first.channels(), disparities));
            }
            double[][] oursMs = new double[n][rounds];
            double[][] bareMs = new double[n][rounds];
            for (int round = -warmup; round < rounds; round++) {
                Mat[] pair = pairs.get(Math.floorMod(round, pairs.size()));
                // 2n rows, started at a different row each round so no row always runs first
                for (int k = 0; k < 2 * n; k++) {
                    int row = Math.floorMod(k + round, 2 * n);
                    int i = row / 2;
                    long t0 = System.nanoTime();
                    if (row % 2 == 0) {
                        ours.get(i).compute(pair[0], pair[1]).close();
                    } else {
                        bare.get(i).compute(pair[0], pair[1]);
                    }
                    double ms = (System.nanoTime() - t0) / 1e6;
                    if (round >= 0) {
                        (row % 2 == 0 ? oursMs : bareMs)[i][round] = ms;
                    }
                }
            }
            List<Row> rows = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                double[] ratios = new double[rounds];
                for (int r = 0; r < rounds; r++) {
                    ratios[r] = oursMs[i][r] / bareMs[i][r];
                }
                rows.add(new Row(presets.get(i).name(), bare.get(i).describe(), median(oursMs[i]), median(bareMs[i]),
                        median(ratios)));
            }
            return new Table(w, h, disparities, rounds, Runtime.getRuntime().availableProcessors(), rows);
        } finally {
            ours.forEach(DisparityMatcher::close);
            bare.forEach(BareOpenCvMatcher::close);
        }
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int m = s.length / 2;
        return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
    }
}
