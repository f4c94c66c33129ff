package io.github.stereostation.cloud;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * Stanford PLY, binary little-endian or ASCII: vertices as float x y z (metres, camera frame: x right,
 * y down, z forward) with uchar red green blue when the cloud has colours; meshes add a face element
 * ({@code list uchar int vertex_indices}). MeshLab, CloudCompare, Open3D and Blender read it.
 */
public final class PlyWriter implements PointCloudWriter {
    private final boolean ascii;

    public PlyWriter(boolean ascii) {
        this.ascii = ascii;
    }

    @Override
    public CloudFormat format() {
        return ascii ? CloudFormat.PLY_ASCII : CloudFormat.PLY;
    }

    @Override
    public void writeCloud(PointCloud cloud, OutputStream out) throws IOException {
        write(cloud, null, out);
    }

    @Override
    public void writeMesh(TriangleMesh mesh, OutputStream out) throws IOException {
        write(mesh.vertices(), mesh.triangles(), out);
    }

    private void write(PointCloud cloud, int[] triangles, OutputStream out) throws IOException {
        int n = cloud.size();
        byte[] c = cloud.colors();
        StringBuilder h = new StringBuilder(256);
        h.append("ply\nformat ").append(ascii ? "ascii" : "binary_little_endian").append(" 1.0\n");
        h.append("comment Stereo Station; units: metres; frame: left camera, x right, y down, z forward\n");
        h.append("element vertex ").append(n).append('\n');
        h.append("property float x\nproperty float y\nproperty float z\n");
        if (c != null) {
            h.append("property uchar red\nproperty uchar green\nproperty uchar blue\n");
        }
        if (triangles != null) {
            h.append("element face ").append(triangles.length / 3).append('\n');
            h.append("property list uchar int vertex_indices\n");
        }
        h.append("end_header\n");
        out.write(h.toString().getBytes(StandardCharsets.US_ASCII));
        float[] p = cloud.positions();
        if (ascii) {
            Writer w = new OutputStreamWriter(out, StandardCharsets.US_ASCII);
            StringBuilder line = new StringBuilder(64);
            for (int i = 0; i < n; i++) {
                line.setLength(0);
                line.append(p[3 * i]).append(' ').append(p[3 * i + 1]).append(' ').append(p[3 * i + 2]);
                if (c != null) {
                    line.append(' ').append(c[3 * i] & 0xFF).append(' ').append(c[3 * i + 1] & 0xFF)
                            .append(' ').append(c[3 * i + 2] & 0xFF);
                }
                w.append(line).append('\n');
            }
            if (triangles != null) {
                for (int t = 0; t < triangles.length; t += 3) {
                    line.setLength(0);
                    line.append("3 ").append(triangles[t]).append(' ').append(triangles[t + 1]).append(' ')
                            .append(triangles[t + 2]).append('\n');
                    w.append(line);
                }
            }
            w.flush();
        } else {
            LittleEndianOut le = new LittleEndianOut(out);
            for (int i = 0; i < n; i++) {
                le.putFloat(p[3 * i]);
                le.putFloat(p[3 * i + 1]);
                le.putFloat(p[3 * i + 2]);
                if (c != null) {
                    le.putByte(c[3 * i]);
                    le.putByte(c[3 * i + 1]);
                    le.putByte(c[3 * i + 2]);
                }
            }
            if (triangles != null) {
                for (int t = 0; t < triangles.length; t += 3) {
                    le.putByte(3);
                    le.putInt(triangles[t]);
                    le.putInt(triangles[t + 1]);
                    le.putInt(triangles[t + 2]);
                }
            }
            le.flush();
        }
    }
}
