package io.github.stereostation.depth;

import java.util.stream.IntStream;

/**
 * Edge-aware smoothing of a disparity map guided by the left image, in two steps on plain arrays:
 * <ol>
 * <li>pixels of low confidence (rejected and filled, or unsure) are replaced by a weighted median of their
 * window, each neighbour weighted by its colour similarity to the centre and by its own confidence, so a
 * guess is overruled by sure pixels of the same surface and never by the other side of a colour edge;</li>
 * <li>every pixel becomes the colour- and confidence-weighted mean of the neighbours within ±1 px of its own
 * disparity: sub-pixel noise on a surface averages out while neighbours across a depth step (more than
 * 1 px away) take no part, so edges do not move.</li>
 * </ol>
 */
public final class EdgeAwareSmoother {
    /** Pixels below this confidence are re-estimated by the weighted median. */
    public static final int LOW_CONFIDENCE = 128;

    private EdgeAwareSmoother() {
    }

    /**
     * Smooths {@code disparity} in place.
     *
     * @param guide     left image bytes, interleaved, {@code channels} per pixel
     * @param confidence 0..255 per pixel
     * @param state     {@link LeftRightCheck} state per pixel, or null; an occluded pixel belongs to the
     *                  background, so its median only considers neighbours no nearer than its filled value
     * @param maxDisparity largest disparity that can occur (histogram size of the median)
     */
    public static void apply(float[] disparity, byte[] confidence, byte[] state, byte[] guide, int channels,
                             int width,
                             int height, int maxDisparity, int medianRadius, int bilateralRadius,
                             double colourSigma) {
        float[] colourWeight = new float[256 * channels];
        for (int i = 0; i < colourWeight.length; i++) {
            colourWeight[i] = (float) Math.exp(-i / colourSigma);
        }
        float[] confWeight = new float[256];
        for (int c = 0; c < 256; c++) {
            confWeight[c] = 0.02f + c / 255f;
        }
        if (medianRadius > 0) {
            float[] src = disparity.clone();
            int bins = maxDisparity + 2;
            int stride = medianRadius > 5 ? 2 : 1;
            IntStream.range(0, height).parallel().forEach(y -> {
                float[] hist = new float[bins];
                float[] sum = new float[bins];
                for (int x = 0; x < width; x++) {
                    int p = y * width + x;
                    if ((confidence[p] & 0xff) >= LOW_CONFIDENCE) {
                        continue;
                    }
                    float ceiling = state != null && state[p] == LeftRightCheck.OCCLUDED && !Float.isNaN(src[p])
                            ? src[p] + 1 : Float.MAX_VALUE;
                    float total = 0;
                    int lo = bins;
                    int hi = -1;
                    int y0 = Math.max(0, y - medianRadius);
                    int y1 = Math.min(height - 1, y + medianRadius);
                    int x0 = Math.max(0, x - medianRadius);
                    int x1 = Math.min(width - 1, x + medianRadius);
                    for (int yy = y0; yy <= y1; yy += stride) {
                        for (int xx = x0; xx <= x1; xx += stride) {
                            int q = yy * width + xx;
                            float d = src[q];
                            if (!(d <= ceiling)) { // NaN, or a nearer surface for an occluded pixel
                                continue;
                            }
                            float w = colourWeight[colourDistance(guide, p, q, channels)]
                                    * confWeight[confidence[q] & 0xff];
                            int b = Math.min(bins - 1, Math.max(0, Math.round(d)));
                            if (b < lo) {
                                lo = b;
                            }
                            if (b > hi) {
                                hi = b;
                            }
                            hist[b] += w;
                            sum[b] += w * d;
                            total += w;
                        }
                    }
                    if (hi < 0) {
                        continue;
                    }
                    float half = total / 2;
                    float acc = 0;
                    boolean found = false;
                    for (int b = lo; b <= hi; b++) {
                        acc += hist[b];
                        if (!found && acc >= half && hist[b] > 0) {
                            disparity[p] = sum[b] / hist[b];
                            found = true;
                        }
                        hist[b] = 0; // leave the histogram empty for the next pixel
                        sum[b] = 0;
                    }
                }
            });
        }
        if (bilateralRadius > 0) {
            float[] src = disparity.clone();
            int r = bilateralRadius;
            IntStream.range(0, height).parallel().forEach(y -> {
                for (int x = 0; x < width; x++) {
                    int p = y * width + x;
                    float dp = src[p];
                    if (Float.isNaN(dp)) {
                        continue;
                    }
                    float wsum = 0;
                    float dsum = 0;
                    for (int yy = Math.max(0, y - r); yy <= Math.min(height - 1, y + r); yy++) {
                        for (int xx = Math.max(0, x - r); xx <= Math.min(width - 1, x + r); xx++) {
                            int q = yy * width + xx;
                            float dq = src[q];
                            if (!(Math.abs(dq - dp) <= 1f)) {
                                continue;
                            }
                            float w = colourWeight[colourDistance(guide, p, q, channels)]
                                    * confWeight[confidence[q] & 0xff];
                            wsum += w;
                            dsum += w * dq;
                        }
                    }
                    if (wsum > 0) {
                        disparity[p] = dsum / wsum;
                    }
                }
            });
        }
    }

    /** Sum over channels of |guide(p) − guide(q)|. */
    static int colourDistance(byte[] guide, int p, int q, int channels) {
        int d = 0;
        int a = p * channels;
        int b = q * channels;
        for (int c = 0; c < channels; c++) {
            d += Math.abs((guide[a + c] & 0xff) - (guide[b + c] & 0xff));
        }
        return d;
    }
}
