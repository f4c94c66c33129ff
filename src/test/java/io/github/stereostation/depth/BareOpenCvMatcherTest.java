package io.github.stereostation.depth;

import io.github.stereostation.OpenCvNative;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;

import static org.assertj.core.api.Assertions.assertThat;

/** The bench's baseline does what a preset's OpenCV call does, at the preset's working resolution and range. */
class BareOpenCvMatcherTest {

    @BeforeAll
    static void load() {
        OpenCvNative.load();
    }

    @Test
    void eachPresetsBaselineMatchesAtThePresetsWorkingResolutionAndRange() {
        try (BareOpenCvMatcher fast = BareOpenCvMatcher.forPreset(Preset.load("fast"), 640, 480, 3, 128);
             BareOpenCvMatcher balanced = BareOpenCvMatcher.forPreset(Preset.load("balanced"), 640, 480, 3, 128);
             BareOpenCvMatcher small = BareOpenCvMatcher.forPreset(Preset.load("fast"), 320, 240, 3, 64)) {
            assertThat(fast.factor()).isEqualTo(Preset.load("fast").filters().downscale()).isEqualTo(2);
            assertThat(fast.describe()).isEqualTo("StereoSGBM 3way 320x240, 64 disparities, block 3");
            assertThat(balanced.factor()).isEqualTo(1);
            assertThat(balanced.describe()).isEqualTo("StereoSGBM 3way 640x480, 128 disparities, block 3");
            // fast matches narrow images as given, and so does its baseline
            assertThat(small.describe()).startsWith("StereoSGBM 3way 320x240, 64 disparities");
        }
    }

    @Test
    void withoutFiltersTheBaselineGivesThePresetsOwnDisparity() {
        Preset none = Preset.load("none");
        Preset ranged = none.withMatcher(none.matcher().withNumDisparities(32));
        try (ConstructedPair pair = ConstructedPair.slantedPlane(160, 120, 8, 0.05);
             DisparityMatcher ours = ranged.createMatcher();
             DisparityMap map = ours.compute(pair.left, pair.right);
             BareOpenCvMatcher bare = BareOpenCvMatcher.forPreset(ranged, 160, 120, 3, 32)) {
            bare.compute(pair.left, pair.right);
            assertThat(bare.raw().type()).isEqualTo(CvType.CV_16S);
            short[] raw = new short[160 * 120];
            bare.raw().get(0, 0, raw);
            float[] d = new float[160 * 120];
            map.disparity().get(0, 0, d);
            int valid = 0;
            for (int i = 0; i < d.length; i++) {
                if (raw[i] < 0) {
                    assertThat(d[i]).isNaN();
                } else {
                    assertThat(d[i]).isEqualTo(raw[i] / 16f);
                    valid++;
                }
            }
            assertThat(valid).isGreaterThan(d.length / 2);
        }
    }
}
