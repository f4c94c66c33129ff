package io.github.stereostation.depth;

import io.github.stereostation.OpenCvNative;
import io.github.stereostation.UserInputException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PfmTest {
    @BeforeAll
    static void load() {
        OpenCvNative.load();
    }

    @Test
    void roundTripsEveryValueIncludingInfinityAndRowOrder(@TempDir Path dir) throws Exception {
        int w = 7, h = 5;
        float[] v = new float[w * h];
        for (int i = 0; i < v.length; i++) {
            v[i] = i * 0.37f - 3f;
        }
        v[3] = Float.POSITIVE_INFINITY;
        Mat m = new Mat(h, w, CvType.CV_32F);
        m.put(0, 0, v);
        Path f = dir.resolve("d.pfm");
        Pfm.write(f, m);
        Mat back = Pfm.read(f);
        float[] r = new float[w * h];
        back.get(0, 0, r);
        assertThat(r).containsExactly(v);
        // bottom-to-top storage: the first stored float is the bottom-left pixel
        byte[] bytes = Files.readAllBytes(f);
        int header = ("Pf\n7 5\n-1.0\n").length();
        float first = java.nio.ByteBuffer.wrap(bytes, header, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getFloat();
        assertThat(first).isEqualTo(v[(h - 1) * w]);
        assertThat(dir.toFile().list()).containsExactly("d.pfm");
    }

    @Test
    void truncatedFileIsAClearError(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.pfm");
        Files.writeString(f, "Pf\n10 10\n-1.0\nabc");
        assertThatThrownBy(() -> Pfm.read(f)).isInstanceOf(UserInputException.class)
                .hasMessageContaining("bad.pfm").hasMessageContaining("truncated");
        Files.writeString(f, "P6\n10 10\n255\n");
        assertThatThrownBy(() -> Pfm.read(f)).isInstanceOf(UserInputException.class).hasMessageContaining("Pf");
    }

    @Test
    void writingIntoAMissingFolderMakesIt(@TempDir Path dir) throws Exception {
        Mat m = new Mat(2, 2, CvType.CV_32F, new org.opencv.core.Scalar(1.5));
        Pfm.write(dir.resolve("new/d.pfm"), m);
        Mat back = Pfm.read(dir.resolve("new/d.pfm"));
        assertThat(back.get(1, 1)[0]).isEqualTo(1.5);
        back.release();
        m.release();
    }
    @Test
    void writtenFilesAreReadableLikeAnyOtherAndKeepAReplacedFilesMode(@TempDir Path dir) throws Exception {
        Mat m = new Mat(2, 2, CvType.CV_32F);
        Path f = dir.resolve("d.pfm");
        Pfm.write(f, m);
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
                .isEqualTo("rw-r--r--");
        Files.setPosixFilePermissions(f, java.nio.file.attribute.PosixFilePermissions.fromString("rw-rw----"));
        Pfm.write(f, m);
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
                .isEqualTo("rw-rw----");
    }
}
