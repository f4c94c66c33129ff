package io.github.stereostation.depth;

import org.opencv.core.Mat;

/**
 * How well a confidence map ranks errors: bad-2 (percent more than 2 px off, no disparity = bad) among the
 * 50 % and the 90 % most confident evaluated pixels. A confidence that knows its errors gives figures far
 * below the map's overall bad-2; NaN when the map has no confidence.
 */
public record Sparsification(double bad2Best50, double bad2Best90) {

    public static Sparsification measure(DisparityMap map, Mat groundTruth, Mat nonOccluded) {
        if (map.confidence() == null) {
            return new Sparsification(Double.NaN, Double.NaN);
        }
        int n = map.width() * map.height();
        float[] d = new float[n];
        float[] g = new float[n];
        byte[] c = new byte[n];
        map.disparity().get(0, 0, d);
        groundTruth.get(0, 0, g);
        map.confidence().get(0, 0, c);
        byte[] mask = null;
        if (nonOccluded != null) {
            mask = new byte[n];
            nonOccluded.get(0, 0, mask);
        }
        long[] total = new long[256];
        long[] bad = new long[256];
        long m = 0;
        for (int i = 0; i < n; i++) {
            if (!Float.isFinite(g[i]) || (mask != null && (mask[i] & 0xff) != 255)) {
                continue;
            }
            int conf = Float.isFinite(d[i]) ? c[i] & 0xff : 0;
            total[conf]++;
            m++;
            if (!Float.isFinite(d[i]) || Math.abs(d[i] - g[i]) > 2) {
                bad[conf]++;
            }
        }
        if (m == 0) {
            return new Sparsification(Double.NaN, Double.NaN);
        }
        return new Sparsification(badShare(total, bad, m, 0.5), badShare(total, bad, m, 0.9));
    }

    /** Bad share of the most confident pixels; pixels of equal confidence at the cut count pro rata. */
    private static double badShare(long[] total, long[] bad, long m, double share) {
        double want = share * m;
        double taken = 0;
        double badTaken = 0;
        for (int conf = 255; conf >= 0 && taken < want; conf--) {
            double part = Math.min(total[conf], want - taken);
            if (part > 0) {
                badTaken += bad[conf] * part / total[conf];
                taken += part;
            }
        }
        return 100.0 * badTaken / taken;
    }
}
