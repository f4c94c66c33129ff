package io.github.stereostation.cloud;

import java.util.Arrays;

/**
 * Meshes a depth grid: each 2x2 block of neighbouring pixels gives up to two triangles, and a triangle is cut
 * when its corners' depths differ by more than {@code maxDepthJump} (relative: |z1 - z2| / min(z1, z2)),
 * because such a triangle would bridge a foreground edge and the background behind it. Vertices keep the
 * pixels' colours and get texture coordinates at the pixel centres; a pixel in no triangle is no vertex (viewers
 * would show it as a stray point, and measuring tools count it).
 */
public final class GridMesher {
    private final double maxDepthJump;

    /** @param maxDepthJump largest relative depth step a triangle may span, e.g. 0.05 for 5 % */
    public GridMesher(double maxDepthJump) {
        if (!(maxDepthJump > 0)) {
            throw new IllegalArgumentException("maxDepthJump must be > 0, got " + maxDepthJump);
        }
        this.maxDepthJump = maxDepthJump;
    }

    public TriangleMesh mesh(OrganizedCloud grid) {
        int w = grid.width(), h = grid.height();
        float[] p = grid.positions();
        int[] vertexOf = new int[w * h];
        Arrays.fill(vertexOf, -1);
        int n = 0;
        for (int i = 0; i < w * h; i++) {
            if (grid.isValid(i)) {
                vertexOf[i] = n++;
            }
        }
        float[] uv = new float[2 * n];
        for (int i = 0; i < w * h; i++) {
            int v = vertexOf[i];
            if (v >= 0) {
                uv[2 * v] = ((i % w) + 0.5f) / w;
                uv[2 * v + 1] = ((i / w) + 0.5f) / h;
            }
        }
        int[] tris = new int[Math.max(0, 6 * (w - 1) * (h - 1))];
        int t = 0;
        for (int y = 0; y + 1 < h; y++) {
            for (int x = 0; x + 1 < w; x++) {
                int a = y * w + x, b = a + 1, c = a + w, d = c + 1;
                // image y points down, so (a, c, b) is counter-clockwise as seen from the camera
                if (joinable(p, vertexOf, a, c, b)) {
                    tris[t++] = vertexOf[a];
                    tris[t++] = vertexOf[c];
                    tris[t++] = vertexOf[b];
                }
                if (joinable(p, vertexOf, b, c, d)) {
                    tris[t++] = vertexOf[b];
                    tris[t++] = vertexOf[c];
                    tris[t++] = vertexOf[d];
                }
            }
        }
        return new TriangleMesh(grid.toPointCloud(), Arrays.copyOf(tris, t), uv).withoutUnusedVertices();
    }

    private boolean joinable(float[] p, int[] vertexOf, int i, int j, int k) {
        if (vertexOf[i] < 0 || vertexOf[j] < 0 || vertexOf[k] < 0) {
            return false;
        }
        float zi = p[3 * i + 2], zj = p[3 * j + 2], zk = p[3 * k + 2];
        float lo = Math.min(zi, Math.min(zj, zk));
        float hi = Math.max(zi, Math.max(zj, zk));
        return hi - lo <= maxDepthJump * lo;
    }
}
