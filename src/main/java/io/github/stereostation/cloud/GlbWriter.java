package io.github.stereostation.cloud;

import io.github.stereostation.UserInputException;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * glTF 2.0 binary (.glb): a 12-byte header, a JSON chunk and one BIN chunk, both padded to 4 bytes. One mesh
 * with one primitive: POSITION (float VEC3, with the min/max the spec requires), COLOR_0 when the cloud has
 * colours, and for meshes unsigned-int indices. glTF defines COLOR_0 as linear, while image bytes are sRGB, so
 * colours are linearised and stored as normalized unsigned short VEC4 (alpha 1): 8 bits of linear light would
 * band the shadows, and VEC3 shorts would break the 4-byte element alignment. Mode POINTS (0) for clouds,
 * TRIANGLES (4) for meshes.
 * <p>
 * glTF is y-up with the viewer looking along -z, so points are written as (x, -y, -z) of the camera frame
 * (a rotation, which keeps triangle winding): the scene then stands upright in front of a glTF camera.
 */
public final class GlbWriter implements PointCloudWriter {
    static final int MAGIC = 0x46546C67;       // "glTF"
    static final int CHUNK_JSON = 0x4E4F534A;  // "JSON"
    static final int CHUNK_BIN = 0x004E4942;   // "BIN\0"

    @Override
    public CloudFormat format() {
        return CloudFormat.GLB;
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
        if (cloud.isEmpty() || cloud.firstNonFinite() >= 0) {
            throw new IllegalArgumentException("glTF needs a non-empty cloud of finite points");
        }
        int n = cloud.size();
        float[] p = cloud.positions();
        byte[] c = cloud.colors();
        float[] min = {Float.MAX_VALUE, Float.MAX_VALUE, Float.MAX_VALUE};
        float[] max = {-Float.MAX_VALUE, -Float.MAX_VALUE, -Float.MAX_VALUE};
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < 3; a++) {
                float v = gltf(p[3 * i + a], a);
                min[a] = Math.min(min[a], v);
                max[a] = Math.max(max[a], v);
            }
        }
        long posBytes = 12L * n;
        long colBytes = c == null ? 0 : 8L * n;
        long idxBytes = triangles == null ? 0 : 4L * triangles.length;
        long binBytes = posBytes + colBytes + idxBytes;

        StringBuilder j = new StringBuilder(1024);
        j.append("{\"asset\":{\"version\":\"2.0\",\"generator\":\"Stereo Station\"},");
        j.append("\"scene\":0,\"scenes\":[{\"nodes\":[0]}],\"nodes\":[{\"mesh\":0,\"name\":\"")
                .append(triangles == null ? "point cloud" : "depth mesh").append("\"}],");
        j.append("\"materials\":[{\"pbrMetallicRoughness\":{\"baseColorFactor\":[1,1,1,1],\"metallicFactor\":0,"
                + "\"roughnessFactor\":1},\"doubleSided\":true}],");
        j.append("\"meshes\":[{\"primitives\":[{\"attributes\":{\"POSITION\":0");
        int nextAccessor = 1;
        int colourAccessor = -1, indexAccessor = -1;
        if (c != null) {
            colourAccessor = nextAccessor++;
            j.append(",\"COLOR_0\":").append(colourAccessor);
        }
        j.append('}');
        if (triangles != null) {
            indexAccessor = nextAccessor;
            j.append(",\"indices\":").append(indexAccessor);
        }
        j.append(",\"material\":0,\"mode\":").append(triangles == null ? 0 : 4).append("}]}],");
        j.append("\"buffers\":[{\"byteLength\":").append(binBytes).append("}],");
        j.append("\"bufferViews\":[{\"buffer\":0,\"byteOffset\":0,\"byteLength\":").append(posBytes)
                .append(",\"target\":34962}");
        if (c != null) {
            j.append(",{\"buffer\":0,\"byteOffset\":").append(posBytes).append(",\"byteLength\":").append(colBytes)
                    .append(",\"target\":34962}");
        }
        if (triangles != null) {
            j.append(",{\"buffer\":0,\"byteOffset\":").append(posBytes + colBytes).append(",\"byteLength\":")
                    .append(idxBytes).append(",\"target\":34963}");
        }
        j.append("],\"accessors\":[{\"bufferView\":0,\"componentType\":5126,\"count\":").append(n)
                .append(",\"type\":\"VEC3\",\"min\":[").append(min[0]).append(',').append(min[1]).append(',')
                .append(min[2]).append("],\"max\":[").append(max[0]).append(',').append(max[1]).append(',')
                .append(max[2]).append("]}");
        int view = 1;
        if (c != null) {
            j.append(",{\"bufferView\":").append(view++).append(",\"componentType\":5123,\"normalized\":true,\"count\":")
                    .append(n).append(",\"type\":\"VEC4\"}");
        }
        if (triangles != null) {
            j.append(",{\"bufferView\":").append(view).append(",\"componentType\":5125,\"count\":")
                    .append(triangles.length).append(",\"type\":\"SCALAR\"}");
        }
        j.append("]}");
        byte[] json = j.toString().getBytes(StandardCharsets.UTF_8);
        int jsonPadded = (json.length + 3) & ~3;
        long total = 12 + 8 + jsonPadded + 8 + binBytes; // binBytes is a multiple of 4 already
        if (total > 0xFFFFFFFFL) {
            throw new UserInputException("the cloud is too large for one .glb file (" + total
                    + " bytes, the format's limit is 4 GiB); down-sample it or write PLY");
        }

        LittleEndianOut le = new LittleEndianOut(out);
        le.putInt(MAGIC);
        le.putInt(2);
        le.putInt((int) total);
        le.putInt(jsonPadded);
        le.putInt(CHUNK_JSON);
        le.putBytes(json);
        for (int i = json.length; i < jsonPadded; i++) {
            le.putByte(' ');
        }
        le.putInt((int) binBytes);
        le.putInt(CHUNK_BIN);
        for (int i = 0; i < n; i++) {
            le.putFloat(gltf(p[3 * i], 0));
            le.putFloat(gltf(p[3 * i + 1], 1));
            le.putFloat(gltf(p[3 * i + 2], 2));
        }
        if (c != null) {
            for (int i = 0; i < n; i++) {
                le.putShort(LINEAR[c[3 * i] & 0xFF]);
                le.putShort(LINEAR[c[3 * i + 1] & 0xFF]);
                le.putShort(LINEAR[c[3 * i + 2] & 0xFF]);
                le.putShort(0xFFFF);
            }
        }
        if (triangles != null) {
            for (int t : triangles) {
                le.putInt(t);
            }
        }
        le.flush();
    }

    /** sRGB byte to linear light as a 16-bit fraction: the sRGB transfer function (IEC 61966-2-1). */
    static final int[] LINEAR = new int[256];

    static {
        for (int v = 0; v < 256; v++) {
            LINEAR[v] = (int) Math.round(linear(v / 255.0) * 65535);
        }
    }

    static double linear(double srgb) {
        return srgb <= 0.04045 ? srgb / 12.92 : Math.pow((srgb + 0.055) / 1.055, 2.4);
    }

    /** Camera frame (y down, z forward) to glTF (y up, looking along -z): negate y and z. */
    static float gltf(float v, int axis) {
        return axis == 0 ? v : -v;
    }
}
