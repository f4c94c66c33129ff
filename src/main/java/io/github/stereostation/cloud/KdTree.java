package io.github.stereostation.cloud;

/**
 * A static 3-d tree over a cloud's points for neighbour queries (k nearest, count within a radius). Built once
 * by median splits into an index permutation; the positions array is shared, not copied.
 */
final class KdTree {
    private static final int LEAF = 8;
    private final float[] p;
    private final int[] idx;
    /** Split axis of each inner node, stored at the node's median index. */
    private final byte[] axisAt;

    KdTree(float[] positions) {
        this.p = positions;
        int n = positions.length / 3;
        idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        axisAt = new byte[n];
        build(0, n);
    }

    /** Node [lo, hi): its median sits at mid, left child [lo, mid), right child [mid + 1, hi); small nodes are leaves. */
    private void build(int lo, int hi) {
        while (hi - lo > LEAF) {
            int axis = widestAxis(lo, hi);
            int mid = (lo + hi) >>> 1;
            select(lo, hi - 1, mid, axis);
            axisAt[mid] = (byte) axis;
            build(lo, mid);
            lo = mid + 1;
        }
    }

    private int widestAxis(int lo, int hi) {
        float[] mn = {Float.MAX_VALUE, Float.MAX_VALUE, Float.MAX_VALUE};
        float[] mx = {-Float.MAX_VALUE, -Float.MAX_VALUE, -Float.MAX_VALUE};
        for (int i = lo; i < hi; i++) {
            int b = 3 * idx[i];
            for (int a = 0; a < 3; a++) {
                float v = p[b + a];
                if (v < mn[a]) {
                    mn[a] = v;
                }
                if (v > mx[a]) {
                    mx[a] = v;
                }
            }
        }
        float dx = mx[0] - mn[0], dy = mx[1] - mn[1], dz = mx[2] - mn[2];
        return dx >= dy && dx >= dz ? 0 : (dy >= dz ? 1 : 2);
    }

    /** Quickselect: puts the k-th smallest (by axis) at k, smaller before, larger after. */
    private void select(int lo, int hi, int k, int axis) {
        while (hi > lo) {
            float pivot = p[3 * idx[(lo + hi) >>> 1] + axis];
            int i = lo, j = hi;
            while (i <= j) {
                while (p[3 * idx[i] + axis] < pivot) {
                    i++;
                }
                while (p[3 * idx[j] + axis] > pivot) {
                    j--;
                }
                if (i <= j) {
                    int t = idx[i];
                    idx[i] = idx[j];
                    idx[j] = t;
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return;
            }
        }
    }

    /**
     * Squared distances to the k nearest other points of point {@code self} (itself excluded), ascending, in
     * {@code outDist2} (length k); returns how many were found (fewer than k only in tiny clouds).
     */
    int nearest(int self, int k, float[] outDist2) {
        float qx = p[3 * self], qy = p[3 * self + 1], qz = p[3 * self + 2];
        int[] found = {0};
        java.util.Arrays.fill(outDist2, 0, k, Float.POSITIVE_INFINITY);
        nearest(0, idx.length, qx, qy, qz, self, k, outDist2, found);
        return found[0];
    }

    private void nearest(int lo, int hi, float qx, float qy, float qz, int self, int k, float[] best, int[] found) {
        if (hi - lo <= LEAF) {
            for (int i = lo; i < hi; i++) {
                consider(idx[i], qx, qy, qz, self, k, best, found);
            }
            return;
        }
        int mid = (lo + hi) >>> 1;
        int axis = axisAt[mid];
        int m = idx[mid];
        float diff = (axis == 0 ? qx : axis == 1 ? qy : qz) - p[3 * m + axis];
        consider(m, qx, qy, qz, self, k, best, found);
        if (diff < 0) {
            nearest(lo, mid, qx, qy, qz, self, k, best, found);
            if (diff * diff < best[k - 1]) {
                nearest(mid + 1, hi, qx, qy, qz, self, k, best, found);
            }
        } else {
            nearest(mid + 1, hi, qx, qy, qz, self, k, best, found);
            if (diff * diff < best[k - 1]) {
                nearest(lo, mid, qx, qy, qz, self, k, best, found);
            }
        }
    }

    private void consider(int j, float qx, float qy, float qz, int self, int k, float[] best, int[] found) {
        if (j == self) {
            return;
        }
        float dx = p[3 * j] - qx, dy = p[3 * j + 1] - qy, dz = p[3 * j + 2] - qz;
        float d2 = dx * dx + dy * dy + dz * dz;
        if (d2 >= best[k - 1]) {
            return;
        }
        int pos = k - 1;
        while (pos > 0 && best[pos - 1] > d2) {
            best[pos] = best[pos - 1];
            pos--;
        }
        best[pos] = d2;
        if (found[0] < k) {
            found[0]++;
        }
    }

    /** Number of other points within {@code radius} of point {@code self}, counting stops at {@code limit}. */
    int countWithin(int self, float radius, int limit) {
        return countWithin(0, idx.length, p[3 * self], p[3 * self + 1], p[3 * self + 2], self, radius * radius,
                radius, limit, 0);
    }

    private int countWithin(int lo, int hi, float qx, float qy, float qz, int self, float r2, float r, int limit,
                            int count) {
        if (count >= limit) {
            return count;
        }
        if (hi - lo <= LEAF) {
            for (int i = lo; i < hi && count < limit; i++) {
                count += within(idx[i], qx, qy, qz, self, r2);
            }
            return count;
        }
        int mid = (lo + hi) >>> 1;
        int axis = axisAt[mid];
        int m = idx[mid];
        float diff = (axis == 0 ? qx : axis == 1 ? qy : qz) - p[3 * m + axis];
        count += within(m, qx, qy, qz, self, r2);
        if (diff <= r) {
            count = countWithin(lo, mid, qx, qy, qz, self, r2, r, limit, count);
        }
        if (diff >= -r) {
            count = countWithin(mid + 1, hi, qx, qy, qz, self, r2, r, limit, count);
        }
        return count;
    }

    private int within(int j, float qx, float qy, float qz, int self, float r2) {
        if (j == self) {
            return 0;
        }
        float dx = p[3 * j] - qx, dy = p[3 * j + 1] - qy, dz = p[3 * j + 2] - qz;
        return dx * dx + dy * dy + dz * dz <= r2 ? 1 : 0;
    }
}
