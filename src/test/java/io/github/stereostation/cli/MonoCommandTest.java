package io.github.stereostation.cli;

import io.github.stereostation.OpenCvNative;
import io.github.stereostation.SharedData;
import io.github.stereostation.cloud.PlyReader;
import io.github.stereostation.cloud.TriangleMesh;
import io.github.stereostation.depth.OnnxTestModelsAccess;
import io.github.stereostation.depth.Pfm;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.imgcodecs.Imgcodecs;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class MonoCommandTest {

    static final Path FACE = SharedData.DATA.resolve("faces/astronaut.png");

    @TempDir
    Path dir;

    @BeforeAll
    static void opencv() {
        OpenCvNative.load();
    }

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        CommandLine cl = StereoStation.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private static boolean anyModelPresent() throws IOException {
        for (Path folder : new Path[]{Path.of("models"), SharedData.MODELS}) {
            if (Files.isDirectory(folder)) {
                try (Stream<Path> s = Files.list(folder)) {
                    if (s.anyMatch(p -> p.toString().endsWith(".onnx"))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    @Test
    void withoutAModelItNamesTheFileAndWhereToPutIt() throws IOException {
        Assumptions.assumeFalse(anyModelPresent(), "a real model is installed, so 'model missing' cannot be shown");
        Path photo = dir.resolve("p.png");
        Imgcodecs.imwrite(photo.toString(), new Mat(48, 64, CvType.CV_8UC3));
        Run r = run("mono", photo.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("models/model-small.onnx").contains("models/README.md");
    }

    @Test
    void aPhotoThatDoesNotDecodeIsExitTwo() throws IOException {
        Path bad = dir.resolve("face.jpg");
        Files.writeString(bad, "hello");
        Run r = run("mono", bad.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("face.jpg: cannot decode");
        Run missing = run("mono", bad.toString(), "--model", dir.resolve("nowhere.onnx").toString());
        assertThat(missing.code()).isEqualTo(2);
    }

    @Test
    void facePhotoToDepthImagesWithATestModel() throws IOException {
        SharedData.require("faces/astronaut.png");
        Path model = dir.resolve("depth_anything_v2_vits.onnx");
        Files.write(model, OnnxTestModelsAccess.linearDepth("h", "w", new float[]{0.3f, 0.6f, 0.1f}, 0f));
        Files.copy(Path.of("models", "depth_anything_v2_vits.yaml"), dir.resolve("depth_anything_v2_vits.yaml"));
        Path grey = dir.resolve("depth.png");
        Path colour = dir.resolve("colour.png");
        Path pfm = dir.resolve("inverse.pfm");
        Path ply = dir.resolve("face.ply");
        Run r = run("mono", FACE.toString(), "--model", model.toString(), "--threads", "1", "--fov", "50",
                "--depth-out", grey.toString(), "--colour-out", colour.toString(), "--inverse-out", pfm.toString(),
                "--out", ply.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("horizontal FOV 50.0 deg").contains("512x512");
        // The mesh file holds every point that survived edge removal, within the chosen near/far range.
        TriangleMesh mesh = PlyReader.read(ply);
        assertThat(mesh.vertices().size()).isGreaterThan(512 * 512 / 2).isLessThanOrEqualTo(512 * 512);
        assertThat(mesh.triangleCount()).isGreaterThan(mesh.vertices().size());
        assertThat(mesh.vertices().hasColors()).isTrue();
        float[] p = mesh.vertices().positions();
        for (int i = 2; i < p.length; i += 3) {
            assertThat(p[i]).isBetween(0.5f - 1e-4f, 1.5f + 1e-4f);
        }
        assertThat(r.out()).contains("wrote " + ply);

        // The classic face demo output: an OBJ textured with the photo, every 4th pixel.
        Path obj = dir.resolve("face.obj");
        Run textured = run("mono", FACE.toString(), "--model", model.toString(), "--threads", "1", "--step", "4",
                "--out", obj.toString(), "--texture");
        assertThat(textured.code()).as(textured.err()).isZero();
        assertThat(textured.out()).contains("grid step 4 px");
        assertThat(dir.resolve("face.mtl")).exists();
        Mat tex = Imgcodecs.imread(dir.resolve("face.png").toString());
        assertThat(tex.cols()).isEqualTo(512);
        long faces = Files.readAllLines(obj).stream().filter(l -> l.startsWith("f ")).count();
        assertThat(textured.out()).contains("mesh textured with the photo: " + faces + " triangles");
        assertThat(faces).isGreaterThan(5000);
        Run badTexture = run("mono", FACE.toString(), "--model", model.toString(), "--out", ply.toString(), "--texture");
        assertThat(badTexture.code()).isEqualTo(2);
        assertThat(badTexture.err()).contains("--texture: only an .obj mesh");
        Mat g = Imgcodecs.imread(grey.toString(), Imgcodecs.IMREAD_UNCHANGED);
        Mat c = Imgcodecs.imread(colour.toString(), Imgcodecs.IMREAD_UNCHANGED);
        Mat inv = Pfm.read(pfm);
        assertThat(g.cols()).isEqualTo(512);
        assertThat(g.type()).isEqualTo(CvType.CV_8UC1);
        assertThat(c.type()).isEqualTo(CvType.CV_8UC3);
        assertThat(inv.size()).isEqualTo(g.size());
        // The grey picture is the float map stretched to 0..255.
        Core.MinMaxLocResult mm = Core.minMaxLoc(inv);
        Mat expected = new Mat();
        inv.convertTo(expected, CvType.CV_8U, 255 / (mm.maxVal - mm.minVal), -255 * mm.minVal / (mm.maxVal - mm.minVal));
        Mat diff = new Mat();
        Core.absdiff(expected, g, diff);
        assertThat(Core.minMaxLoc(diff).maxVal).isLessThanOrEqualTo(1);
        assertThat(Core.minMaxLoc(g).maxVal - Core.minMaxLoc(g).minVal).isEqualTo(255);
    }
}
