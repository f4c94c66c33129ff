package io.github.stereostation.capture;

import io.github.stereostation.OpenCvNative;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;

/** Frames for tests, each carrying its identity in its pixels so a test can tell which frame came out. */
public final class TestFrames {
    private TestFrames() {
    }

    /** A small image whose every pixel of channel 0 is {@code id % 256} and channel 1 is {@code id / 256}. */
    static Mat labelled(int id) {
        OpenCvNative.load();
        return new Mat(8, 8, CvType.CV_8UC3, new Scalar(id % 256, id / 256, 7));
    }

    static int label(Mat m) {
        double[] px = m.get(0, 0);
        return (int) px[0] + 256 * (int) px[1];
    }

    /** Uniform noise, seeded: the hardest content for a lossy codec and for any off-by-one in pixel copies. */
    public static Mat noise(int w, int h, int type, long seed) {
        OpenCvNative.load();
        Mat m = new Mat(h, w, type);
        Core.setRNGSeed((int) seed);
        Core.randu(m, 0, CvType.depth(type) == CvType.CV_16U ? 65536 : 256);
        return m;
    }

    public static boolean identical(Mat a, Mat b) {
        if (!a.size().equals(b.size()) || a.type() != b.type()) {
            return false;
        }
        return Core.norm(a, b, Core.NORM_INF) == 0;
    }
}
