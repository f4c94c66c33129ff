package io.github.stereostation.cloud;

import io.github.stereostation.UserInputException;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * PCL's Point Cloud Data v0.7, ASCII or binary, as PCL's own writer lays it out for PointXYZRGB: fields
 * x y z as float, and rgb packed as 0x00RRGGBB: in binary as the bits of a float ({@code TYPE F}, PCL's
 * PointXYZRGB); in ASCII as an unsigned integer declared {@code TYPE U}, because a reader parses text by the declared
 * type (a packed integer read as a float is another colour, and some colours' bit patterns are NaN). Points only.
 */
public final class PcdWriter implements PointCloudWriter {
    private final boolean ascii;

    public PcdWriter(boolean ascii) {
        this.ascii = ascii;
    }

    @Override
    public CloudFormat format() {
        return ascii ? CloudFormat.PCD_ASCII : CloudFormat.PCD;
    }

    @Override
    public void writeMesh(TriangleMesh mesh, OutputStream out) {
        throw new UserInputException("PCD holds points only; write meshes as ply, obj or glb");
    }

    @Override
    public void writeCloud(PointCloud cloud, OutputStream out) throws IOException {
        int n = cloud.size();
        byte[] c = cloud.colors();
        boolean rgb = c != null;
        String header = "# .PCD v0.7 - Point Cloud Data file format (Stereo Station; metres; x right, y down, z forward)\n"
                + "VERSION 0.7\n"
                + "FIELDS x y z" + (rgb ? " rgb" : "") + "\n"
                + "SIZE 4 4 4" + (rgb ? " 4" : "") + "\n"
                + "TYPE F F F" + (rgb ? (ascii ? " U" : " F") : "") + "\n"
                + "COUNT 1 1 1" + (rgb ? " 1" : "") + "\n"
                + "WIDTH " + n + "\n"
                + "HEIGHT 1\n"
                + "VIEWPOINT 0 0 0 1 0 0 0\n"
                + "POINTS " + n + "\n"
                + "DATA " + (ascii ? "ascii" : "binary") + "\n";
        out.write(header.getBytes(StandardCharsets.US_ASCII));
        float[] p = cloud.positions();
        if (ascii) {
            Writer w = new OutputStreamWriter(out, StandardCharsets.US_ASCII);
            StringBuilder line = new StringBuilder(64);
            for (int i = 0; i < n; i++) {
                line.setLength(0);
                line.append(p[3 * i]).append(' ').append(p[3 * i + 1]).append(' ').append(p[3 * i + 2]);
                if (rgb) {
                    line.append(' ').append(packed(c, i));
                }
                w.append(line).append('\n');
            }
            w.flush();
        } else {
            LittleEndianOut le = new LittleEndianOut(out);
            for (int i = 0; i < n; i++) {
                le.putFloat(p[3 * i]);
                le.putFloat(p[3 * i + 1]);
                le.putFloat(p[3 * i + 2]);
                if (rgb) {
                    le.putInt(packed(c, i));
                }
            }
            le.flush();
        }
    }

    static int packed(byte[] c, int i) {
        return (c[3 * i] & 0xFF) << 16 | (c[3 * i + 1] & 0xFF) << 8 | (c[3 * i + 2] & 0xFF);
    }
}
