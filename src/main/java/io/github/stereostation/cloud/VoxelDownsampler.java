package io.github.stereostation.cloud;

import java.util.Arrays;

/**
 * Voxel-grid down-sampling: space is cut into cubes of {@code voxelMetres}; each occupied cube becomes one
 * point at the centroid of its points, with their mean colour. Output order follows the voxel keys.
 * Non-finite points are dropped first.
 */
public record VoxelDownsampler(double voxelMetres) implements PointCloudFilter {

    public VoxelDownsampler {
        if (!(voxelMetres > 0)) {
            throw new IllegalArgumentException("voxel size must be > 0, got " + voxelMetres);
        }
    }

    @Override
    public PointCloud apply(PointCloud cloud) {
        PointCloud in = cloud.withoutNonFinite();
        int n = in.size();
        if (n == 0) {
            return in;
        }
        float[] p = in.positions();
        float[] b = in.bounds();
        long nx = (long) Math.floor((b[3] - b[0]) / voxelMetres) + 1;
        long ny = (long) Math.floor((b[4] - b[1]) / voxelMetres) + 1;
        long nz = (long) Math.floor((b[5] - b[2]) / voxelMetres) + 1;
        if (nx > (1L << 21) || ny > (1L << 21) || nz > (1L << 21)) {
            throw new IllegalArgumentException("voxel size " + voxelMetres + " m is too small for a cloud spanning "
                    + (b[3] - b[0]) + " x " + (b[4] - b[1]) + " x " + (b[5] - b[2]) + " m");
        }
        // sort points by voxel key; each run of equal keys is one output point
        long[] keyed = new long[n];
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            long ix = (long) ((p[3 * i] - b[0]) / voxelMetres);
            long iy = (long) ((p[3 * i + 1] - b[1]) / voxelMetres);
            long iz = (long) ((p[3 * i + 2] - b[2]) / voxelMetres);
            keys[i] = (iz * ny + iy) * nx + ix;
        }
        Integer[] order = null;
        // pack key and index into one long when they fit (63 bits), else sort boxed indices
        int idxBits = 64 - Long.numberOfLeadingZeros(Math.max(1, n - 1));
        long maxKey = nx * ny * nz;
        int keyBits = 64 - Long.numberOfLeadingZeros(Math.max(1, maxKey - 1));
        int[] sorted = new int[n];
        if (keyBits + idxBits <= 63) {
            for (int i = 0; i < n; i++) {
                keyed[i] = (keys[i] << idxBits) | i;
            }
            Arrays.sort(keyed);
            for (int i = 0; i < n; i++) {
                sorted[i] = (int) (keyed[i] & ((1L << idxBits) - 1));
            }
        } else {
            order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (x, y) -> Long.compare(keys[x], keys[y]));
            for (int i = 0; i < n; i++) {
                sorted[i] = order[i];
            }
        }
        byte[] c = in.colors();
        float[] outP = new float[3 * n];
        byte[] outC = c == null ? null : new byte[3 * n];
        int m = 0;
        for (int s = 0; s < n; ) {
            long key = keys[sorted[s]];
            double sx = 0, sy = 0, sz = 0;
            long sr = 0, sg = 0, sb = 0;
            int e = s;
            while (e < n && keys[sorted[e]] == key) {
                int i = sorted[e];
                sx += p[3 * i];
                sy += p[3 * i + 1];
                sz += p[3 * i + 2];
                if (c != null) {
                    sr += c[3 * i] & 0xFF;
                    sg += c[3 * i + 1] & 0xFF;
                    sb += c[3 * i + 2] & 0xFF;
                }
                e++;
            }
            int count = e - s;
            outP[3 * m] = (float) (sx / count);
            outP[3 * m + 1] = (float) (sy / count);
            outP[3 * m + 2] = (float) (sz / count);
            if (outC != null) {
                outC[3 * m] = (byte) Math.round((double) sr / count);
                outC[3 * m + 1] = (byte) Math.round((double) sg / count);
                outC[3 * m + 2] = (byte) Math.round((double) sb / count);
            }
            m++;
            s = e;
        }
        return new PointCloud(Arrays.copyOf(outP, 3 * m), outC == null ? null : Arrays.copyOf(outC, 3 * m));
    }
}
