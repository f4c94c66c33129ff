package io.github.stereostation.io;

import io.github.stereostation.OpenCvNative;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.imgcodecs.Imgcodecs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImageFilesTest {
    @BeforeAll
    static void load() {
        OpenCvNative.load();
    }

    @Test
    void writesLosslessPngsOf8And16BitImages(@TempDir Path dir) throws IOException {
        for (int type : new int[]{CvType.CV_8UC3, CvType.CV_16UC1}) {
            Mat m = new Mat(37, 53, type);
            Core.randu(m, 0, type == CvType.CV_16UC1 ? 65535 : 255);
            Path f = dir.resolve("img" + type + ".png");
            ImageFiles.writePng(f, m);
            Mat back = Imgcodecs.imread(f.toString(), Imgcodecs.IMREAD_UNCHANGED);
            assertThat(back.type()).isEqualTo(type);
            Mat diff = new Mat();
            Core.absdiff(m, back, diff);
            assertThat(Core.norm(diff, Core.NORM_INF)).isZero();
            m.release();
            back.release();
            diff.release();
        }
    }

    @Test
    void anImageThatCannotBeEncodedLeavesTheOldFileAndNoTempFile(@TempDir Path dir) throws IOException {
        Path f = Files.writeString(dir.resolve("keep.png"), "old content");
        Mat empty = new Mat();
        assertThatThrownBy(() -> ImageFiles.writePng(f, empty)).isInstanceOf(IOException.class)
                .hasMessageContaining("keep.png");
        // 64-bit floats with 2 channels have no PNG form either
        Mat doubles = new Mat(4, 4, CvType.CV_64FC2);
        assertThatThrownBy(() -> ImageFiles.writePng(f, doubles)).isInstanceOf(IOException.class);
        assertThat(Files.readString(f)).isEqualTo("old content");
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.toList()).containsExactly(f);
        }
    }
}
