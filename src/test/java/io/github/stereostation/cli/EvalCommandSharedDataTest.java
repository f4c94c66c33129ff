package io.github.stereostation.cli;

import io.github.stereostation.OpenCvNative;
import io.github.stereostation.SharedData;
import io.github.stereostation.depth.DisparityRangeEstimator;
import io.github.stereostation.depth.MiddleburyScene;
import io.github.stereostation.depth.Pfm;
import io.github.stereostation.SharedData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.calib3d.StereoSGBM;
import org.opencv.core.Mat;
import org.opencv.imgcodecs.Imgcodecs;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** eval on the real Middlebury scenes, checked against a separate, plain computation of the same metrics. */
class EvalCommandSharedDataTest {

    @BeforeAll
    static void load() {
        OpenCvNative.load();
    }

    static int run(StringWriter out, StringWriter err, String... args) {
        var cl = StereoStation.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    /** CSV rows keyed by scene name: {bad1, bad2, bad4, epe, density}. */
    static Map<String, double[]> readCsv(Path csv) throws Exception {
        Map<String, double[]> rows = new HashMap<>();
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).startsWith("scene,configuration,ndisp,bad1,bad2,bad4,epe,density");
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            rows.put(f[0], new double[]{Double.parseDouble(f[3]), Double.parseDouble(f[4]), Double.parseDouble(f[5]),
                    Double.parseDouble(f[6]), Double.parseDouble(f[7])});
        }
        return rows;
    }

    @Test
    void stockSgbmNumbersAgreeWithAnIndependentComputation(@TempDir Path tmp) throws Exception {
        Path gtRoot = SharedData.stereoGt();
        List<String> names = List.of("tsukuba", "venus", "cones");
        for (String n : names) {
            SharedData.scene(n);
        }
        Path csv = tmp.resolve("table.csv");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        // stock OpenCV sample parameters, no post-filtering, range from calib.txt
        int code = run(out, err, "eval", "--preset", "none", "--matcher", "sgbm", "--mode", "3way",
                "--block-size", "3", "--uniqueness", "10", "--speckle-window", "100", "--speckle-range", "32",
                "--range", "calib", "--out", csv.toString(),
                gtRoot.resolve("tsukuba").toString(), gtRoot.resolve("venus").toString(),
                gtRoot.resolve("cones").toString());
        assertThat(code).as(err.toString()).isZero();
        Map<String, double[]> table = readCsv(csv);

        for (String name : names) {
            Path dir = gtRoot.resolve(name);
            Mat left = Imgcodecs.imread(dir.resolve("im0.png").toString(), Imgcodecs.IMREAD_COLOR);
            Mat right = Imgcodecs.imread(dir.resolve("im1.png").toString(), Imgcodecs.IMREAD_COLOR);
            int ndisp = 0;
            for (String line : Files.readAllLines(dir.resolve("calib.txt"))) {
                if (line.startsWith("ndisp=")) {
                    ndisp = Integer.parseInt(line.substring(6).trim());
                }
            }
            int numDisp = (ndisp + 15) / 16 * 16;
            StereoSGBM sgbm = StereoSGBM.create(0, numDisp, 3, 8 * 3 * 9, 32 * 3 * 9, 1, 63, 10, 100, 32,
                    StereoSGBM.MODE_SGBM_3WAY);
            Mat raw = new Mat();
            sgbm.compute(left, right, raw);
            short[] fixed = new short[(int) raw.total()];
            raw.get(0, 0, fixed);
            float[] gt = new float[fixed.length];
            Pfm.read(dir.resolve("disp0GT.pfm")).get(0, 0, gt);
            byte[] mask = null;
            if (Files.exists(dir.resolve("mask0nocc.png"))) {
                Mat m = Imgcodecs.imread(dir.resolve("mask0nocc.png").toString(), Imgcodecs.IMREAD_GRAYSCALE);
                mask = new byte[fixed.length];
                m.get(0, 0, mask);
            }
            long evaluated = 0, valid = 0, b1 = 0, b2 = 0, b4 = 0;
            double err1 = 0;
            for (int i = 0; i < fixed.length; i++) {
                if (Float.isInfinite(gt[i]) || Float.isNaN(gt[i])) {
                    continue;
                }
                if (mask != null && (mask[i] & 0xff) != 255) {
                    continue;
                }
                evaluated++;
                if (fixed[i] < 0) { // OpenCV marks "no disparity" as (minDisparity - 1) * 16
                    b1++;
                    b2++;
                    b4++;
                    continue;
                }
                valid++;
                double e = Math.abs(fixed[i] / 16.0 - gt[i]);
                err1 += e;
                b1 += e > 1 ? 1 : 0;
                b2 += e > 2 ? 1 : 0;
                b4 += e > 4 ? 1 : 0;
            }
            double[] row = table.get(name);
            assertThat(row).as(name + " row in " + Files.readString(csv)).isNotNull();
            assertThat(row[0]).as(name + " bad-1").isCloseTo(100.0 * b1 / evaluated, within(0.01));
            assertThat(row[1]).as(name + " bad-2").isCloseTo(100.0 * b2 / evaluated, within(0.01));
            assertThat(row[2]).as(name + " bad-4").isCloseTo(100.0 * b4 / evaluated, within(0.01));
            assertThat(row[3]).as(name + " EPE").isCloseTo(err1 / valid, within(1e-3));
            assertThat(row[4]).as(name + " density").isCloseTo(100.0 * valid / evaluated, within(0.01));
            // a real stock matcher on real data: neither perfect nor broken
            assertThat(row[1]).isBetween(1.0, 40.0);
            raw.release();
            left.release();
            right.release();
        }
        assertThat(out.toString()).contains("tsukuba").contains("venus").contains("cones").contains("mean");
    }

    @Test
    void presetsMeetTheirTargetsAndNeverLoseToStockSgbmOnSmallScenes(@TempDir Path tmp) throws Exception {
        Path gtRoot = SharedData.stereoGt();
        String[] scenes = {"tsukuba", "venus", "cones"};
        for (String n : scenes) {
            SharedData.scene(n);
        }
        Path json = tmp.resolve("presets.json");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        // the range as the disparity command chooses it (estimated from the images), every preset in one run
        int code = run(out, err, "eval", "--preset", "none,fast,balanced", "--range", "auto",
                "--no-warm-up", "--out", json.toString(), gtRoot.resolve("tsukuba").toString(),
                gtRoot.resolve("venus").toString(), gtRoot.resolve("cones").toString());
        assertThat(code).as(err.toString()).isZero();
        var rows = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.toFile());
        Map<String, Double> bad2 = new HashMap<>();
        Map<String, Double> density = new HashMap<>();
        for (var r : rows) {
            String key = r.get("scene").asText() + "/" + r.get("configuration").asText();
            bad2.put(key, r.get("bad2").asDouble());
            density.put(key, r.get("density").asDouble());
        }
        assertThat(bad2.get("mean/balanced")).isLessThanOrEqualTo(10.0);
        // every pixel gets a disparity except deep inside large regions without texture (unknown, not guessed)
        assertThat(density.get("mean/balanced")).isGreaterThan(99.0);
        assertThat(bad2.get("mean/fast")).isLessThanOrEqualTo(14.0);
        // Part A's goal for the default `disparity` configuration (balanced, range from the images)
        assertThat(bad2.get("mean/balanced")).isLessThanOrEqualTo(16.0);
        for (String s : scenes) {
            for (String p : new String[]{"fast", "balanced"}) {
                assertThat(bad2.get(s + "/" + p)).as(s + " " + p + " vs stock SGBM")
                        .isLessThanOrEqualTo(bad2.get(s + "/none"));
            }
        }
        assertThat(out.toString()).contains("balanced").contains("fast").contains("mean");
    }

    @Test
    void estimatedRangeCoversTheGroundTruthWithoutWastingMuch() {
        for (Path dir : MiddleburyScene.sceneDirs(SharedData.stereoGt())) {
            try (MiddleburyScene s = MiddleburyScene.read(dir)) {
                float[] gt = new float[(int) s.groundTruth().total()];
                s.groundTruth().get(0, 0, gt);
                float[] finite = new float[gt.length];
                int n = 0;
                for (float v : gt) {
                    if (Float.isFinite(v)) {
                        finite[n++] = v;
                    }
                }
                java.util.Arrays.sort(finite, 0, n);
                float p99 = finite[(int) (0.99 * (n - 1))];
                float max = finite[n - 1];
                DisparityRangeEstimator.Estimate e = DisparityRangeEstimator.estimate(s.left(), s.right());
                assertThat(e.fallback()).as(s.name()).isFalse();
                assertThat(e.numDisparities() % 16).isZero();
                assertThat((double) e.numDisparities()).as(s.name() + " range vs GT 99th percentile " + p99)
                        .isGreaterThan(p99);
                assertThat((double) e.numDisparities()).as(s.name() + " range vs GT max " + max)
                        .isLessThanOrEqualTo(Math.max(max * 1.5, max + 32));
            }
        }
    }
}
