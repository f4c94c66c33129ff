package io.github.stereostation;

import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;

import static org.assertj.core.api.Assertions.assertThat;

class OpenCvNativeTest {
    @Test
    void loadsOnceAndComputes() {
        OpenCvNative.load();
        OpenCvNative.load();
        Mat m = new Mat(4, 5, CvType.CV_32F, new Scalar(2.5));
        assertThat(Core.sumElems(m).val[0]).isEqualTo(50.0);
        assertThat(Core.VERSION).startsWith("4.9");
        m.release();
    }
}
