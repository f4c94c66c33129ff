package io.github.stereostation.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.stereostation.UserInputException;
import io.github.stereostation.io.AtomicFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WritersTest {

    /** Random points including awkward floats (tiny, negative zero, large) and every colour byte value. */
    static PointCloud sample(int n, boolean colour, long seed) {
        Random r = new Random(seed);
        float[] p = new float[3 * n];
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) (r.nextGaussian() * 3);
        }
        p[0] = -0.0f;
        p[1] = 1.0e-30f;
        p[2] = 123456.79f;
        byte[] c = null;
        if (colour) {
            c = new byte[3 * n];
            for (int i = 0; i < c.length; i++) {
                c[i] = (byte) (i * 7 + (i / 3));
            }
        }
        return new PointCloud(p, c);
    }

    static TriangleMesh sampleMesh() {
        OrganizedCloud g = GridMesherTest.grid(12, 9, x -> 900 + x * 3);
        return new GridMesher(0.05).mesh(g);
    }

    @Test
    void plyBinaryAndAsciiRoundTripCloudsAndMeshesExactly(@TempDir Path dir) throws IOException {
        for (CloudFormat f : List.of(CloudFormat.PLY, CloudFormat.PLY_ASCII)) {
            PointCloudWriter w = PointCloudWriter.of(f);
            for (boolean colour : new boolean[]{true, false}) {
                PointCloud in = sample(5000, colour, 11);
                Path file = dir.resolve(f + "-" + colour + ".ply");
                w.write(file, in);
                TriangleMesh back = PlyReader.read(file);
                assertThat(back.vertices()).isEqualTo(in);
                assertThat(back.triangles()).isEmpty();
            }
            TriangleMesh mesh = sampleMesh();
            Path meshFile = dir.resolve(f + "-mesh.ply");
            w.write(meshFile, mesh);
            TriangleMesh back = PlyReader.read(meshFile);
            assertThat(back.vertices()).isEqualTo(mesh.vertices());
            assertThat(back.triangles()).containsExactly(mesh.triangles());
        }
        String header = new String(Files.readAllBytes(dir.resolve("PLY-true.ply")), 0, 120, StandardCharsets.US_ASCII);
        assertThat(header).startsWith("ply\nformat binary_little_endian 1.0\n");
        // binary size is exactly header + 15 bytes per coloured vertex
        long headerLen = Files.readString(dir.resolve("PLY-true.ply"), StandardCharsets.ISO_8859_1).indexOf("end_header\n") + 11;
        assertThat(Files.size(dir.resolve("PLY-true.ply"))).isEqualTo(headerLen + 5000L * 15);
    }

    @Test
    void pcdBinaryAndAsciiRoundTripExactly(@TempDir Path dir) throws IOException {
        for (CloudFormat f : List.of(CloudFormat.PCD, CloudFormat.PCD_ASCII)) {
            for (boolean colour : new boolean[]{true, false}) {
                PointCloud in = sample(4000, colour, 12);
                Path file = dir.resolve(f + "-" + colour + ".pcd");
                PointCloudWriter.of(f).write(file, in);
                assertThat(PcdReader.read(file)).isEqualTo(in);
            }
        }
        String text = Files.readString(dir.resolve("PCD_ASCII-true.pcd"));
        assertThat(text).contains("\nFIELDS x y z rgb\n", "\nTYPE F F F U\n", "\nPOINTS 4000\n", "\nDATA ascii\n");
        assertThatThrownBy(() -> PointCloudWriter.of(CloudFormat.PCD).write(dir.resolve("m.pcd"), sampleMesh()))
                .isInstanceOf(UserInputException.class).hasMessageContaining("points only");
        assertThat(dir.resolve("m.pcd")).doesNotExist();
    }

    @Test
    void objHasOneVertexLinePerPointWithColoursAndOneBasedFaces(@TempDir Path dir) throws IOException {
        TriangleMesh mesh = sampleMesh();
        Path file = dir.resolve("mesh.obj");
        new ObjWriter().write(file, mesh);
        List<String> lines = Files.readAllLines(file);
        List<String[]> v = lines.stream().filter(l -> l.startsWith("v ")).map(l -> l.split(" ")).toList();
        List<String[]> f = lines.stream().filter(l -> l.startsWith("f ")).map(l -> l.split(" ")).toList();
        assertThat(v).hasSize(mesh.vertices().size());
        assertThat(f).hasSize(mesh.triangleCount());
        float[] p = mesh.vertices().positions();
        byte[] c = mesh.vertices().colors();
        for (int i = 0; i < v.size(); i++) {
            assertThat(v.get(i)).hasSize(7);
            for (int a = 0; a < 3; a++) {
                assertThat(Float.parseFloat(v.get(i)[1 + a])).isEqualTo(p[3 * i + a]);
                assertThat(Math.round(Float.parseFloat(v.get(i)[4 + a]) * 255)).isEqualTo(c[3 * i + a] & 0xFF);
            }
        }
        for (int t = 0; t < f.size(); t++) {
            for (int k = 0; k < 3; k++) {
                assertThat(Integer.parseInt(f.get(t)[1 + k])).isEqualTo(mesh.triangles()[3 * t + k] + 1);
            }
        }
        // textured variant: OBJ + MTL + PNG, vt per vertex, v flipped to OBJ's bottom-up convention
        byte[] png = {(byte) 0x89, 'P', 'N', 'G'};
        Path tex = dir.resolve("tex.obj");
        new ObjWriter().writeTextured(tex, mesh, png);
        List<String> t = Files.readAllLines(tex);
        assertThat(t).contains("mtllib tex.mtl", "usemtl image");
        assertThat(t.stream().filter(l -> l.startsWith("vt ")).count()).isEqualTo(mesh.vertices().size());
        String firstVt = t.stream().filter(l -> l.startsWith("vt ")).findFirst().orElseThrow();
        assertThat(Float.parseFloat(firstVt.split(" ")[2])).isEqualTo(1f - mesh.texCoords()[1]);
        assertThat(t.stream().filter(l -> l.startsWith("f ")).findFirst().orElseThrow()).matches("f \\d+/\\d+ \\d+/\\d+ \\d+/\\d+");
        assertThat(Files.readString(dir.resolve("tex.mtl"))).contains("map_Kd tex.png");
        assertThat(Files.readAllBytes(dir.resolve("tex.png"))).isEqualTo(png);
    }

    /**
     * PCL and Open3D parse each field by its declared TYPE: a strict reader that does the same must see the PLY's
     * colours in both PCD flavours (an integer written under TYPE F would be read as another colour).
     */
    @Test
    void pcdColoursReadByTheirDeclaredTypeEqualPlyColours(@TempDir Path dir) throws IOException {
        PointCloud cloud = sample(4096, true, 21);
        Path ply = dir.resolve("c.ply");
        new PlyWriter(false).write(ply, cloud);
        byte[] plyColours = PlyReader.read(ply).vertices().colors();
        for (boolean ascii : new boolean[]{true, false}) {
            Path pcd = dir.resolve(ascii ? "a.pcd" : "b.pcd");
            new PcdWriter(ascii).write(pcd, cloud);
            assertThat(strictPcdColours(pcd)).as(ascii ? "ascii" : "binary").isEqualTo(plyColours);
        }
    }

    /** rgb by the header's TYPE: F = a float's bits (binary) or a float in text; U = an unsigned integer. */
    static byte[] strictPcdColours(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        String text = new String(all, StandardCharsets.ISO_8859_1);
        int dataLine = text.indexOf("\nDATA ") + 1;
        int bodyStart = text.indexOf('\n', dataLine) + 1;
        java.util.Map<String, String[]> h = new java.util.HashMap<>();
        for (String line : text.substring(0, bodyStart).split("\n")) {
            String[] t = line.trim().split("\\s+");
            h.put(t[0], java.util.Arrays.copyOfRange(t, 1, t.length));
        }
        int n = Integer.parseInt(h.get("POINTS")[0]);
        int rgbField = List.of(h.get("FIELDS")).indexOf("rgb");
        String type = h.get("TYPE")[rgbField];
        byte[] out = new byte[3 * n];
        boolean ascii = h.get("DATA")[0].equals("ascii");
        String[] lines = ascii ? text.substring(bodyStart).split("\n") : null;
        ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            int bits;
            if (ascii) {
                String v = lines[i].trim().split(" ")[rgbField];
                bits = type.equals("F") ? Float.floatToRawIntBits(Float.parseFloat(v)) : (int) Long.parseLong(v);
            } else {
                int at = bodyStart + 16 * i + 4 * rgbField;
                bits = type.equals("F") ? Float.floatToRawIntBits(b.getFloat(at)) : b.getInt(at);
            }
            out[3 * i] = (byte) (bits >> 16);
            out[3 * i + 1] = (byte) (bits >> 8);
            out[3 * i + 2] = (byte) bits;
        }
        return out;
    }

    @Test
    void glbHasValidChunksAccessorsAndTheExactBinaryData(@TempDir Path dir) throws IOException {
        PointCloud cloud = sample(3001, true, 13);
        Path points = dir.resolve("cloud.glb");
        new GlbWriter().write(points, cloud);
        checkGlb(points, cloud, null);
        TriangleMesh mesh = sampleMesh();
        Path meshFile = dir.resolve("mesh.glb");
        new GlbWriter().write(meshFile, mesh);
        checkGlb(meshFile, mesh.vertices(), mesh.triangles());
        PointCloud grey = sample(10, false, 1);
        new GlbWriter().write(dir.resolve("grey.glb"), grey);
        checkGlb(dir.resolve("grey.glb"), grey, null);
    }

    static void checkGlb(Path file, PointCloud cloud, int[] triangles) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(b.getInt(0)).isEqualTo(0x46546C67);
        assertThat(b.getInt(4)).isEqualTo(2);
        assertThat(b.getInt(8)).isEqualTo(bytes.length);
        int jsonLen = b.getInt(12);
        assertThat(jsonLen % 4).isZero();
        assertThat(b.getInt(16)).isEqualTo(0x4E4F534A);
        JsonNode gltf = new ObjectMapper().readTree(new String(bytes, 20, jsonLen, StandardCharsets.UTF_8));
        int binStart = 20 + jsonLen;
        int binLen = b.getInt(binStart);
        assertThat(binLen % 4).isZero();
        assertThat(b.getInt(binStart + 4)).isEqualTo(0x004E4942);
        assertThat(binStart + 8 + binLen).isEqualTo(bytes.length);
        int bin = binStart + 8;
        assertThat(gltf.at("/asset/version").asText()).isEqualTo("2.0");
        assertThat(gltf.at("/buffers/0/byteLength").asInt()).isEqualTo(binLen);
        JsonNode prim = gltf.at("/meshes/0/primitives/0");
        assertThat(prim.get("mode").asInt()).isEqualTo(triangles == null ? 0 : 4);
        int n = cloud.size();
        // every bufferView lies inside the buffer, 4-byte aligned
        for (JsonNode view : gltf.get("bufferViews")) {
            assertThat(view.get("byteOffset").asInt() % 4).isZero();
            assertThat(view.get("byteOffset").asInt() + view.get("byteLength").asInt()).isLessThanOrEqualTo(binLen);
        }
        JsonNode pos = gltf.get("accessors").get(prim.at("/attributes/POSITION").asInt());
        assertThat(pos.get("componentType").asInt()).isEqualTo(5126);
        assertThat(pos.get("type").asText()).isEqualTo("VEC3");
        assertThat(pos.get("count").asInt()).isEqualTo(n);
        JsonNode posView = gltf.get("bufferViews").get(pos.get("bufferView").asInt());
        assertThat(posView.get("byteLength").asInt()).isEqualTo(12 * n);
        int po = bin + posView.get("byteOffset").asInt();
        float[] p = cloud.positions();
        float[] mn = {Float.MAX_VALUE, Float.MAX_VALUE, Float.MAX_VALUE};
        float[] mx = {-Float.MAX_VALUE, -Float.MAX_VALUE, -Float.MAX_VALUE};
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < 3; a++) {
                float expected = a == 0 ? p[3 * i] : -p[3 * i + a]; // y up, -z forward
                float got = b.getFloat(po + 12 * i + 4 * a);
                assertThat(Float.floatToIntBits(got)).isEqualTo(Float.floatToIntBits(expected));
                mn[a] = Math.min(mn[a], got);
                mx[a] = Math.max(mx[a], got);
            }
        }
        for (int a = 0; a < 3; a++) {
            assertThat((float) pos.get("min").get(a).asDouble()).isEqualTo(mn[a]);
            assertThat((float) pos.get("max").get(a).asDouble()).isEqualTo(mx[a]);
        }
        if (cloud.hasColors()) {
            JsonNode col = gltf.get("accessors").get(prim.at("/attributes/COLOR_0").asInt());
            assertThat(col.get("componentType").asInt()).isEqualTo(5123);
            assertThat(col.get("normalized").asBoolean()).isTrue();
            assertThat(col.get("type").asText()).isEqualTo("VEC4");
            assertThat(col.get("count").asInt()).isEqualTo(n);
            int co = bin + gltf.get("bufferViews").get(col.get("bufferView").asInt()).get("byteOffset").asInt();
            // glTF's COLOR_0 is linear light: each stored value is the sRGB image byte through the sRGB curve
            for (int i = 0; i < n; i++) {
                for (int a = 0; a < 3; a++) {
                    double srgb = (cloud.colors()[3 * i + a] & 0xFF) / 255.0;
                    double linear = srgb <= 0.04045 ? srgb / 12.92 : Math.pow((srgb + 0.055) / 1.055, 2.4);
                    double stored = (b.getShort(co + 8 * i + 2 * a) & 0xFFFF) / 65535.0;
                    assertThat(stored).isCloseTo(linear, org.assertj.core.data.Offset.offset(0.5 / 65535));
                }
                assertThat(b.getShort(co + 8 * i + 6) & 0xFFFF).isEqualTo(0xFFFF);
            }
        } else {
            assertThat(prim.at("/attributes/COLOR_0").isMissingNode()).isTrue();
        }
        if (triangles != null) {
            JsonNode idx = gltf.get("accessors").get(prim.get("indices").asInt());
            assertThat(idx.get("componentType").asInt()).isEqualTo(5125);
            assertThat(idx.get("count").asInt()).isEqualTo(triangles.length);
            int io = bin + gltf.get("bufferViews").get(idx.get("bufferView").asInt()).get("byteOffset").asInt();
            for (int k = 0; k < triangles.length; k++) {
                assertThat(b.getInt(io + 4 * k)).isEqualTo(triangles[k]);
            }
        } else {
            assertThat(prim.has("indices")).isFalse();
        }
    }

    @Test
    void formatIsChosenByNameOrExtension() {
        assertThat(PointCloudWriter.forPath(Path.of("a/b.PLY")).format()).isEqualTo(CloudFormat.PLY);
        assertThat(PointCloudWriter.forPath(Path.of("b.glb"))).isInstanceOf(GlbWriter.class);
        assertThat(CloudFormat.byName("pcd-ascii")).isEqualTo(CloudFormat.PCD_ASCII);
        assertThat(CloudFormat.PLY.ascii()).isEqualTo(CloudFormat.PLY_ASCII);
        assertThatThrownBy(() -> CloudFormat.byExtension(Path.of("cloud.xyz")))
                .isInstanceOf(UserInputException.class).hasMessageContaining("cloud.xyz");
        assertThatThrownBy(() -> CloudFormat.byName("las")).isInstanceOf(UserInputException.class);
    }

    @Test
    void emptyAndNonFiniteCloudsAndFoldersAreRefusedWithoutAFile(@TempDir Path dir) throws IOException {
        for (CloudFormat f : CloudFormat.values()) {
            PointCloudWriter w = PointCloudWriter.of(f);
            Path target = dir.resolve("out." + f.extension());
            assertThatThrownBy(() -> w.write(target, new PointCloud(new float[0], null)))
                    .isInstanceOf(UserInputException.class).hasMessageContaining("empty").hasMessageContaining("out.");
            PointCloud nan = sample(10, true, 3);
            nan.positions()[3 * 7 + 1] = Float.NaN;
            assertThatThrownBy(() -> w.write(target, nan))
                    .isInstanceOf(UserInputException.class).hasMessageContaining("point 7").hasMessageContaining("not finite");
            PointCloud inf = sample(10, true, 3);
            inf.positions()[5] = Float.POSITIVE_INFINITY;
            assertThatThrownBy(() -> w.write(target, inf)).isInstanceOf(UserInputException.class)
                    .hasMessageContaining("point 1");
            assertThat(target).doesNotExist();
            Path folder = Files.createDirectories(dir.resolve("taken." + f.extension()));
            assertThatThrownBy(() -> w.write(folder, sample(10, true, 3)))
                    .isInstanceOf(UserInputException.class).hasMessageContaining("is a folder");
            Files.delete(folder);
        }
        assertThat(dir.toFile().list()).isEmpty();
    }

    /** A stream that accepts {@code capacity} bytes and then fails the way a full disk does. */
    static final class FullDisk extends FilterOutputStream {
        private long left;

        FullDisk(OutputStream out, long capacity) {
            super(out);
            left = capacity;
        }

        @Override
        public void write(int b) throws IOException {
            if (left-- <= 0) {
                throw new IOException("No space left on device");
            }
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len > left) {
                out.write(b, off, (int) left);
                left = 0;
                throw new IOException("No space left on device");
            }
            left -= len;
            out.write(b, off, len);
        }
    }

    @Test
    void aDiskThatFillsUpMidwayLeavesTheOldFileOrNothing(@TempDir Path dir) throws IOException {
        PointCloud big = sample(200_000, true, 4);
        for (CloudFormat f : CloudFormat.values()) {
            PointCloudWriter w = PointCloudWriter.of(f);
            Path fresh = dir.resolve("fresh." + f.extension());
            assertThatThrownBy(() -> AtomicFiles.write(fresh, out -> w.writeCloud(big, new FullDisk(out, 1_000_000))))
                    .isInstanceOf(IOException.class).hasMessage("No space left on device");
            assertThat(fresh).doesNotExist();

            Path existing = dir.resolve("existing." + f.extension());
            Files.writeString(existing, "previous complete file");
            assertThatThrownBy(() -> AtomicFiles.write(existing, out -> w.writeCloud(big, new FullDisk(out, 1_000_000))))
                    .isInstanceOf(IOException.class);
            assertThat(Files.readString(existing)).isEqualTo("previous complete file");
        }
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).allMatch(n -> n.startsWith("existing."));
        }
    }
}
