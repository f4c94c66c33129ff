package io.github.stereostation.capture;

import io.github.stereostation.OpenCvNative;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The guide against views cut from one large textured "world" image at known offsets: a camera slid right by k
 * pixels sees the window k pixels further right, so the scene moves k pixels left in its image.
 */
class TwoShotCaptureTest {
    private static final int W = 320;
    private static final int H = 240;
    private static Mat world;

    @BeforeAll
    static void makeWorld() {
        OpenCvNative.load();
        Mat noise = TestFrames.noise(900, 600, CvType.CV_8UC3, 5);
        world = new Mat();
        Imgproc.GaussianBlur(noise, world, new Size(7, 7), 0); // camera-like texture, no single-pixel noise
        noise.release();
    }

    @AfterAll
    static void free() {
        world.release();
    }

    /** The view of a camera at (x, y) in the world. */
    private static Mat view(int x, int y) {
        Mat sub = world.submat(new Rect(300 + x, 150 + y, W, H));
        Mat copy = sub.clone();
        sub.release();
        return copy;
    }

    private static TwoShotCapture.Guidance trackAt(TwoShotCapture t, int x, int y) {
        Mat v = view(x, y);
        try {
            return t.track(v);
        } finally {
            v.release();
        }
    }

    @Test
    void guidesTheUserFromTheLeftViewToAGoodRightView() {
        try (TwoShotCapture t = new TwoShotCapture()) {
            assertThat(t.step()).isEqualTo(TwoShotCapture.Step.TAKE_LEFT);
            Mat leftView = view(0, 0);
            t.captureLeft(leftView, 1_000);
            assertThat(t.step()).isEqualTo(TwoShotCapture.Step.MOVE_RIGHT);
            assertThat(t.guidance().message()).contains("6 cm to the right");

            TwoShotCapture.Guidance still = trackAt(t, 0, 0);
            assertThat(still.readyForRight()).isFalse();
            assertThat(still.message()).contains("further to the right");
            assertThat(still.shiftPx()).isCloseTo(0, within(1.0));

            TwoShotCapture.Guidance good = trackAt(t, 24, 0);
            assertThat(good.shiftPx()).as("scene moved 24 px left").isCloseTo(-24, within(2.0));
            assertThat(good.driftPx()).isCloseTo(0, within(2.0));
            assertThat(good.readyForRight()).isTrue();
            assertThat(good.message()).startsWith("Good");

            TwoShotCapture.Guidance wrongWay = trackAt(t, -24, 0);
            assertThat(wrongWay.readyForRight()).isFalse();
            assertThat(wrongWay.message()).contains("moved left");

            TwoShotCapture.Guidance tilted = trackAt(t, 24, 20);
            assertThat(tilted.readyForRight()).isFalse();
            assertThat(tilted.message()).contains("level").contains("went down");
            assertThat(tilted.driftPx()).as("camera 20 px lower: scene 20 px up").isCloseTo(-20, within(2.0));

            TwoShotCapture.Guidance far = trackAt(t, 100, 0);
            assertThat(far.readyForRight()).isFalse();
            assertThat(far.message()).startsWith("Too far");

            Mat elsewhere = TestFrames.noise(W, H, CvType.CV_8UC3, 99);
            TwoShotCapture.Guidance lost = t.track(elsewhere);
            elsewhere.release();
            assertThat(lost.readyForRight()).isFalse();
            assertThat(lost.message()).contains("does not match");

            Mat rightView = view(24, 0);
            TwoShotCapture.Guidance done = t.captureRight(rightView, 5_000_000_000L);
            assertThat(t.step()).isEqualTo(TwoShotCapture.Step.DONE);
            assertThat(done.readyForRight()).isTrue();
            try (StereoFrame pair = t.pair()) {
                assertThat(TestFrames.identical(pair.left(), leftView)).isTrue();
                assertThat(TestFrames.identical(pair.right(), rightView)).isTrue();
                assertThat(pair.leftNanos()).isEqualTo(1_000);
                assertThat(pair.rightNanos()).isEqualTo(5_000_000_000L);
            }
            leftView.release();
            rightView.release();
        }
    }

    @Test
    void stepsHappenInOrderAndRetakeStartsOver() {
        try (TwoShotCapture t = new TwoShotCapture()) {
            Mat v = view(0, 0);
            assertThatThrownBy(() -> t.captureRight(v, 0)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("left view first");
            assertThatThrownBy(t::pair).isInstanceOf(IllegalStateException.class);
            t.captureLeft(v, 0);
            assertThatThrownBy(() -> t.captureLeft(v, 0)).isInstanceOf(IllegalStateException.class);
            Mat small = new Mat(10, 10, CvType.CV_8UC3);
            assertThatThrownBy(() -> t.captureRight(small, 0)).isInstanceOf(IllegalArgumentException.class);
            small.release();
            t.retake();
            assertThat(t.step()).isEqualTo(TwoShotCapture.Step.TAKE_LEFT);
            assertThat(t.guidance().message()).contains("take the left view");
            v.release();
        }
    }
}
