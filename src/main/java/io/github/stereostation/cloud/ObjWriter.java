package io.github.stereostation.cloud;

import io.github.stereostation.UserInputException;
import io.github.stereostation.io.AtomicFiles;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Wavefront OBJ. Vertices are {@code v x y z} in metres (camera frame: x right, y down, z forward) followed by
 * r g b in 0..1 when the cloud has colours, the vertex-colour extension MeshLab and Blender read. Faces are
 * 1-based {@code f a b c}. {@link #writeTextured} instead writes an MTL and a PNG next to the OBJ and maps the
 * image onto the mesh through {@code vt} coordinates.
 */
public final class ObjWriter implements PointCloudWriter {
    private static final String[] UNIT = new String[256];

    static {
        for (int i = 0; i < 256; i++) {
            UNIT[i] = Float.toString(i / 255f);
        }
    }

    @Override
    public CloudFormat format() {
        return CloudFormat.OBJ;
    }

    @Override
    public void writeCloud(PointCloud cloud, OutputStream out) throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.US_ASCII);
        w.write("# Stereo Station point cloud: " + cloud.size() + " vertices, metres\n");
        vertices(cloud, true, w);
        w.flush();
    }

    @Override
    public void writeMesh(TriangleMesh mesh, OutputStream out) throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.US_ASCII);
        w.write("# Stereo Station mesh: " + mesh.vertices().size() + " vertices, " + mesh.triangleCount()
                + " triangles, metres\n");
        vertices(mesh.vertices(), true, w);
        faces(mesh.triangles(), false, w);
        w.flush();
    }

    /**
     * Writes {@code objFile}, a material file beside it ({@code name.mtl}) and the texture ({@code name.png},
     * the PNG bytes given), each atomically; the OBJ comes last so it never names files that are missing.
     */
    public void writeTextured(Path objFile, TriangleMesh mesh, byte[] texturePng) throws IOException {
        if (mesh.texCoords() == null) {
            throw new IllegalArgumentException("mesh has no texture coordinates");
        }
        PointCloudWriter.requireWritable(mesh.vertices(), objFile);
        String name = objFile.getFileName().toString();
        String base = name.toLowerCase(java.util.Locale.ROOT).endsWith(".obj") ? name.substring(0, name.length() - 4) : name;
        if (base.isEmpty() || base.contains(" ")) {
            throw new UserInputException(objFile + ": a textured OBJ needs a file name without spaces (MTL references break on them)");
        }
        Path png = objFile.resolveSibling(base + ".png");
        Path mtl = objFile.resolveSibling(base + ".mtl");
        AtomicFiles.write(png, texturePng);
        AtomicFiles.write(mtl, ("# Stereo Station texture material\nnewmtl image\nKa 1 1 1\nKd 1 1 1\nKs 0 0 0\nillum 1\nmap_Kd "
                + base + ".png\n").getBytes(StandardCharsets.US_ASCII));
        AtomicFiles.write(objFile, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.US_ASCII);
            w.write("# Stereo Station textured mesh, metres\nmtllib " + base + ".mtl\n");
            vertices(mesh.vertices(), false, w);
            float[] uv = mesh.texCoords();
            StringBuilder line = new StringBuilder(48);
            for (int i = 0; i < uv.length; i += 2) {
                line.setLength(0);
                // OBJ's v runs upwards from the image's bottom row
                line.append("vt ").append(uv[i]).append(' ').append(1f - uv[i + 1]).append('\n');
                w.append(line);
            }
            w.write("usemtl image\n");
            faces(mesh.triangles(), true, w);
            w.flush();
        });
    }

    private static void vertices(PointCloud cloud, boolean withColours, Writer w) throws IOException {
        float[] p = cloud.positions();
        byte[] c = withColours ? cloud.colors() : null;
        StringBuilder line = new StringBuilder(80);
        for (int i = 0, n = cloud.size(); i < n; i++) {
            line.setLength(0);
            line.append("v ").append(p[3 * i]).append(' ').append(p[3 * i + 1]).append(' ').append(p[3 * i + 2]);
            if (c != null) {
                line.append(' ').append(UNIT[c[3 * i] & 0xFF]).append(' ').append(UNIT[c[3 * i + 1] & 0xFF])
                        .append(' ').append(UNIT[c[3 * i + 2] & 0xFF]);
            }
            w.append(line).append('\n');
        }
    }

    private static void faces(int[] t, boolean textured, Writer w) throws IOException {
        StringBuilder line = new StringBuilder(64);
        for (int i = 0; i < t.length; i += 3) {
            line.setLength(0);
            line.append('f');
            for (int k = 0; k < 3; k++) {
                int v = t[i + k] + 1;
                line.append(' ').append(v);
                if (textured) {
                    line.append('/').append(v);
                }
            }
            w.append(line).append('\n');
        }
    }
}
