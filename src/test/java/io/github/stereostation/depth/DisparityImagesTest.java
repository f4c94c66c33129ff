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
}
