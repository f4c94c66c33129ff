package io.github.stereostation.cli;

import io.github.stereostation.OpenCvNative;
import io.github.stereostation.SharedData;
import io.github.stereostation.cloud.PcdReader;
import io.github.stereostation.cloud.PlyReader;
import io.github.stereostation.cloud.PointCloud;
import io.github.stereostation.cloud.TriangleMesh;
import io.github.stereostation.depth.MiddleburyCalib;
import io.github.stereostation.depth.Pfm;
import io.github.stereostation.SharedData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Mat;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class CloudCommandTest {

    @BeforeAll
    static void load() {
        OpenCvNative.load();
    }

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cl = StereoStation.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void groundTruthDisparityAndCalibTxtGiveTheMetricCloudInEveryFormat(@TempDir Path dir) {
        Path scene = SharedData.scene("motorcycle");
        Path ply = dir.resolve("moto.ply");
        Run r = run("cloud", scene.resolve("im0.png").toString(), "--disparity", scene.resolve("disp0GT.pfm").toString(),
                "--calib-txt", scene.resolve("calib.txt").toString(), "--out", ply.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("wrote " + ply);

        Mat gt = Pfm.read(scene.resolve("disp0GT.pfm"));
        float[] d = new float[gt.cols() * gt.rows()];
        gt.get(0, 0, d);
        MiddleburyCalib calib = MiddleburyCalib.read(scene.resolve("calib.txt"));
        PointCloud cloud = PlyReader.read(ply).vertices();
        long finite = 0;
        int k = 0;
        double worst = 0;
        for (float v : d) {
            if (Float.isFinite(v) && k < cloud.size()) {
                // points come out in row-major pixel order, one per finite GT disparity
                double z = calib.baselineMm() * calib.focalPx() / (v + calib.doffsPx()) / 1000;
                worst = Math.max(worst, Math.abs(cloud.positions()[3 * k + 2] - z) / z);
                k++;
            }
            finite += Float.isFinite(v) ? 1 : 0;
        }
        assertThat(worst).isLessThan(1e-6);
        assertThat(cloud.size()).isEqualTo(finite);
        assertThat(cloud.hasColors()).isTrue();

        // the same through PCD with a depth window: only points between 3 and 4 m remain
        Path pcd = dir.resolve("moto.pcd");
        r = run("cloud", scene.resolve("im0.png").toString(), "--disparity", scene.resolve("disp0GT.pfm").toString(),
                "--calib-txt", scene.resolve("calib.txt").toString(), "--out", pcd.toString(), "--min-depth", "3", "--max-depth", "4");
        assertThat(r.exit()).as(r.err()).isZero();
        PointCloud window = PcdReader.read(pcd);
        long expected = 0;
        for (float v : d) {
            double z = calib.depthMetres(v);
            expected += Float.isFinite(v) && z >= 3 && z <= 4 ? 1 : 0;
        }
        assertThat(window.size()).isEqualTo(expected);

        // a mesh as binary PLY with faces, and as GLB
        Path meshPly = dir.resolve("moto-mesh.ply");
        r = run("cloud", scene.resolve("im0.png").toString(), "--disparity", scene.resolve("disp0GT.pfm").toString(),
                "--calib-txt", scene.resolve("calib.txt").toString(), "--out", meshPly.toString(), "--mesh");
        assertThat(r.exit()).as(r.err()).isZero();
        TriangleMesh mesh = PlyReader.read(meshPly);
        assertThat(mesh.vertices().size()).isLessThanOrEqualTo((int) finite).isGreaterThan((int) (0.95 * finite));
        assertThat(java.util.Arrays.stream(mesh.triangles()).distinct().count()).as("every vertex in a triangle")
                .isEqualTo(mesh.vertices().size());
        assertThat(mesh.triangleCount()).isGreaterThan((int) finite); // close to 2 per pixel on a dense map
        r = run("cloud", scene.resolve("im0.png").toString(), "--disparity", scene.resolve("disp0GT.pfm").toString(),
                "--calib-txt", scene.resolve("calib.txt").toString(), "--out", dir.resolve("m.glb").toString(), "--mesh");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(dir.resolve("m.glb")).isNotEmptyFile();
    }

    @Test
    void matchingThePairLandsCloseToTheGroundTruthDepth(@TempDir Path dir) {
        Path scene = SharedData.scene("motorcycle");
        Path ply = dir.resolve("matched.ply");
        Run r = run("cloud", scene.resolve("im0.png").toString(), scene.resolve("im1.png").toString(),
                "--calib-txt", scene.resolve("calib.txt").toString(), "--out", ply.toString(), "--outliers", "16,2");
        assertThat(r.exit()).as(r.err()).isZero();
        PointCloud cloud = PlyReader.read(ply).vertices();
        // compare each point's depth with the GT depth at its pixel: re-project to find the pixel
        MiddleburyCalib calib = MiddleburyCalib.read(scene.resolve("calib.txt"));
        Mat gt = Pfm.read(scene.resolve("disp0GT.pfm"));
        int w = gt.cols(), h = gt.rows();
        float[] d = new float[w * h];
        gt.get(0, 0, d);
        float[] p = cloud.positions();
        double[] rel = new double[cloud.size()];
        int n = 0;
        for (int i = 0; i < cloud.size(); i++) {
            int x = (int) Math.round(p[3 * i] * calib.focalPx() / p[3 * i + 2] + calib.cx0Px());
            int y = (int) Math.round(p[3 * i + 1] * calib.focalPx() / p[3 * i + 2] + calib.cyPx());
            if (x >= 0 && x < w && y >= 0 && y < h && Float.isFinite(d[y * w + x])) {
                double z = calib.depthMetres(d[y * w + x]);
                rel[n++] = Math.abs(p[3 * i + 2] - z) / z;
            }
        }
        double[] sorted = Arrays.copyOf(rel, n);
        Arrays.sort(sorted);
        double median = sorted[n / 2];
        double within1pct = Arrays.stream(sorted).filter(v -> v < 0.01).count() / (double) n;
        System.out.printf("cloud from matched motorcycle: %d points, median depth error %.3f %%, %.1f %% within 1 %%%n",
                cloud.size(), 100 * median, 100 * within1pct);
        assertThat(n).isGreaterThan(w * h / 3);
        assertThat(median).isLessThan(0.01);
    }

    @Test
    void badInputIsOneLineAndExitCode2(@TempDir Path dir) throws Exception {
        Path scene = SharedData.scene("motorcycle");
        String im0 = scene.resolve("im0.png").toString(), calib = scene.resolve("calib.txt").toString();
        String disp = scene.resolve("disp0GT.pfm").toString();
        // an output folder that does not exist yet is made, as every command does
        Run missingFolder = run("cloud", im0, "--disparity", disp, "--calib-txt", calib, "--out",
                dir.resolve("new-folder").resolve("c.ply").toString());
        assertThat(missingFolder.exit()).as(missingFolder.err()).isZero();
        assertThat(dir.resolve("new-folder").resolve("c.ply")).isNotEmptyFile();
        java.nio.file.Files.delete(dir.resolve("new-folder").resolve("c.ply"));
        java.nio.file.Files.delete(dir.resolve("new-folder"));
        Path taken = java.nio.file.Files.createDirectories(dir.resolve("taken.ply"));
        Run folder = run("cloud", im0, "--disparity", disp, "--calib-txt", calib, "--out", taken.toString());
        assertThat(folder.exit()).isEqualTo(2);
        assertThat(folder.err()).contains("taken.ply").contains("is a folder");
        assertThat(folder.err().strip().lines().count()).isEqualTo(1);
        java.nio.file.Files.delete(taken);

        Run badExt = run("cloud", im0, "--disparity", disp, "--calib-txt", calib, "--out", dir.resolve("c.xyz").toString());
        assertThat(badExt.exit()).isEqualTo(2);
        assertThat(badExt.err()).contains("c.xyz");

        Run pcdMesh = run("cloud", im0, "--disparity", disp, "--calib-txt", calib, "--out", dir.resolve("c.pcd").toString(), "--mesh");
        assertThat(pcdMesh.exit()).isEqualTo(2);
        assertThat(pcdMesh.err()).contains("--mesh");

        Path small = dir.resolve("small.pfm");
        Mat m = new Mat(10, 10, org.opencv.core.CvType.CV_32F, new org.opencv.core.Scalar(5));
        Pfm.write(small, m);
        Run mismatch = run("cloud", im0, "--disparity", small.toString(), "--calib-txt", calib, "--out", dir.resolve("c.ply").toString());
        assertThat(mismatch.exit()).isEqualTo(2);
        assertThat(mismatch.err()).contains("small.pfm").contains("10x10");

        Path nonMetric = dir.resolve("calib.txt");
        Files.writeString(nonMetric, "width=741\nheight=500\nndisp=64\n");
        Run noMetric = run("cloud", im0, "--disparity", disp, "--calib-txt", nonMetric.toString(), "--out", dir.resolve("c.ply").toString());
        assertThat(noMetric.exit()).isEqualTo(2);
        assertThat(noMetric.err()).contains("no metric calibration");

        Run empty = run("cloud", im0, "--disparity", disp, "--calib-txt", calib, "--out", dir.resolve("c.ply").toString(),
                "--min-depth", "50", "--max-depth", "60");
        assertThat(empty.exit()).isEqualTo(2);
        assertThat(empty.err()).contains("no point survived");

        for (String[] bad : new String[][]{{"--outliers", "16"}, {"--outliers", "x,2"}, {"--radius-outliers", "0.02,-1"},
                {"--voxel", "0"}, {"--alpha", "2"}, {"--min-depth", "5", "--max-depth", "4"}}) {
            String[] args = java.util.stream.Stream.concat(java.util.stream.Stream.of("cloud", im0, "--disparity", disp,
                    "--calib-txt", calib, "--out", dir.resolve("c.ply").toString()), Arrays.stream(bad)).toArray(String[]::new);
            Run r = run(args);
            assertThat(r.exit()).as(String.join(" ", bad)).isEqualTo(2);
            assertThat(r.err()).contains(bad[0]);
        }

        Run both = run("cloud", im0, "--disparity", disp, "--calib-txt", calib, "--calibration", calib, "--out", "x.ply");
        assertThat(both.exit()).isEqualTo(2);
        Run noRight = run("cloud", im0, "--calib-txt", calib, "--out", dir.resolve("c.ply").toString());
        assertThat(noRight.exit()).isEqualTo(2);
        assertThat(noRight.err()).contains("RIGHT");
        try (var left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString()).sorted()).containsExactly("calib.txt", "small.pfm");
        }
    }

    @Test
    void helpDescribesEveryOption() {
        Run r = run("cloud", "--help");
        assertThat(r.exit()).isZero();
        for (String opt : new String[]{"--calibration", "--calib-txt", "--out", "--format", "--mesh", "--disparity",
                "--rectified", "--min-depth", "--max-depth", "--outliers", "--voxel", "--view", "METRES"}) {
            assertThat(r.out()).contains(opt);
        }
    }
}
