package io.github.stereostation.depth;

import io.github.stereostation.OpenCvNative;
import io.github.stereostation.UserInputException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfInt;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PhotoFileTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void opencv() {
        OpenCvNative.load();
    }

    @Test
    void aHugeJpegIsDecodedAtReducedSizeWithANote() {
        // 8000x6000 = 48 MP, over the 16 MP limit: decoded straight at 1/2 (12 MP), never at full size.
        Mat big = new Mat(6000, 8000, CvType.CV_8UC3, new Scalar(30, 120, 200));
        Path file = dir.resolve("huge.jpg");
        Imgcodecs.imwrite(file.toString(), big, new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, 80));
        big.release();
        try (PhotoFile photo = PhotoFile.read(file)) {
            assertThat(photo.bgr().cols()).isEqualTo(4000);
            assertThat(photo.bgr().rows()).isEqualTo(3000);
            assertThat(photo.note()).contains("8000x6000").contains("1/2");
        }
    }

    @Test
    void aPhotoOverTheLimitIsShrunkBelowIt() {
        Mat img = new Mat(480, 640, CvType.CV_8UC3, new Scalar(1, 2, 3));
        Path file = dir.resolve("p.png");
        Imgcodecs.imwrite(file.toString(), img);
        img.release();
        try (PhotoFile photo = PhotoFile.read(file, 50_000)) {
            assertThat((long) photo.bgr().cols() * photo.bgr().rows()).isLessThanOrEqualTo(50_000);
            assertThat(photo.bgr().cols() * 3).isEqualTo(photo.bgr().rows() * 4); // aspect kept
            assertThat(photo.note()).contains("640x480");
        }
        try (PhotoFile photo = PhotoFile.read(file)) {
            assertThat(photo.bgr().cols()).isEqualTo(640);
            assertThat(photo.note()).isEmpty();
        }
    }

    @Test
    void aFileThatIsNoImageIsNamed() throws IOException {
        Path file = dir.resolve("face.png");
        Files.writeString(file, "not an image at all");
        assertThatThrownBy(() -> PhotoFile.read(file))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("cannot decode");
        assertThatThrownBy(() -> PhotoFile.read(dir.resolve("absent.jpg")))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("absent.jpg: photo not found");
    }
}
