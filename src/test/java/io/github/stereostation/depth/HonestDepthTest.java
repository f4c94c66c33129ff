package io.github.stereostation.depth;

import io.github.stereostation.OpenCvNative;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a real camera pair does to depth, on constructed pairs whose disparity is exact: cameras that expose
 * differently, scenes near and far, and surfaces with nothing to match.
 */
class HonestDepthTest {

    @BeforeAll
    static void load() {
        OpenCvNative.load();
    }

    private static double bad2(Mat left, Mat right, float[] truth, byte[] occluded) {
        try (DisparityMatcher m = Preset.load("balanced").createMatcher(); DisparityMap d = m.compute(left, right)) {
            float[] v = new float[truth.length];
            d.disparity().get(0, 0, v);
            byte[] mask = new byte[truth.length];
            for (int i = 0; i < mask.length; i++) {
                mask[i] = (byte) (occluded[i] == 0 ? 255 : 128);
            }
            return DisparityMetrics.measure(v, truth, mask).bad2();
        }
    }

    @Test
    void gainOffsetAndGammaBetweenTheCamerasCostLessThanOnePoint() {
        try (ConstructedPair p = ConstructedPair.step(400, 300, 12, 40, 120, 260, 70, 220)) {
            double clean = bad2(p.left, p.right, p.truth, p.occluded);
            Mat brighter = new Mat();
            p.right.convertTo(brighter, -1, 1.3, 0);
            Mat offset = new Mat();
            p.right.convertTo(offset, -1, 1.0, 25);
            Mat[] gamma = CameraDefect.GAMMA.apply(p.left, p.right);
            // glare: a broad bright patch that only the right camera sees (a lamp reflected in its lens)
            Mat glare = p.right.clone();
            Mat patch = new Mat(p.right.size(), p.right.type(), Scalar.all(0));
            Imgproc.circle(patch, new org.opencv.core.Point(200, 150), 90, Scalar.all(45), -1);
            Imgproc.GaussianBlur(patch, patch, new org.opencv.core.Size(0, 0), 25);
            org.opencv.core.Core.add(glare, patch, glare);
            patch.release();
            try {
                assertThat(bad2(p.left, glare, p.truth, p.occluded)).as("glare, clean " + clean)
                        .isLessThan(clean + 1);
                assertThat(bad2(p.left, brighter, p.truth, p.occluded)).as("gain 1.3, clean " + clean)
                        .isLessThan(clean + 1);
                assertThat(bad2(p.left, offset, p.truth, p.occluded)).as("offset +25, clean " + clean)
                        .isLessThan(clean + 1);
                assertThat(bad2(gamma[0], gamma[1], p.truth, p.occluded)).as("gamma 0.8, clean " + clean)
                        .isLessThan(clean + 1);
            } finally {
                brighter.release();
                offset.release();
                gamma[0].release();
                gamma[1].release();
                glare.release();
            }
        }
    }

    @Test
    void estimatedRangeCoversTheNearestSurfaceOfSmallAndLargeRanges() {
        for (int front : new int[] {9, 40, 150}) {
            try (ConstructedPair p = ConstructedPair.step(640, 360, front / 3, front, 250, 420, 90, 270)) {
                DisparityRangeEstimator.Estimate e = DisparityRangeEstimator.estimate(p.left, p.right);
                assertThat(e.fallback()).isFalse();
                assertThat(e.numDisparities()).as("front at " + front + " px: " + e.describe())
                        .isGreaterThan(front)
                        .isLessThanOrEqualTo(Math.max(16, MatcherSettings.roundUpTo16((int) (front * 1.3) + 8)));
                assertThat(e.describe()).contains("nearest surface");
            }
        }
    }

    @Test
    void aSurfaceWithoutTextureIsNeverReportedAsMeasured() {
        int back = 12;
        try (ConstructedPair p = ConstructedPair.step(400, 300, back, 40, 250, 340, 70, 220)) {
            // a blank wall: one flat colour over the same background patch in both views
            Rect inLeft = new Rect(40, 60, 160, 180);
            Rect inRight = new Rect(40 - back, 60, 160, 180);
            Imgproc.rectangle(p.left, inLeft, new Scalar(120, 130, 140), -1);
            Imgproc.rectangle(p.right, inRight, new Scalar(120, 130, 140), -1);
            try (DisparityMatcher m = Preset.load("balanced").createMatcher(); DisparityMap d = m.compute(p.left, p.right)) {
                byte[] c = new byte[p.width * p.height];
                float[] v = new float[c.length];
                d.confidence().get(0, 0, c);
                d.disparity().get(0, 0, v);
                int inside = 0;
                int measured = 0;
                int unknown = 0;
                for (int y = inLeft.y + 5; y < inLeft.y + inLeft.height - 5; y++) {
                    for (int x = inLeft.x + 5; x < inLeft.x + inLeft.width - 5; x++) {
                        int i = y * p.width + x;
                        inside++;
                        measured += (c[i] & 0xff) >= DisparityMap.MEASURED ? 1 : 0;
                        unknown += Float.isNaN(v[i]) ? 1 : 0;
                    }
                }
                assertThat(measured).as("measured pixels inside the blank wall").isZero();
                // deep inside a large blank region nothing is guessed unless asked for
                assertThat(unknown).as("unknown pixels of " + inside).isGreaterThan(inside / 4);
                DisparityMap.Coverage cov = d.coverage();
                assertThat(cov.measured()).isGreaterThan(50).isLessThan(100 - 100.0 * inside / c.length);
                assertThat(cov.unknown()).isGreaterThan(0);
            }
            FilterSettings fillAll = Preset.load("balanced").filters().withFillUntextured(true);
            try (DisparityMatcher m = Preset.load("balanced").withFilters(fillAll).createMatcher();
                 DisparityMap d = m.compute(p.left, p.right)) {
                assertThat(d.coverage().unknown()).as("filled on request").isLessThan(1);
            }
        }
    }

    @Test
    void confidenceRanksErrorsAndEveryDefectKeepsThePairSize() {
        try (ConstructedPair p = ConstructedPair.step(400, 300, 12, 40, 120, 260, 70, 220);
             DisparityMatcher m = Preset.load("balanced").createMatcher()) {
            for (CameraDefect defect : CameraDefect.values()) {
                Mat[] pair = defect.apply(p.left, p.right);
                try (DisparityMap d = m.compute(pair[0], pair[1])) {
                    assertThat(pair[1].size()).isEqualTo(p.right.size());
                    Mat truth = new Mat(p.height, p.width, CvType.CV_32F);
                    truth.put(0, 0, p.truth);
                    Sparsification s = Sparsification.measure(d, truth, null);
                    DisparityMetrics all = DisparityMetrics.measure(d.disparity(), truth, null);
                    assertThat(s.bad2Best50()).as(defect.label()).isLessThanOrEqualTo(s.bad2Best90());
                    assertThat(s.bad2Best90()).as(defect.label()).isLessThan(all.bad2());
                    truth.release();
                } finally {
                    pair[0].release();
                    pair[1].release();
                }
            }
        }
    }

    @Test
    void globalSmootherFillsHolesFromTheirOwnSurfaceAndKeepsTheEdge() {
        int w = 80;
        int h = 40;
        byte[] guide = new byte[w * h];
        float[] d = new float[w * h];
        byte[] c = new byte[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                boolean near = x >= 40;
                guide[i] = (byte) (near ? 200 : 60);
                d[i] = near ? 30 : 10;
                c[i] = (byte) 255;
                if (x >= 30 && x < 38 || x >= 42 && x < 50) {
                    d[i] = Float.NaN; // holes on both sides of the edge
                    c[i] = 0;
                }
            }
        }
        FastGlobalSmoother.apply(d, c, guide, 1, w, h, 50, 10);
        for (int y = 0; y < h; y++) {
            assertThat(d[y * w + 34]).isCloseTo(10f, org.assertj.core.data.Offset.offset(0.5f));
            assertThat(d[y * w + 45]).isCloseTo(30f, org.assertj.core.data.Offset.offset(0.5f));
            assertThat(d[y * w + 39]).isCloseTo(10f, org.assertj.core.data.Offset.offset(0.5f));
            assertThat(d[y * w + 40]).isCloseTo(30f, org.assertj.core.data.Offset.offset(0.5f));
        }
    }
}
