package io.github.stereostation.sim;

import io.github.stereostation.OpenCvNative;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.calib3d.Calib3d;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfDouble;
import org.opencv.core.MatOfPoint2f;
import org.opencv.core.MatOfPoint3f;
import org.opencv.core.Point;
import org.opencv.core.Point3;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PinholeCameraTest {
    @BeforeAll
    static void load() {
        OpenCvNative.load();
    }

    /**
     * OpenCV's projectPoints of one point (float input, as its Java binding takes), to ~1e-7 px: OpenCV works
     * in double inside but returns floats, so the principal point is shifted to bring the answer near zero,
     * where a float still resolves 1e-7 px, and the shift is added back in double.
     */
    static double[] projectWithOpenCv(PinholeCamera cam, float x, float y, float z, double[] guess) {
        double su = Math.rint(guess[0]), sv = Math.rint(guess[1]);
        MatOfPoint3f obj = new MatOfPoint3f(new Point3(x, y, z));
        Mat r = Mat.zeros(3, 1, CvType.CV_64F);
        Mat t = Mat.zeros(3, 1, CvType.CV_64F);
        Mat k = new Mat(3, 3, CvType.CV_64F);
        k.put(0, 0, cam.fx(), 0, cam.cx() - su, 0, cam.fy(), cam.cy() - sv, 0, 0, 1);
        MatOfDouble d = new MatOfDouble(cam.distortion().toArray());
        MatOfPoint2f out = new MatOfPoint2f();
        Calib3d.projectPoints(obj, r, t, k, d, out);
        Point p = out.toArray()[0];
        for (Mat m : new Mat[] {obj, r, t, k, d, out}) {
            m.release();
        }
        return new double[] {p.x + su, p.y + sv};
    }

    @Test
    void projectAgreesWithOpenCvProjectPointsToAMicroPixel() {
        StereoRig rig = StereoRig.desk(640, 480);
        Random rng = new Random(3);
        for (PinholeCamera cam : new PinholeCamera[] {rig.left(), rig.right()}) {
            double worst = 0;
            for (int i = 0; i < 300; i++) {
                float z = (float) (300 + 3000 * rng.nextDouble());
                float x = (float) ((rng.nextDouble() - 0.5) * 1.1 * z);
                float y = (float) ((rng.nextDouble() - 0.5) * 0.85 * z);
                double[] uv = cam.project(x, y, z);
                double[] cv = projectWithOpenCv(cam, x, y, z, uv);
                worst = Math.max(worst, Math.hypot(uv[0] - cv[0], uv[1] - cv[1]));
            }
            System.out.printf("projectPoints agreement: worst %.2e px%n", worst);
            assertThat(worst).isLessThan(1e-6);
        }
    }

    @Test
    void rayInvertsProjectionEverywhereOnTheSensor() {
        PinholeCamera cam = StereoRig.desk(640, 480).left();
        double worst = 0;
        for (double v = -0.5; v <= 479.5; v += 23.9) {
            for (double u = -0.5; u <= 639.5; u += 31.7) {
                double[] ray = cam.ray(u, v);
                assertThat(ray[2]).isEqualTo(1.0);
                double[] back = cam.project(ray[0] * 1234, ray[1] * 1234, 1234);
                worst = Math.max(worst, Math.hypot(back[0] - u, back[1] - v));
            }
        }
        assertThat(worst).isLessThan(1e-6);
        // the distortion really bends rays: the corner ray differs from the pinhole ray by pixels
        double[] corner = cam.ray(0, 0);
        double pinholeX = (0 - cam.cx()) / cam.fx();
        assertThat(Math.abs(corner[0] - pinholeX) * cam.fx()).isGreaterThan(5);
    }

    @Test
    void matricesCarryTheParameters() {
        PinholeCamera cam = StereoRig.desk(640, 480).right();
        Mat k = cam.cameraMatrix();
        Mat d = cam.distCoeffs();
        assertThat(k.get(0, 0)[0]).isEqualTo(cam.fx());
        assertThat(k.get(1, 1)[0]).isEqualTo(cam.fy());
        assertThat(k.get(0, 2)[0]).isEqualTo(cam.cx());
        assertThat(k.get(1, 2)[0]).isEqualTo(cam.cy());
        assertThat(k.get(2, 2)[0]).isEqualTo(1.0);
        assertThat(d.cols()).isEqualTo(5);
        assertThat(d.get(0, 0)[0]).isEqualTo(cam.distortion().k1());
        assertThat(d.get(0, 3)[0]).isEqualTo(cam.distortion().p2());
        k.release();
        d.release();
    }

    @Test
    void deskRigHasItsDocumentedGeometry() {
        StereoRig desk = StereoRig.desk(640, 480);
        assertThat(desk.baselineMm()).isCloseTo(60, within(1e-12));
        assertThat(desk.isRectifiedIdeal()).isFalse();
        double angleDeg = Math.toDegrees(Math.sqrt(java.util.Arrays.stream(desk.rotationRodrigues()).map(x -> x * x).sum()));
        assertThat(angleDeg).isBetween(0.5, 1.0);
        StereoRig ideal = StereoRig.idealDesk(640, 480);
        assertThat(ideal.isRectifiedIdeal()).isTrue();
        assertThat(ideal.translationMm()).containsExactly(-desk.baselineMm(), 0, 0);
        assertThat(ideal.left()).isEqualTo(ideal.right());
        assertThat(ideal.left().fx()).isEqualTo(560);
        // a point 1 m ahead: right-camera x = left x - B, so disparity is f*B/Z
        double[] l = ideal.left().project(100, 50, 1000);
        double[] r = ideal.right().project(100 - ideal.baselineMm(), 50, 1000);
        assertThat(l[0] - r[0]).isCloseTo(560 * ideal.baselineMm() / 1000, within(1e-9));
    }
}
