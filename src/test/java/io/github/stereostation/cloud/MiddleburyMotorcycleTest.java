package io.github.stereostation.cloud;

import io.github.stereostation.OpenCvNative;
import io.github.stereostation.SharedData;
import io.github.stereostation.depth.MiddleburyCalib;
import io.github.stereostation.depth.Pfm;
import io.github.stereostation.SharedData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Mat;
import org.opencv.imgcodecs.Imgcodecs;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The motorcycle scene's metric calib.txt and GT disparity: the cloud's depth must follow calib.txt's formula. */
class MiddleburyMotorcycleTest {

    @BeforeAll
    static void load() {
        OpenCvNative.load();
    }

    @Test
    void groundTruthDisparityGivesTheCalibTxtDepthAtEveryPixel() {
        Path scene = SharedData.scene("motorcycle");
        MiddleburyCalib calib = MiddleburyCalib.read(scene.resolve("calib.txt"));
        assertThat(calib.isMetric()).isTrue();
        assertThat(calib.focalPx()).isEqualTo(994.978);
        assertThat(calib.doffsPx()).isEqualTo(31.086);
        assertThat(calib.baselineMm()).isEqualTo(193.001);
        Mat disp = Pfm.read(scene.resolve("disp0GT.pfm"));
        Mat left = Imgcodecs.imread(scene.resolve("im0.png").toString());
        Mat q = calib.q(scene.resolve("calib.txt"));
        OrganizedCloud grid = CloudBuilder.fromDisparity(disp, q, left, DepthRange.ANY);

        int w = disp.cols(), h = disp.rows();
        float[] d = new float[w * h];
        disp.get(0, 0, d);
        int finite = 0;
        double worstRel = 0;
        double worstXy = 0;
        int validButNoGt = 0;
        float[] p = grid.positions();
        for (int i = 0; i < d.length; i++) {
            if (!Float.isFinite(d[i])) {
                validButNoGt += grid.isValid(i) ? 1 : 0;
                continue;
            }
            finite++;
            double z = calib.baselineMm() * calib.focalPx() / (d[i] + calib.doffsPx()) / 1000.0;
            worstRel = Math.max(worstRel, Math.abs(p[3 * i + 2] - z) / z);
            double x = (i % w - calib.cx0Px()) * z / calib.focalPx();
            double y = (i / w - calib.cyPx()) * z / calib.focalPx();
            worstXy = Math.max(worstXy, Math.max(Math.abs(p[3 * i] - x), Math.abs(p[3 * i + 1] - y)));
        }
        assertThat(grid.validCount()).isEqualTo(finite);
        assertThat(finite).isGreaterThan(w * h / 2);
        assertThat(worstRel).isLessThan(1e-6);
        assertThat(worstXy).isLessThan(1e-5); // metres: 10 micrometres, float rounding only
        assertThat(validButNoGt).isZero();
        // a desk-scale indoor scene: everything between 1 m and 10 m (measured: 2.11 .. 5.02 m)
        float[] b = grid.toPointCloud().bounds();
        System.out.printf("motorcycle: %d points, z %.3f .. %.3f m, worst relative depth error %.2e%n",
                finite, b[2], b[5], worstRel);
        assertThat(b[2]).isGreaterThan(1f);
        assertThat(b[5]).isLessThan(10f);
    }
}
