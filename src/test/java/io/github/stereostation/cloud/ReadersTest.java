package io.github.stereostation.cloud;

import io.github.stereostation.UserInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReadersTest {

    @Test
    void readsForeignPlyLayoutsDoublesExtraPropertiesQuadsAndBigEndian(@TempDir Path dir) throws IOException {
        // as other tools write it: double coordinates, an extra property, a quad face, a foreign element
        String text = "ply\nformat ascii 1.0\ncomment from elsewhere\nelement vertex 4\nproperty double x\nproperty double y\n"
                + "property double z\nproperty float confidence\nproperty uchar red\nproperty uchar green\nproperty uchar blue\n"
                + "element face 1\nproperty list uchar int vertex_index\nelement camera 1\nproperty float f\nend_header\n"
                + "0 0 1 0.5 255 0 0\n1 0 1 0.5 0 255 0\n1 1 1 0.5 0 0 255\n0 1 1 0.5 9 9 9\n4 0 1 2 3\n500\n";
        Path ascii = dir.resolve("quad.ply");
        Files.writeString(ascii, text);
        TriangleMesh m = PlyReader.read(ascii);
        assertThat(m.vertices().positions()).containsExactly(0, 0, 1, 1, 0, 1, 1, 1, 1, 0, 1, 1);
        assertThat(m.vertices().colors()).containsExactly(new byte[]{(byte) 255, 0, 0, 0, (byte) 255, 0, 0, 0, (byte) 255, 9, 9, 9});
        assertThat(m.triangles()).containsExactly(0, 1, 2, 0, 2, 3);

        // big-endian binary with float xyz and no colour
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(24);
        b.putFloat(1.5f).putFloat(-2f).putFloat(3f).putFloat(4f).putFloat(5f).putFloat(6.25f);
        byte[] header = "ply\nformat binary_big_endian 1.0\nelement vertex 2\nproperty float x\nproperty float y\nproperty float z\nend_header\n"
                .getBytes(StandardCharsets.US_ASCII);
        Path be = dir.resolve("be.ply");
        byte[] all = Arrays.copyOf(header, header.length + 24);
        System.arraycopy(b.array(), 0, all, header.length, 24);
        Files.write(be, all);
        assertThat(PlyReader.read(be).vertices()).isEqualTo(new PointCloud(new float[]{1.5f, -2f, 3f, 4f, 5f, 6.25f}, null));
    }

    @Test
    void corruptOrTruncatedFilesAreUserErrorsNamingTheFile(@TempDir Path dir) throws IOException {
        Path notPly = dir.resolve("a.ply");
        Files.writeString(notPly, "hello\n");
        assertThatThrownBy(() -> PlyReader.read(notPly)).isInstanceOf(UserInputException.class)
                .hasMessageContaining("a.ply").hasMessageContaining("not a PLY");

        Path full = dir.resolve("full.ply");
        new PlyWriter(false).write(full, WritersTest.sample(100, true, 1));
        byte[] bytes = Files.readAllBytes(full);
        Path cut = dir.resolve("cut.ply");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length - 20));
        assertThatThrownBy(() -> PlyReader.read(cut)).isInstanceOf(UserInputException.class)
                .hasMessageContaining("cut.ply").hasMessageContaining("ends before");

        Path pcd = dir.resolve("full.pcd");
        new PcdWriter(true).write(pcd, WritersTest.sample(100, true, 1));
        String text = Files.readString(pcd);
        Path cutPcd = dir.resolve("cut.pcd");
        Files.writeString(cutPcd, text.substring(0, text.length() / 2));
        assertThatThrownBy(() -> PcdReader.read(cutPcd)).isInstanceOf(UserInputException.class).hasMessageContaining("cut.pcd");
        Path compressed = dir.resolve("c.pcd");
        Files.writeString(compressed, text.replace("DATA ascii", "DATA binary_compressed"));
        assertThatThrownBy(() -> PcdReader.read(compressed)).isInstanceOf(UserInputException.class)
                .hasMessageContaining("binary_compressed");
        assertThatThrownBy(() -> PcdReader.read(dir.resolve("missing.pcd"))).isInstanceOf(UserInputException.class)
                .hasMessageContaining("missing.pcd");
    }

    @Test
    void pcdAsciiColourWrittenAsAFloatByOlderToolsIsUnderstood(@TempDir Path dir) throws IOException {
        float packed = Float.intBitsToFloat(0x00102030);
        Path f = dir.resolve("old.pcd");
        Files.writeString(f, "VERSION .7\nFIELDS x y z rgb\nSIZE 4 4 4 4\nTYPE F F F F\nCOUNT 1 1 1 1\nWIDTH 1\nHEIGHT 1\n"
                + "POINTS 1\nDATA ascii\n1 2 3 " + packed + "\n");
        PointCloud c = PcdReader.read(f);
        assertThat(c.colors()).containsExactly(0x10, 0x20, 0x30);
    }
}
