package io.github.stereostation.cli;

import io.github.stereostation.OpenCvNative;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.core.Core;
import org.opencv.imgcodecs.Imgcodecs;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every user mistake gives exit code 2, one line naming the file or option, and no output file. */
class DepthCommandsBadInputTest {

    @BeforeAll
    static void load() {
        OpenCvNative.load();
    }

    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cl = StereoStation.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    static Path noise(Path file, int w, int h, long seed) {
        Mat m = new Mat(h, w, CvType.CV_8UC3);
        Core.setRNGSeed((int) seed);
        Core.randu(m, 0, 256);
        Imgcodecs.imwrite(file.toString(), m);
        m.release();
        return file;
    }

    static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    static void assertOneLineError(Result r, String... mentions) {
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        String line = r.err().strip();
        assertThat(line.lines().count()).as(line).isEqualTo(1);
        for (String m : mentions) {
            assertThat(line).contains(m);
        }
    }

    @Test
    void missingNonImageAndMismatchedInputsAreNamedAndLeaveNoOutput(@TempDir Path tmp) throws IOException {
        Path out = Files.createDirectory(tmp.resolve("out"));
        Path left = noise(tmp.resolve("left.png"), 96, 64, 1);
        Path right = noise(tmp.resolve("right.png"), 96, 64, 2);
        Path small = noise(tmp.resolve("small.png"), 80, 64, 3);
        Path text = Files.writeString(tmp.resolve("notes.png"), "this is not an image");

        assertOneLineError(run("disparity", left.toString(), tmp.resolve("nope.png").toString(), "-o", out.toString()),
                "nope.png", "not found");
        assertOneLineError(run("disparity", text.toString(), right.toString(), "-o", out.toString()),
                "notes.png", "not an image");
        assertOneLineError(run("disparity", left.toString(), small.toString(), "-o", out.toString()),
                "small.png", "80x64", "96x64");
        assertOneLineError(run("disparity", left.toString(), right.toString(), "-o", out.toString(),
                "--num-disparities", "128"), "--max-disparity", "width 96");
        assertOneLineError(run("disparity", left.toString(), right.toString(), "-o", out.toString(),
                "--block-size", "4"), "--block-size: block size 4 must be odd");
        assertOneLineError(run("disparity", left.toString(), right.toString(), "-o", out.toString(),
                "--matcher", "bm", "--block-size", "3"), "--block-size: block size 3", "between 5 and 255");
        assertOneLineError(run("disparity", left.toString(), right.toString(), "-o", out.toString(),
                "--matcher", "census"), "--matcher", "bm, sgbm");
        assertThat(files(out)).isEmpty();
    }

    @Test
    void goodPairWritesGreyColourAndLosslessDisparity(@TempDir Path tmp) throws IOException {
        Path left = noise(tmp.resolve("left.png"), 160, 96, 4);
        Path right = noise(tmp.resolve("right.png"), 160, 96, 5);
        Result r = run("disparity", left.toString(), right.toString(), "-o", tmp.toString(), "--name", "d",
                "--num-disparities", "32");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Files.exists(tmp.resolve("d.png"))).isTrue();
        assertThat(Files.exists(tmp.resolve("d-colour.png"))).isTrue();
        assertThat(Files.exists(tmp.resolve("d.pfm"))).isTrue();
        Mat grey = Imgcodecs.imread(tmp.resolve("d.png").toString(), Imgcodecs.IMREAD_UNCHANGED);
        assertThat(grey.channels()).isEqualTo(1);
        Mat colour = Imgcodecs.imread(tmp.resolve("d-colour.png").toString(), Imgcodecs.IMREAD_UNCHANGED);
        assertThat(colour.channels()).isEqualTo(3);
        assertThat(files(tmp)).noneMatch(p -> p.getFileName().toString().endsWith(".tmp"));
    }

    @Test
    void disparityHonoursTheStationSettingsFile(@TempDir Path tmp) throws IOException {
        Path left = noise(tmp.resolve("left.png"), 160, 96, 8);
        Path right = noise(tmp.resolve("right.png"), 160, 96, 9);
        Path settings = Files.writeString(tmp.resolve("station.yaml"),
                "matcher:\n  preset: fast\n  algorithm: sgbm\n  maxDisparity: 40\n  blockSize: 0\n");
        Result r = run("disparity", left.toString(), right.toString(), "-o", tmp.toString(),
                "--config", settings.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("fast, range 48 px");
        // the command line wins over the file
        r = run("disparity", left.toString(), right.toString(), "-o", tmp.toString(), "--config",
                settings.toString(), "--preset", "balanced", "--max-disparity", "20");
        assertThat(r.out()).startsWith("balanced, range 32 px");
        Files.writeString(settings, "matcher:\n  preset: turbo\n");
        assertOneLineError(run("disparity", left.toString(), right.toString(), "-o", tmp.toString(),
                "--config", settings.toString()), "turbo", "fast, balanced, none");
    }

    @Test
    void evalNamesBadGroundTruthFiles(@TempDir Path tmp) throws IOException {
        Path scene = Files.createDirectory(tmp.resolve("scene"));
        noise(scene.resolve("im0.png"), 96, 64, 6);
        noise(scene.resolve("im1.png"), 96, 64, 7);
        // ground truth of the wrong size
        Mat gt = new Mat(60, 96, CvType.CV_32F, new Scalar(5));
        io.github.stereostation.depth.Pfm.write(scene.resolve("disp0GT.pfm"), gt);
        Path csv = tmp.resolve("table.csv");
        assertOneLineError(run("eval", scene.toString(), "--out", csv.toString()), "disp0GT.pfm", "96x60", "96x64");
        // malformed PFM
        Files.writeString(scene.resolve("disp0GT.pfm"), "Pf\n96 64\n-1.0\nshort");
        assertOneLineError(run("eval", scene.toString(), "--out", csv.toString()), "disp0GT.pfm", "truncated");
        Files.writeString(scene.resolve("disp0GT.pfm"), "P6\n96 64\n255\n");
        assertOneLineError(run("eval", scene.toString(), "--out", csv.toString()), "disp0GT.pfm", "Pf");
        // a folder without scenes
        assertOneLineError(run("eval", tmp.resolve("nothing").toString()), "nothing", "not a folder");
        assertThat(Files.exists(csv)).isFalse();
    }

    @Test
    void helpDescribesEveryOption() {
        for (String cmd : List.of("disparity", "eval")) {
            Result r = run(cmd, "--help");
            assertThat(r.code()).isZero();
            assertThat(r.out()).contains("--matcher", "--max-disparity", "--block-size", "--num-disparities");
            var spec = StereoStation.commandLine().getSubcommands().get(cmd).getCommandSpec();
            spec.options().forEach(o -> assertThat(String.join(" ", o.description())).as(o.longestName())
                    .hasSizeGreaterThan(10));
            spec.positionalParameters().forEach(p -> assertThat(String.join(" ", p.description()))
                    .as(p.paramLabel()).hasSizeGreaterThan(10));
        }
    }
}
