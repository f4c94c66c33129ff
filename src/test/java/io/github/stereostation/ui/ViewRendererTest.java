package io.github.stereostation.ui;

import io.github.stereostation.OpenCvNative;
import io.github.stereostation.capture.StereoFrame;
import io.github.stereostation.geometry.DisparityToDepth;
import io.github.stereostation.pipeline.DepthStage;
import io.github.stereostation.pipeline.FrameJob;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;

import java.awt.image.BufferedImage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ViewRendererTest {
    @BeforeAll
    static void load() {
        OpenCvNative.load();
    }

    /** 80x60 pair; disparity 10 px on the left half, 20 px on the lower right quarter, none elsewhere. */
    private static FrameJob job(DisparityToDepth g) throws Exception {
        Mat l = new Mat(60, 80, CvType.CV_8UC3, new Scalar(10, 20, 30));
        Mat r = new Mat(60, 80, CvType.CV_8UC3, new Scalar(40, 50, 60));
        FrameJob job = new FrameJob(new StereoFrame(l, r, 1, 1, 7), 1, 4);
        Mat d = new Mat(60, 80, CvType.CV_32F, new Scalar(Float.NaN));
        d.submat(new Rect(0, 0, 40, 60)).setTo(new Scalar(10));
        d.submat(new Rect(40, 30, 40, 30)).setTo(new Scalar(20));
        job.setDisparity(d);
        if (g != null) {
            new DepthStage(() -> g).process(job);
        }
        return job;
    }

    @Test
    void colourMapsValuesBlackensHolesAndReadsMetresBack() throws Exception {
        DisparityToDepth g = new DisparityToDepth(500, 0.1, 0, 40, 30);
        try (FrameJob job = job(g); ViewRenderer renderer = new ViewRenderer(ViewSettings::defaults, v -> { })) {
            StationView v = renderer.render(job);
            assertThat(v.sequence()).isEqualTo(7);
            assertThat(v.disparityAt(5, 5)).isEqualTo(10.0);
            assertThat(v.depthAt(5, 5)).isCloseTo(5.0, within(1e-5)); // 500 · 0.1 / 10
            assertThat(v.depthAt(70, 50)).isCloseTo(2.5, within(1e-5));
            assertThat(v.disparityAt(70, 5)).isNaN();
            BufferedImage map = v.map();
            assertThat(map.getRGB(70, 5) & 0xffffff).isEqualTo(0); // no disparity: black
            int near = map.getRGB(70, 50) & 0xffffff;
            int far = map.getRGB(5, 5) & 0xffffff;
            assertThat(near).isNotEqualTo(0).isNotEqualTo(far);
            assertThat(far).isNotEqualTo(0);
            assertThat(v.coverage()).isCloseTo(0.75, within(1e-9));
            // the left image is the capture itself, BGR (10,20,30) → RGB (30,20,10)
            assertThat(v.left().getRGB(3, 3) & 0xffffff).isEqualTo(0x1e140a);
            // legend: the top of the scale (20 px) is 2.50 m away
            assertThat(ColourLegend.label(v, 1.0)).isEqualTo("2.50 m");
        }
    }

    @Test
    void greyDepthViewDrawsNearBrightAndWithoutCalibrationFallsBackToPixels() throws Exception {
        DisparityToDepth g = new DisparityToDepth(500, 0.1, 0, 40, 30);
        ViewSettings depthGrey = new ViewSettings(ViewSettings.Quantity.DEPTH, ViewSettings.Palette.GREY, true);
        try (FrameJob job = job(g); ViewRenderer renderer = new ViewRenderer(() -> depthGrey, v -> { })) {
            StationView v = renderer.render(job);
            int near = v.map().getRGB(70, 50) & 0xff;
            int far = v.map().getRGB(5, 5) & 0xff;
            assertThat(near).isGreaterThan(far);
            assertThat(ColourLegend.label(v, 0.0)).endsWith(" m");
        }
        try (FrameJob job = job(null); ViewRenderer renderer = new ViewRenderer(() -> depthGrey, v -> { })) {
            StationView v = renderer.render(job);
            assertThat(v.settings().quantity()).isEqualTo(ViewSettings.Quantity.DISPARITY);
            assertThat(v.depthAt(5, 5)).isNaN();
            assertThat(ColourLegend.label(v, 1.0)).endsWith(" px");
        }
    }
}
