package io.github.stereostation.ui;

import io.github.stereostation.depth.DisparityImages;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

/**
 * The station's palette, OpenCV's TURBO, in one place: the live views draw large disparities (near) at its
 * red end and small ones (far) at its blue end, and the 3D viewer's depth colours and the legend use the same
 * table in the same order, so a near object has one colour everywhere.
 */
public final class DepthColours {
    private static final int[] TURBO = turbo();

    private DepthColours() {
    }

    /** Packed 0xRRGGBB of TURBO entry {@code k} (0 = blue end, 255 = red end). */
    public static int turbo(int k) {
        return TURBO[Math.max(0, Math.min(255, k))];
    }

    /**
     * Packed 0xRRGGBB for a depth at fraction {@code t} of the way from near (0) to far (1), clamped: near is
     * TURBO's red end as in the station's disparity view, far its blue end; NaN gives grey.
     */
    public static int rgb(float t) {
        if (Float.isNaN(t)) {
            return 0x808080;
        }
        float c = Math.max(0f, Math.min(1f, t));
        return TURBO[Math.round(255 * (1 - c))];
    }

    /** The 256 colours OpenCV's TURBO map gives, so every drawing matches the views pixel for pixel. */
    private static int[] turbo() {
        io.github.stereostation.OpenCvNative.load();
        Mat ramp = new Mat(1, 256, CvType.CV_8U);
        Mat c = new Mat();
        try {
            byte[] v = new byte[256];
            for (int i = 0; i < 256; i++) {
                v[i] = (byte) i;
            }
            ramp.put(0, 0, v);
            DisparityImages.colourise(ramp, c); // the palette's one home
            byte[] bgr = new byte[256 * 3];
            c.get(0, 0, bgr);
            int[] out = new int[256];
            for (int i = 0; i < 256; i++) {
                out[i] = (bgr[3 * i + 2] & 0xff) << 16 | (bgr[3 * i + 1] & 0xff) << 8 | (bgr[3 * i] & 0xff);
            }
            return out;
        } finally {
            ramp.release();
            c.release();
        }
    }
}
