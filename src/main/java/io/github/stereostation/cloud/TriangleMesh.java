package io.github.stereostation.cloud;

import java.util.Arrays;
import java.util.Objects;

/**
 * Triangles over a cloud's points: {@code triangles} holds three vertex indices per face, counter-clockwise
 * seen from the camera. {@code texCoords} is null or one (u, v) pair per vertex in image space
 * (u right, v down, both 0..1), so the left image can be mapped onto the mesh as a texture.
 */
public record TriangleMesh(PointCloud vertices, int[] triangles, float[] texCoords) {

    public TriangleMesh {
        Objects.requireNonNull(vertices, "vertices");
        Objects.requireNonNull(triangles, "triangles");
        if (triangles.length % 3 != 0) {
            throw new IllegalArgumentException("triangles length " + triangles.length + " is not a multiple of 3");
        }
        int n = vertices.size();
        for (int t : triangles) {
            if (t < 0 || t >= n) {
                throw new IllegalArgumentException("triangle index " + t + " outside 0.." + (n - 1));
            }
        }
        if (texCoords != null && texCoords.length != 2 * n) {
            throw new IllegalArgumentException("texCoords length " + texCoords.length + " != 2 * " + n + " vertices");
        }
    }

    public TriangleMesh(PointCloud vertices, int[] triangles) {
        this(vertices, triangles, null);
    }

    /** The same surface without the vertices no triangle uses, in their original order. */
    public TriangleMesh withoutUnusedVertices() {
        int n = vertices.size();
        int[] newIndex = new int[n];
        for (int t : triangles) {
            newIndex[t] = 1;
        }
        int kept = 0;
        for (int i = 0; i < n; i++) {
            newIndex[i] = newIndex[i] == 1 ? kept++ : -1;
        }
        if (kept == n) {
            return this;
        }
        float[] p = vertices.positions();
        byte[] c = vertices.colors();
        float[] keptP = new float[3 * kept];
        byte[] keptC = c == null ? null : new byte[3 * kept];
        float[] keptUv = texCoords == null ? null : new float[2 * kept];
        for (int i = 0; i < n; i++) {
            int k = newIndex[i];
            if (k >= 0) {
                System.arraycopy(p, 3 * i, keptP, 3 * k, 3);
                if (c != null) {
                    System.arraycopy(c, 3 * i, keptC, 3 * k, 3);
                }
                if (keptUv != null) {
                    System.arraycopy(texCoords, 2 * i, keptUv, 2 * k, 2);
                }
            }
        }
        int[] tris = new int[triangles.length];
        for (int j = 0; j < tris.length; j++) {
            tris[j] = newIndex[triangles[j]];
        }
        return new TriangleMesh(new PointCloud(keptP, keptC), tris, keptUv);
    }

    public int triangleCount() {
        return triangles.length / 3;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TriangleMesh other && vertices.equals(other.vertices)
                && Arrays.equals(triangles, other.triangles) && Arrays.equals(texCoords, other.texCoords);
    }

    @Override
    public int hashCode() {
        return 31 * vertices.hashCode() + Arrays.hashCode(triangles);
    }

    @Override
    public String toString() {
        return "TriangleMesh[" + vertices.size() + " vertices, " + triangleCount() + " triangles]";
    }
}
