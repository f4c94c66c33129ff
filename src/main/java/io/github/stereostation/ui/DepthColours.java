package io.github.stereostation.ui;

/**
 * A perceptual near-to-far colour ramp (dark blue, cyan, green, yellow, red, in the spirit of "turbo"),
 * as piecewise-linear steps between anchors: near is blue, far is red.
 */
public final class DepthColours {
    private static final float[][] ANCHORS = {
            {0.00f, 0x30, 0x12, 0x3b},
            {0.15f, 0x45, 0x6a, 0xe6},
            {0.35f, 0x1a, 0xe4, 0xb6},
            {0.50f, 0x72, 0xfe, 0x5e},
            {0.65f, 0xc6, 0xe9, 0x3b},
            {0.80f, 0xfb, 0x80, 0x22},
            {1.00f, 0x7a, 0x04, 0x03},
    };

    private DepthColours() {
    }

    /** Packed 0xRRGGBB for t in 0..1 (clamped; NaN gives grey). */
    public static int rgb(float t) {
        if (Float.isNaN(t)) {
            return 0x808080;
        }
        t = Math.max(0f, Math.min(1f, t));
        for (int k = 1; k < ANCHORS.length; k++) {
            float[] a = ANCHORS[k - 1], b = ANCHORS[k];
            if (t <= b[0]) {
                float u = (t - a[0]) / (b[0] - a[0]);
                int r = Math.round(a[1] + u * (b[1] - a[1]));
                int g = Math.round(a[2] + u * (b[2] - a[2]));
                int bl = Math.round(a[3] + u * (b[3] - a[3]));
                return r << 16 | g << 8 | bl;
            }
        }
        float[] last = ANCHORS[ANCHORS.length - 1];
        return (int) last[1] << 16 | (int) last[2] << 8 | (int) last[3];
    }
}
