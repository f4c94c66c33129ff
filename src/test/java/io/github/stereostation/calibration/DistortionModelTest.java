package io.github.stereostation.calibration;

import io.github.stereostation.geometry.CameraIntrinsics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The check that rejects a lens model folding back inside the image (see MonoCalibrator.fit). */
class DistortionModelTest {
    private static CameraIntrinsics cam(double k1, double k2, double k3) {
        return new CameraIntrinsics(640, 480, 500, 500, 320, 240, new double[]{k1, k2, 0, 0, k3});
    }

    @Test
    void ordinaryLensesAreOneToOneOverTheImage() {
        assertThat(MonoCalibrator.radialMonotonicInImage(cam(0, 0, 0))).isTrue();
        assertThat(MonoCalibrator.radialMonotonicInImage(cam(-0.31, 0.16, -0.02))).isTrue();
        assertThat(MonoCalibrator.radialMonotonicInImage(cam(0.1, 0.05, 0))).isTrue();
    }

    @Test
    void overfittedPolynomialsThatTurnBackAreCaught() {
        // Values of the kind measured on views covering only the image centre.
        assertThat(MonoCalibrator.radialMonotonicInImage(cam(-0.025, 0.786, -9.5))).isFalse();
        // Strong barrel: r(1 + k1 r^2) peaks at r = 1/sqrt(3 |k1|) = 0.72 while the corner is at r = 0.8.
        assertThat(MonoCalibrator.radialMonotonicInImage(cam(-0.65, 0, 0))).isFalse();
    }
}
