package io.github.stereostation.depth;

import io.github.stereostation.OpenCvNative;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

import static org.assertj.core.api.Assertions.assertThat;

class DisparityImagesTest {
    @BeforeAll
    static void load() {
        OpenCvNative.load();
    }

    @Test
    void greyIsLightForNearBlackForHolesAndColourKeepsHolesBlack() {
        Mat d = new Mat(1, 4, CvType.CV_32F);
        d.put(0, 0, new float[]{Float.NaN, 0f, 10f, 20f});
        assertThat(DisparityImages.maxFinite(d)).isEqualTo(20.0);
        Mat g = DisparityImages.grey(d, 20);
        byte[] v = new byte[4];
        g.get(0, 0, v);
        assertThat(v[0] & 0xff).isZero();               // no disparity
        assertThat(v[1] & 0xff).isEqualTo(1);           // farthest real value stays distinguishable from a hole
        assertThat(v[2] & 0xff).isEqualTo(128);
        assertThat(v[3] & 0xff).isEqualTo(255);         // nearest = lightest
        Mat c = DisparityImages.colour(d, 20);
        byte[] bgr = new byte[12];
        c.get(0, 0, bgr);
        assertThat(new byte[]{bgr[0], bgr[1], bgr[2]}).containsOnly((byte) 0);
        assertThat((bgr[9] & 0xff) + (bgr[10] & 0xff) + (bgr[11] & 0xff)).isGreaterThan(0);
        d.release();
        g.release();
        c.release();
    }

    /** A long row takes OpenCV's vectorised loops, where compare(CMP_NE) misses NaN: every hole must stay black. */
    @Test
    void everyHoleOfAFullSizeMapIsBlackAndInfinityIsAHoleToo() {
        int w = 640, h = 480;
        float[] v = new float[w * h];
        java.util.Random rnd = new java.util.Random(3);
        int holes = 0;
        for (int i = 0; i < v.length; i++) {
            int k = rnd.nextInt(4);
            v[i] = k == 0 ? Float.NaN : k == 1 ? Float.POSITIVE_INFINITY : 1 + 60 * rnd.nextFloat();
            holes += k <= 1 ? 1 : 0;
        }
        Mat d = new Mat(h, w, CvType.CV_32F);
        d.put(0, 0, v);
        Mat mask = new Mat();
        DisparityImages.holeMask(d, mask);
        assertThat(org.opencv.core.Core.countNonZero(mask)).isEqualTo(holes);
        assertThat(DisparityImages.maxFinite(d)).isLessThanOrEqualTo(61).isGreaterThan(60);
        Mat c = DisparityImages.colour(d, 61);
        byte[] bgr = new byte[w * h * 3];
        c.get(0, 0, bgr);
        int black = 0;
        for (int i = 0; i < v.length; i++) {
            boolean isBlack = bgr[3 * i] == 0 && bgr[3 * i + 1] == 0 && bgr[3 * i + 2] == 0;
            assertThat(isBlack).as("pixel %d (%s)", i, v[i]).isEqualTo(!Float.isFinite(v[i]));
            black += isBlack ? 1 : 0;
        }
        assertThat(black).isEqualTo(holes);
        d.release();
        mask.release();
        c.release();
    }
}
