package io.github.stereostation.pipeline;

import io.github.stereostation.OpenCvNative;
import io.github.stereostation.geometry.DisparityToDepth;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class StationPipelineTest {
    @BeforeAll
    static void load() {
        OpenCvNative.load();
    }

    /** A real (if tiny) stage: fills the disparity with the mean absolute difference after shifting by d. */
    private static Stage constantShiftMatcher(int d) {
        return new Stage() {
            @Override
            public String name() {
                return "match";
            }

            @Override
            public void process(FrameJob job) {
                Mat out = new Mat(job.left().size(), CvType.CV_32F, new Scalar(d));
                job.setDisparity(out);
            }
        };
    }

    private static void awaitDelivered(StationPipeline p, long n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (p.stats().delivered() < n && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    @Test
    void deliversEveryStageOutputInOrderAndStopsAllThreads() throws Exception {
        ShiftedPairSource source = new ShiftedPairSource(160, 120, 6, 0);
        List<Long> sequences = new CopyOnWriteArrayList<>();
        List<Double> values = new CopyOnWriteArrayList<>();
        StationPipeline p = new StationPipeline(source,
                List.of(constantShiftMatcher(6), new DepthStage(() -> new DisparityToDepth(100, 0.06, 0, 80, 60))),
                job -> {
                    sequences.add(job.sequence());
                    values.add(Core.mean(job.depthMetres()).val[0]);
                }, PipelineOptions.onDemand(0)).start();
        awaitDelivered(p, 20);
        PipelineStats stats = p.stats();
        p.close();

        assertThat(stats.delivered()).isGreaterThanOrEqualTo(20);
        assertThat(stats.steps()).extracting(StageTiming::name).containsExactly("capture", "match", "depth", "present");
        assertThat(stats.framesPerSecond()).isPositive();
        assertThat(stats.latencyMillis()).isPositive();
        // depth = f·B/d = 100 · 0.06 / 6 = 1 m everywhere
        assertThat(values).allSatisfy(v -> assertThat(v).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-6)));
        // newest-first hand-off never reorders frames
        for (int i = 1; i < sequences.size(); i++) {
            assertThat(sequences.get(i)).isGreaterThan(sequences.get(i - 1));
        }
        assertThat(p.threadsEnded()).isTrue();
        assertThat(source.closed).isTrue();
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(
                t -> t.getName().startsWith(StationPipeline.THREAD_PREFIX) && t.isAlive());
    }

    @Test
    void aStageThatThrowsIsReportedAndTheLoopGoesOn() throws Exception {
        ShiftedPairSource source = new ShiftedPairSource(64, 48, 4, 0);
        Stage flaky = new Stage() {
            @Override
            public String name() {
                return "flaky";
            }

            @Override
            public void process(FrameJob job) {
                if (job.sequence() % 3 == 1) {
                    throw new IllegalStateException("cannot handle frame " + job.sequence());
                }
            }
        };
        List<Long> delivered = new CopyOnWriteArrayList<>();
        StationPipeline p = new StationPipeline(source, List.of(flaky), job -> delivered.add(job.sequence()),
                PipelineOptions.onDemand(0)).start();
        awaitDelivered(p, 30);
        PipelineStats stats = p.stats();
        p.close();

        assertThat(stats.step("flaky").errors()).isGreaterThanOrEqualTo(10);
        assertThat(stats.delivered()).isGreaterThanOrEqualTo(30);
        assertThat(delivered).noneMatch(s -> s % 3 == 1);
        assertThat(stats.status()).contains("flaky").contains("cannot handle frame");
        assertThat(p.threadsEnded()).isTrue();
    }

    @Test
    void aSlowStageDropsStaleFramesInsteadOfQueueing() throws Exception {
        // a free-running source (like a camera) in front of a slow stage: the display sees only fresh frames
        ShiftedPairSource source = new ShiftedPairSource(64, 48, 4, 0);
        Stage slow = new Stage() {
            @Override
            public String name() {
                return "slow";
            }

            @Override
            public void process(FrameJob job) throws InterruptedException {
                Mat blurred = new Mat();
                Imgproc.GaussianBlur(job.left(), blurred, new Size(5, 5), 0);
                blurred.release();
                Thread.sleep(30);
            }
        };
        StationPipeline p = new StationPipeline(source, List.of(slow), job -> { }, PipelineOptions.cameras()).start();
        awaitDelivered(p, 10);
        p.close();
        // read once the loop has stopped, so that no counter moves between the reads
        PipelineStats stats = p.stats();

        assertThat(stats.step("capture").frames()).isGreaterThan(stats.step("slow").frames() * 2);
        assertThat(stats.step("capture").dropped()).isGreaterThan(0);
        // nothing piles up: besides the frame the slow stage held when the loop stopped, at most one waited in
        // the hand-off and one was being handed over
        assertThat(stats.step("capture").frames() - stats.step("capture").dropped() - stats.step("slow").frames())
                .isBetween(0L, 3L);
    }

    @Test
    void aCameraFaultIsReportedInPlainWordsAndTheLoopResumesWhenFramesReturn() throws Exception {
        ShiftedPairSource pairs = new ShiftedPairSource(64, 48, 4, 0);
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        io.github.stereostation.capture.StereoSource unplugged = new io.github.stereostation.capture.StereoSource() {
            @Override
            public io.github.stereostation.capture.StereoFrame next() throws java.io.IOException {
                int n = calls.incrementAndGet();
                if (n >= 5 && n < 8) {
                    throw new java.io.IOException("camera 1 (/dev/video2) was unplugged; reconnecting");
                }
                return pairs.next();
            }

            @Override
            public String describe() {
                return pairs.describe();
            }

            @Override
            public void close() {
                pairs.close();
            }
        };
        List<String> statuses = new CopyOnWriteArrayList<>();
        StationPipeline[] ref = new StationPipeline[1];
        StationPipeline p = new StationPipeline(unplugged, List.of(constantShiftMatcher(4)),
                job -> statuses.add(ref[0].stats().status()),
                new PipelineOptions(true, 0, 20)).start();
        ref[0] = p;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (p.stats().sourceFaults() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(p.stats().status()).startsWith("camera problem: camera 1 (/dev/video2) was unplugged");
        awaitDelivered(p, 12);
        PipelineStats stats = p.stats();
        p.close();
        assertThat(stats.sourceFaults()).isEqualTo(3);
        assertThat(stats.step("capture").errors()).isEqualTo(3);
        assertThat(statuses.get(statuses.size() - 1)).contains("recovered");
        assertThat(pairs.closed).isTrue();
    }

    @Test
    void theEndOfAReplayIsReportedAndCloseStillReleasesEverything() throws Exception {
        ShiftedPairSource source = new ShiftedPairSource(64, 48, 4, 5);
        StationPipeline p = new StationPipeline(source, List.of(constantShiftMatcher(4)), job -> { },
                PipelineOptions.onDemand(0)).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!p.sourceEnded() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(p.sourceEnded()).isTrue();
        assertThat(p.stats().status()).contains("no more frames");
        p.close();
        assertThat(p.threadsEnded()).isTrue();
        assertThat(source.closed).isTrue();
    }
}
