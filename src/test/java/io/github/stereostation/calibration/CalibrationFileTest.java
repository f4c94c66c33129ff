package io.github.stereostation.calibration;

import io.github.stereostation.OpenCvNative;
import io.github.stereostation.UserInputException;
import io.github.stereostation.geometry.CameraIntrinsics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.CvException;
import org.opencv.core.Mat;
import org.opencv.features2d.ORB;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CalibrationFileTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void load() {
        OpenCvNative.load();
    }

    static StereoCalibration sample() {
        double a = Math.toRadians(1.5);
        double[] r = {Math.cos(a), 0, Math.sin(a), 0, 1, 0, -Math.sin(a), 0, Math.cos(a)};
        return new StereoCalibration(BoardSpec.chessboard(9, 6, 24.5),
                new CameraIntrinsics(640, 480, 612.25, 611.5, 321.7, 238.1, new double[]{-0.21, 0.08, 0.001, -0.0005, -0.01}),
                new CameraIntrinsics(640, 480, 615.0, 614.2, 318.4, 241.9, new double[]{-0.19, 0.05, 0.0002, 0.0007, 0.002}),
                r, new double[]{-60.123456789, 0.41, -0.3},
                new CalibrationQuality(17, 0.21, 0.23, 0.25, 0.11, 0.14, 0.52, 0.66, 0.71));
    }

    @Test
    void roundTripKeepsEveryValueExactly() throws Exception {
        Path f = tmp.resolve("rig.yaml");
        StereoCalibration cal = sample();
        cal.save(f);
        StereoCalibration back = StereoCalibration.load(f);
        assertThat(back).isEqualTo(cal);
        assertThat(back.baselineMm()).isEqualTo(cal.baselineMm());
        String text = Files.readString(f);
        assertThat(text).startsWith("%YAML:1.0\n---\n").contains("K1: !!opencv-matrix").contains("board: \"chess:9x6:24.5\"");
        // No temp file left beside it.
        try (var s = Files.list(tmp)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("rig.yaml");
        }
    }

    @Test
    void openCvsOwnFileStorageParserAcceptsTheFile() throws Exception {
        // Feature2D.read(path) opens the file with cv::FileStorage; a syntax error there throws.
        Path f = tmp.resolve("rig.yaml");
        sample().save(f);
        ORB.create().read(f.toString());
        Path broken = tmp.resolve("broken.yaml");
        Files.writeString(broken, "%YAML:1.0\n---\nK1: !!opencv-matrix\n   rows: [ 3\n");
        assertThatThrownBy(() -> ORB.create().read(broken.toString())).isInstanceOf(CvException.class);
    }

    @Test
    void truncatedFileIsAClearErrorNamingTheFile() throws Exception {
        Path f = tmp.resolve("rig.yaml");
        sample().save(f);
        byte[] all = Files.readAllBytes(f);
        for (int cut : new int[]{all.length / 3, all.length / 2, all.length - 40}) {
            Path t = tmp.resolve("cut" + cut + ".yaml");
            Files.write(t, java.util.Arrays.copyOf(all, cut));
            assertThatThrownBy(() -> StereoCalibration.load(t)).isInstanceOf(UserInputException.class)
                    .hasMessageContaining(t.toString()).hasMessageNotContaining("\n");
        }
    }

    @Test
    void handEditedFieldsAreRejectedWithTheFieldName() throws Exception {
        Path f = tmp.resolve("rig.yaml");
        sample().save(f);
        String text = Files.readString(f);
        String rotationLine = text.lines().dropWhile(l -> !l.equals("R: !!opencv-matrix")).skip(4).findFirst().orElseThrow();
        expectError(text.replace(rotationLine, "   data: [ 1, 0, 0, 0, 2, 0, 0, 0, 1 ]"), "'R'");
        expectError(text.replace(rotationLine, "   data: [ 1, 0, 0, 0, 1, 0, 0, 0 ]"), "'R'");
        expectError(text.replace("image_width: 640", "image_width: wide"), "'image_width'");
        expectError(text.replace("view_count: 17\n", ""), "'view_count'");
        expectError(text.replace("format_version: 1", "format_version: 9"), "format_version");
        expectError(text.replace("chess:9x6:24.5", "chess:9x6"), "'board'");
        expectError(text.replace("   rows: 3\n   cols: 3\n   dt: d\n   data: [ 612", "   rows: 3\n   cols: 2\n   dt: d\n   data: [ 612"), "'K1'");
        expectError(text.replace("%YAML:1.0", "hello"), "%YAML");
        expectError(text.replace("K2: !!opencv-matrix", "K2: [ unclosed"), "damaged YAML");
        expectError(text.replace("615.00", "-615.00"), "'K2'");
        expectError("", "%YAML");
        assertThatThrownBy(() -> StereoCalibration.load(tmp.resolve("missing.yaml")))
                .isInstanceOf(UserInputException.class).hasMessageContaining("no such file");
    }

    private void expectError(String content, String mentions) throws Exception {
        Path bad = tmp.resolve("edited.yaml");
        Files.writeString(bad, content, StandardCharsets.UTF_8);
        assertThatThrownBy(() -> StereoCalibration.load(bad)).isInstanceOf(UserInputException.class)
                .hasMessageContaining(bad.toString()).hasMessageContaining(mentions);
    }

    @Test
    void imagesOfAnotherSizeAreRefusedNotRectifiedIntoGarbage() {
        StereoCalibration cal = sample();
        assertThatThrownBy(() -> cal.requireImageSize(1280, 720, "camera 0"))
                .isInstanceOf(UserInputException.class).hasMessageContaining("1280x720").hasMessageContaining("640x480");
        try (Rectifier r = Rectifier.create(cal, 0)) {
            Mat big = new Mat(720, 1280, org.opencv.core.CvType.CV_8UC3);
            Mat out1 = new Mat();
            Mat out2 = new Mat();
            assertThatThrownBy(() -> r.rectify(big, big, out1, out2)).isInstanceOf(UserInputException.class)
                    .hasMessageContaining("1280x720");
            MatValues.release(big, out1, out2);
        }
    }

    @Test
    void failedSaveLeavesThePreviousFileUntouched() throws Exception {
        Path f = tmp.resolve("rig.yaml");
        sample().save(f);
        byte[] before = Files.readAllBytes(f);
        double[] nan = {Double.NaN, 0, 0};
        StereoCalibration broken = new StereoCalibration(sample().board(), sample().left(), sample().right(),
                sample().rotation(), nan, sample().quality());
        assertThatThrownBy(() -> broken.save(f)).isInstanceOf(RuntimeException.class);
        assertThat(Files.readAllBytes(f)).isEqualTo(before);
        try (var s = Files.list(tmp)) {
            assertThat(s.count()).isEqualTo(1);
        }
    }

    @Test
    void rosCameraInfoCarriesTheBaselineInMetres() throws Exception {
        StereoCalibration cal = sample();
        RosCameraInfo.write(cal, tmp, "rig");
        var yaml = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper();
        var left = yaml.readTree(tmp.resolve("rig_left.yaml").toFile());
        var right = yaml.readTree(tmp.resolve("rig_right.yaml").toFile());
        assertThat(left.get("image_width").asInt()).isEqualTo(640);
        assertThat(left.get("distortion_model").asText()).isEqualTo("plumb_bob");
        assertThat(left.at("/camera_matrix/data/0").asDouble()).isEqualTo(612.25, org.assertj.core.data.Offset.offset(1e-6));
        double fx = right.at("/projection_matrix/data/0").asDouble();
        double tx = right.at("/projection_matrix/data/3").asDouble();
        assertThat(-tx / fx).isCloseTo(cal.baselineMm() / 1000, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(left.at("/projection_matrix/data/3").asDouble()).isEqualTo(0.0);
    }
}
