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
