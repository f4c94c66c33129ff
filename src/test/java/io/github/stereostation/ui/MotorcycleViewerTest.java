package io.github.stereostation.ui;

import io.github.stereostation.OpenCvNative;
import io.github.stereostation.SharedData;
import io.github.stereostation.cloud.CloudBuilder;
import io.github.stereostation.cloud.DepthRange;
import io.github.stereostation.cloud.PointCloud;
import io.github.stereostation.depth.MiddleburyCalib;
import io.github.stereostation.depth.Pfm;
import io.github.stereostation.SharedData;
import org.junit.jupiter.api.Test;
import org.opencv.core.Mat;
import org.opencv.imgcodecs.Imgcodecs;

import java.awt.image.BufferedImage;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The real motorcycle scene in the viewer: front and orbited views are kept as screenshots. */
class MotorcycleViewerTest {

    @Test
    void theMotorcycleCloudFillsTheFrontViewAndStaysVisibleWhenOrbited() throws Exception {
        Path scene = SharedData.scene("motorcycle");
        OpenCvNative.load();
        MiddleburyCalib calib = MiddleburyCalib.read(scene.resolve("calib.txt"));
        Mat q = calib.q(scene.resolve("calib.txt"));
        PointCloud cloud = CloudBuilder.fromDisparity(Pfm.read(scene.resolve("disp0GT.pfm")), q,
                Imgcodecs.imread(scene.resolve("im0.png").toString()), DepthRange.ANY).toPointCloud();
        PointCloudViewer v = new PointCloudViewer(cloud);
        v.setSize(960, 640);
        BufferedImage front = v.renderOffscreen(960, 640);
        // home view: from the capture camera, a little wider than the photo, so neighbouring points just touch
        assertThat(v.camera().eye()).containsExactly(new double[]{0, 0, 0}, org.assertj.core.api.Assertions.within(1e-6));
        assertThat(v.pointSizePx()).isEqualTo(2);
        PointCloudViewerTest.save(front, "motorcycle-front.png");
        v.setCamera(v.camera().orbit(Math.toRadians(-40), Math.toRadians(15)));
        BufferedImage side = v.renderOffscreen(960, 640);
        PointCloudViewerTest.save(side, "motorcycle-orbit.png");
        v.setColourMode(CloudRenderer.ColourMode.DEPTH);
        v.setPointSizePx(2);
        PointCloudViewerTest.save(v.renderOffscreen(960, 640), "motorcycle-orbit-depth.png");
        // the home view fills the frame like the photo, without gaps between the points
        assertThat(coverage(front)).isGreaterThan(0.75);
        assertThat(coverage(side)).isGreaterThan(0.2);
        v.dispose();
    }

    static double coverage(BufferedImage img) {
        int lit = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                lit += (img.getRGB(x, y) & 0xFFFFFF) != CloudRenderer.BACKGROUND ? 1 : 0;
            }
        }
        return lit / (double) (img.getWidth() * img.getHeight());
    }
}
