package io.github.stereostation.depth;

import java.util.stream.IntStream;

/**
 * Edge-aware global smoothing of a disparity map guided by the left image, after the fast global smoother of
 * Min et al. (IEEE TIP 2014): the weighted-least-squares energy sum c·(u − d)² + λ·sum w·(u_p − u_q)² is
 * minimised by 1-D solves along every row and then every column (each a tridiagonal system, linear time),
 * repeated with a falling λ. Neighbour weights fall with the colour difference, so values spread along a
 * surface and stop at its edges. Each pixel's own weight is its confidence: a rejected pixel (confidence 0)
 * takes its value wholly from its surface, a sure pixel stays close to what was measured. Plain arrays.
 */
public final class FastGlobalSmoother {
    private static final int ITERATIONS = 3;

    private FastGlobalSmoother() {
    }

    /**
     * Smooths {@code disparity} in place; pixels without a disparity (NaN) or with confidence 0 get the value
     * of their surface where one reaches them, and stay NaN where none does.
     *
     * @param guide       left image bytes, interleaved, {@code channels} per pixel
     * @param confidence  0..255 per pixel: the weight of the measured value
     * @param lambda      smoothness strength (larger spreads further)
     * @param colourSigma colour distance (sum over channels) at which a neighbour's weight falls to 1/e
     */
    public static void apply(float[] disparity, byte[] confidence, byte[] guide, int channels, int width, int height,
                             double lambda, double colourSigma) {
        int n = width * height;
        float[] num = new float[n];
        float[] den = new float[n];
        for (int i = 0; i < n; i++) {
            float d = disparity[i];
            float c = Float.isNaN(d) ? 0 : (confidence[i] & 0xff) / 255f;
            num[i] = c * (Float.isNaN(d) ? 0 : d);
            den[i] = c;
        }
        float[] table = new float[256 * channels];
        for (int i = 0; i < table.length; i++) {
            table[i] = (float) Math.exp(-i / colourSigma);
        }
        // horizontal weight between x and x+1 at (x, y); vertical weight between y and y+1 at (x, y)
        float[] wh = new float[n];
        float[] wv = new float[n];
        IntStream.range(0, height).parallel().forEach(y -> {
            for (int x = 0; x < width; x++) {
                int p = y * width + x;
                wh[p] = x + 1 < width ? table[EdgeAwareSmoother.colourDistance(guide, p, p + 1, channels)] : 0;
                wv[p] = y + 1 < height ? table[EdgeAwareSmoother.colourDistance(guide, p, p + width, channels)] : 0;
            }
        });
        double scale = 1.5 * Math.pow(4, ITERATIONS - 1) / (Math.pow(4, ITERATIONS) - 1);
        for (int t = 0; t < ITERATIONS; t++) {
            float lam = (float) (lambda * scale / Math.pow(4, t));
            IntStream.range(0, height).parallel().forEach(y -> {
                float[] c = new float[width];
                solve(num, den, wh, y * width, 1, width, lam, c);
            });
            IntStream.range(0, width).parallel().forEach(x -> {
                float[] c = new float[height];
                solve(num, den, wv, x, width, height, lam, c);
            });
        }
        for (int i = 0; i < n; i++) {
            disparity[i] = den[i] > 1e-4f ? num[i] / den[i] : Float.NaN;
        }
    }

    /**
     * Solves (I + λ·L) u = f in place along one line for both the weighted values and the weights (Thomas
     * algorithm); {@code w[start + k·step]} is the weight between element k and k+1.
     */
    private static void solve(float[] num, float[] den, float[] w, int start, int step, int len, float lam, float[] c) {
        float prevW = 0;
        float prevC = 0;
        int p = start;
        for (int k = 0; k < len; k++, p += step) {
            float a = -lam * prevW;
            float wk = k + 1 < len ? w[p] : 0;
            float cc = -lam * wk;
            float b = 1 - a - cc;
            float m = b - a * prevC;
            float inv = 1f / m;
            c[k] = cc * inv;
            if (k > 0) {
                num[p] = (num[p] - a * num[p - step]) * inv;
                den[p] = (den[p] - a * den[p - step]) * inv;
            } else {
                num[p] *= inv;
                den[p] *= inv;
            }
            prevW = wk;
            prevC = c[k];
        }
        p -= step;
        for (int k = len - 2; k >= 0; k--) {
            p -= step;
            num[p] -= c[k] * num[p + step];
            den[p] -= c[k] * den[p + step];
        }
    }
}
