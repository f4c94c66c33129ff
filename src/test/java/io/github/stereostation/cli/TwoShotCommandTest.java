package io.github.stereostation.cli;

import io.github.stereostation.OpenCvNative;
import io.github.stereostation.SharedData;
import io.github.stereostation.calibration.UncalibratedRectifier;
import io.github.stereostation.depth.Pfm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Core;
import org.opencv.core.DMatch;
import org.opencv.core.KeyPoint;
import org.opencv.core.Mat;
import org.opencv.core.MatOfDMatch;
import org.opencv.core.MatOfKeyPoint;
import org.opencv.features2d.AKAZE;
import org.opencv.features2d.DescriptorMatcher;
import org.opencv.imgcodecs.Imgcodecs;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two-shot command on BoofCV's "mono wall" shots (one real camera moved sideways), replayed as the frames of
 * one camera: the replay first repeats the left shot (the camera has not moved yet), then shows the moved views.
 * Which frame is taken is known by construction; the rectified pair and the disparity are measured.
 * The @Timeout guards against a hang waiting for keys; it measures nothing.
 */
@Timeout(60)
class TwoShotCommandTest {
    private static final Path WALL = SharedData.DATA.resolve("pairs/boofcv_mono_wall");

    @TempDir
    Path tmp;

    @BeforeAll
    static void load() {
        OpenCvNative.load();
    }

    private record Run(int code, String out, String err) {
    }

    private static Run run(String keys, String... args) {
        TwoShotCommand cmd = new TwoShotCommand();
        cmd.keys = new ByteArrayInputStream(keys.getBytes(StandardCharsets.UTF_8));
        CommandLine cl = new CommandLine(cmd);
        cl.setExecutionExceptionHandler(new UserErrorHandler());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    /** A replay folder whose left* images are the given shots in order (right* partners are only there to pair). */
    private Path replay(String... shots) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("replay"));
        for (int i = 0; i < shots.length; i++) {
            String n = String.format("%02d.jpg", i + 1);
            Files.copy(WALL.resolve(shots[i]), dir.resolve("left" + n));
            Files.copy(WALL.resolve(shots[i]), dir.resolve("right" + n));
        }
        return dir;
    }

    private static Path wall() {
        return SharedData.require("pairs/boofcv_mono_wall");
    }

    private static boolean samePixels(Path a, Path b) {
        Mat x = Imgcodecs.imread(a.toString(), Imgcodecs.IMREAD_UNCHANGED);
        Mat y = Imgcodecs.imread(b.toString(), Imgcodecs.IMREAD_UNCHANGED);
        Mat diff = new Mat();
        try {
            if (x.empty() || y.empty() || !x.size().equals(y.size()) || x.type() != y.type()) {
                return false;
            }
            Core.absdiff(x, y, diff);
            return Core.sumElems(diff).val[0] + Core.sumElems(diff).val[1] + Core.sumElems(diff).val[2] == 0;
        } finally {
            x.release();
            y.release();
            diff.release();
        }
    }

    @Test
    void autoModeWaitsForTheSlideAndRectifiesTheRealPair() throws IOException {
        wall();
        Path src = replay("mono_wall_01.jpg", "mono_wall_01.jpg", "mono_wall_02.jpg", "mono_wall_03.jpg");
        Path out = tmp.resolve("out");
        Run r = run("", "--source", "replay:" + src, "--auto", "--out", out.toString());
        System.out.println(r.out());
        assertThat(r.code()).as(r.err()).isZero();
        // Frame 1 is the unmoved camera: the guide asks for more; frame 2 (the moved shot) is good and taken.
        assertThat(r.out()).contains("frame 1: Slide the camera further to the right").contains("frame 2: Good")
                .contains("Right view taken (frame 2)").doesNotContain("frame 3:");
        assertThat(samePixels(out.resolve("left.png"), WALL.resolve("mono_wall_01.jpg"))).isTrue();
        assertThat(samePixels(out.resolve("right.png"), WALL.resolve("mono_wall_02.jpg"))).isTrue();

        // Rows agree after rectification (features matched again in the written files), and did not before.
        Mat l = Imgcodecs.imread(out.resolve("left_rect.png").toString());
        Mat rr = Imgcodecs.imread(out.resolve("right_rect.png").toString());
        Mat l0 = Imgcodecs.imread(out.resolve("left.png").toString());
        Mat r0 = Imgcodecs.imread(out.resolve("right.png").toString());
        double before = UncalibratedRectifier.medianRowDifferencePx(l0, r0, UncalibratedRectifier.Features.AKAZE);
        double after = UncalibratedRectifier.medianRowDifferencePx(l, rr, UncalibratedRectifier.Features.AKAZE);

        // The disparity map agrees with the features' own x offsets in the rectified pair.
        Mat d = Pfm.read(out.resolve("disparity.pfm"));
        double[] agreement = disparityAgreement(l, rr, d);
        float[] all = new float[(int) d.total()];
        d.get(0, 0, all);
        long finite = 0;
        for (float v : all) {
            finite += Float.isFinite(v) ? 1 : 0;
        }
        double finiteFraction = finite / (double) all.length;
        System.out.printf("two-shot mono_wall 01->02: re-matched median |dy| before %.3f px, after %.3f px; "
                        + "disparity finite %.1f%%, %d features: median |map - feature dx| %.2f px, %.0f%% within 2 px%n",
                before, after, 100 * finiteFraction, (int) agreement[0], agreement[1], 100 * agreement[2]);
        try {
            assertThat(after).isLessThan(1.0);
            assertThat(before).isGreaterThan(after);
            assertThat(l.size()).isEqualTo(l0.size());
            assertThat(d.size()).isEqualTo(l.size());
            assertThat(finiteFraction).isGreaterThan(0.5);
            assertThat(agreement[0]).isGreaterThan(50);
            assertThat(agreement[1]).isLessThan(1.5);
        } finally {
            for (Mat m : new Mat[]{l, rr, l0, r0, d}) {
                m.release();
            }
        }
        for (String f : List.of("disparity.png", "disparity-colour.png", "report.txt")) {
            assertThat(out.resolve(f)).isRegularFile();
        }
        String report = Files.readString(out.resolve("report.txt"));
        assertThat(report).contains("RANSAC inliers").contains("median row error after rectification");
    }

    /**
     * {features compared, median |disparity map - feature dx|, fraction within 2 px} over AKAZE matches of the
     * rectified pair whose rows agree within 1 px and whose map value is finite.
     */
    private static double[] disparityAgreement(Mat left, Mat right, Mat disparity) {
        AKAZE akaze = AKAZE.create();
        MatOfKeyPoint k1 = new MatOfKeyPoint();
        MatOfKeyPoint k2 = new MatOfKeyPoint();
        Mat d1 = new Mat();
        Mat d2 = new Mat();
        Mat none = new Mat();
        List<MatOfDMatch> knn = new ArrayList<>();
        try {
            akaze.detectAndCompute(left, none, k1, d1);
            akaze.detectAndCompute(right, none, k2, d2);
            DescriptorMatcher.create(DescriptorMatcher.BRUTEFORCE_HAMMING).knnMatch(d1, d2, knn, 2);
            KeyPoint[] a = k1.toArray();
            KeyPoint[] b = k2.toArray();
            List<Double> err = new ArrayList<>();
            float[] v = new float[1];
            for (MatOfDMatch m : knn) {
                DMatch[] two = m.toArray();
                if (two.length < 2 || two[0].distance >= 0.7 * two[1].distance) {
                    continue;
                }
                KeyPoint p = a[two[0].queryIdx];
                KeyPoint q = b[two[0].trainIdx];
                if (Math.abs(p.pt.y - q.pt.y) > 1) {
                    continue;
                }
                disparity.get((int) Math.round(p.pt.y), (int) Math.round(p.pt.x), v);
                if (Float.isFinite(v[0])) {
                    err.add(Math.abs(v[0] - (p.pt.x - q.pt.x)));
                }
            }
            double[] e = err.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            long within = Arrays.stream(e).filter(x -> x <= 2).count();
            return new double[]{e.length, e.length == 0 ? Double.NaN : e[e.length / 2],
                    e.length == 0 ? 0 : within / (double) e.length};
        } finally {
            for (Mat m : new Mat[]{k1, k2, d1, d2, none}) {
                m.release();
            }
            knn.forEach(Mat::release);
        }
    }

    @Test
    void keysTakeTheOfferedFramesOfAReplay() throws IOException {
        wall();
        Path src = replay("mono_wall_01.jpg", "mono_wall_02.jpg", "mono_wall_03.jpg");
        Path out = tmp.resolve("out");
        // Enter: frame 0 is the left view; n: skip frame 1; Enter: frame 2 is the right view.
        Run r = run("\nn\n\n", "--source", "replay:" + src, "--out", out.toString(), "--features", "orb",
                "--preset", "fast");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Left view taken (frame 0)").contains("Right view taken (frame 2)");
        assertThat(samePixels(out.resolve("left.png"), WALL.resolve("mono_wall_01.jpg"))).isTrue();
        assertThat(samePixels(out.resolve("right.png"), WALL.resolve("mono_wall_03.jpg"))).isTrue();
        assertThat(out.resolve("disparity.pfm")).isRegularFile();
    }

    @Test
    void badInputIsOneLineAndExitCode2() throws IOException {
        Path out = tmp.resolve("never");
        Run none = run("", "--out", out.toString(), "--auto");
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err().strip()).startsWith("error: no camera: give --camera N").doesNotContain("\n");

        // No camera 99 here: a clear line, not a hang or a trace.
        Run missing = run("", "--camera", "99", "--out", out.toString(), "--auto");
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err().strip()).startsWith("error: --camera 99: ").doesNotContain("\n");

        Run both = run("", "--camera", "0", "--source", "replay:" + tmp, "--out", out.toString());
        assertThat(both.code()).isEqualTo(2);
        assertThat(both.err()).contains("--camera and --source: give one or the other");

        Run noFile = run("", "--source", "synthetic:fast", "--intrinsics", tmp.resolve("nope.yaml").toString(),
                "--out", out.toString(), "--auto");
        assertThat(noFile.code()).isEqualTo(2);
        assertThat(noFile.err()).contains("nope.yaml");

        // The synthetic rig's left camera never moves: --auto gives up after --timeout with the last guidance.
        Run still = run("", "--source", "synthetic:fast", "--width", "320", "--height", "240", "--auto",
                "--timeout", "0.5", "--out", out.toString());
        assertThat(still.code()).isEqualTo(2);
        assertThat(still.err()).contains("no right view taken within --timeout 0.5 s").contains("further to the right");
        assertThat(out).doesNotExist();
    }

    @Test
    void helpDescribesEveryOption() {
        Run help = run("", "--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("--camera", "--source", "--intrinsics", "--auto", "--out");
        var spec = StereoStation.commandLine().getSubcommands().get("two-shot").getCommandSpec();
        spec.options().forEach(o -> assertThat(String.join(" ", o.description())).as(o.longestName())
                .hasSizeGreaterThan(10));
    }

    @Test
    void aReplayThatNeverMovesEndsWithTheLastGuidance() throws IOException {
        wall();
        Path src = replay("mono_wall_01.jpg", "mono_wall_01.jpg");
        Path out = tmp.resolve("out");
        Run r = run("", "--source", "replay:" + src, "--auto", "--out", out.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("ended before a good right view was taken")
                .contains("further to the right");
        assertThat(out).doesNotExist();

        Run noKeys = run("", "--source", "replay:" + src, "--out", out.toString());
        assertThat(noKeys.code()).isEqualTo(2);
        assertThat(noKeys.err()).contains("standard input ended").contains("--auto");
    }
}
