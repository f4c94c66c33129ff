package io.github.stereostation.cloud;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GridMesherTest {

    static OrganizedCloud grid(int w, int h, java.util.function.IntUnaryOperator mmDepthAtColumn) {
        float[] p = new float[3 * w * h];
        byte[] c = new byte[3 * w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                float z = mmDepthAtColumn.applyAsInt(x) / 1000f;
                p[3 * i] = (x - w / 2f) * z / 100f;
                p[3 * i + 1] = (y - h / 2f) * z / 100f;
                p[3 * i + 2] = z;
                c[3 * i] = (byte) x;
            }
        }
        return new OrganizedCloud(w, h, p, c);
    }

    @Test
    void pixelsInNoTriangleAreNoVertices() {
        // a lone valid pixel amid holes, and a depth jump that leaves a column unjoined
        OrganizedCloud g = grid(12, 8, x -> x == 6 ? 3000 : 1000);
        float[] p = g.positions();
        for (int y = 0; y < 8; y++) {
            for (int x = 8; x < 12; x++) {
                if (!(x == 10 && y == 4)) {
                    p[3 * (y * 12 + x) + 2] = Float.NaN;
                }
            }
        }
        TriangleMesh m = new GridMesher(0.05).mesh(g);
        boolean[] used = new boolean[m.vertices().size()];
        for (int t : m.triangles()) {
            used[t] = true;
        }
        for (int i = 0; i < used.length; i++) {
            assertThat(used[i]).as("vertex %d is in a triangle", i).isTrue();
        }
        // columns 0..5 join into 5 x 7 cells of two triangles; column 6 (3 m) and 7 and the lone pixel join nothing
        assertThat(m.triangleCount()).isEqualTo(2 * 5 * 7);
        assertThat(m.vertices().size()).isEqualTo(6 * 8);
        assertThat(m.texCoords()).hasSize(2 * 6 * 8);
        assertThat(m.texCoords()[2 * 5]).isEqualTo(5.5f / 12); // uv follow their vertices
    }

    @Test
    void aFullGridGivesTwoTrianglesPerCellFacingTheCamera() {
        OrganizedCloud g = grid(20, 10, x -> 1000);
        TriangleMesh m = new GridMesher(0.05).mesh(g);
        assertThat(m.vertices().size()).isEqualTo(200);
        assertThat(m.triangleCount()).isEqualTo(2 * 19 * 9);
        assertThat(m.texCoords()).hasSize(400);
        assertThat(m.texCoords()[0]).isEqualTo(0.5f / 20);
        float[] p = m.vertices().positions();
        int[] t = m.triangles();
        for (int k = 0; k < t.length; k += 3) {
            float[] a = {p[3 * t[k]], p[3 * t[k] + 1], p[3 * t[k] + 2]};
            float[] b = {p[3 * t[k + 1]], p[3 * t[k + 1] + 1], p[3 * t[k + 1] + 2]};
            float[] c = {p[3 * t[k + 2]], p[3 * t[k + 2] + 1], p[3 * t[k + 2] + 2]};
            float nz = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
            assertThat(nz).as("normal z of triangle %d", k / 3).isNegative(); // towards the camera at z = 0
        }
    }

    @Test
    void trianglesAcrossADepthStepAreCutAndHolesLeaveGaps() {
        // columns 0..9 at 1 m, 10..19 at 1.5 m: the 9 cells between columns 9 and 10 lose both triangles
        OrganizedCloud g = grid(20, 10, x -> x < 10 ? 1000 : 1500);
        TriangleMesh m = new GridMesher(0.05).mesh(g);
        assertThat(m.triangleCount()).isEqualTo(2 * 19 * 9 - 2 * 9);
        float[] p = m.vertices().positions();
        int[] t = m.triangles();
        for (int k = 0; k < t.length; k += 3) {
            float z0 = p[3 * t[k] + 2], z1 = p[3 * t[k + 1] + 2], z2 = p[3 * t[k + 2] + 2];
            assertThat(z0).isEqualTo(z1).isEqualTo(z2);
        }
        // one missing pixel removes the (up to) 6 triangles that touch it
        OrganizedCloud holed = grid(20, 10, x -> 1000);
        holed.invalidate(5 * 20 + 5);
        assertThat(new GridMesher(0.05).mesh(holed).triangleCount()).isEqualTo(2 * 19 * 9 - 6);
    }
}
