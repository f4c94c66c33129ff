package io.github.stereostation.pipeline;

import io.github.stereostation.OpenCvNative;
import io.github.stereostation.depth.Preset;
import io.github.stereostation.depth.StereoReconstruction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

import static org.assertj.core.api.Assertions.assertThat;

/** What a snapshot keeps: the cloud only where both views overlap, and settings a person can read. */
class SnapshotContentTest {
    @BeforeAll
    static void load() {
        OpenCvNative.load();
    }

    @Test
    void theLeftBandTheRightCameraDoesNotSeeIsDropped() {
        // 200 columns; disparity 12 px on the left half, 37 px on the right; the left band is filled (as hole
        // filling does) with 1 px, which would put points at 30 m
        Mat d = new Mat(10, 200, CvType.CV_32F);
        float[] v = new float[2000];
        for (int y = 0; y < 10; y++) {
            for (int x = 0; x < 200; x++) {
                v[y * 200 + x] = x < 37 ? 1f : x < 100 ? 12f : 37f;
            }
        }
        d.put(0, 0, v);
        Mat kept = StereoReconstruction.overlapOnly(d);
        float[] k = new float[2000];
        kept.get(0, 0, k);
        for (int x = 0; x < 200; x++) {
            assertThat(Float.isNaN(k[5 * 200 + x])).as("column " + x + " dropped").isEqualTo(x < 37);
        }
        float[] original = new float[2000];
        d.get(0, 0, original);
        assertThat(original).as("the disparity itself is kept as matched").isEqualTo(v);
        kept.release();
        d.release();
    }

    @Test
    void settingsReadAsKeyValueLines() {
        String text = SnapshotTaker.describeSettings(Preset.load("balanced"));
        System.out.print(text);
        assertThat(text).startsWith("preset: balanced\nmatcher: ").contains("fillHoles: ").doesNotContain("Preset[")
                .doesNotContain("MatcherSettings[");
    }
}
