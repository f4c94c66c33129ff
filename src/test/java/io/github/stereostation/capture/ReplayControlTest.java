package io.github.stereostation.capture;

import io.github.stereostation.OpenCvNative;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Pause, step, loop and speed of a replay, on a folder of three pairs whose brightness says which pair it is. */
class ReplayControlTest {
    @BeforeAll
    static void load() {
        OpenCvNative.load();
    }

    static Path threePairs(Path dir) {
        for (int i = 0; i < 3; i++) {
            Mat m = new Mat(8, 8, CvType.CV_8UC3, new Scalar(10 + 50 * i, 10 + 50 * i, 10 + 50 * i));
            Imgcodecs.imwrite(dir.resolve("left" + i + ".png").toString(), m);
            Imgcodecs.imwrite(dir.resolve("right" + i + ".png").toString(), m);
            m.release();
        }
        return dir;
    }

    static int which(StereoFrame f) {
        int v = (int) f.left().get(0, 0)[0];
        f.close();
        return (v - 10) / 50;
    }

    @Test
    void pausedWaitsStepLetsOnePairThroughAndLoopStartsAgain(@TempDir Path dir) throws Exception {
        try (ReplaySource r = ReplaySource.open(threePairs(dir), CameraSettings.defaults())) {
            assertThat(r.deliversStills()).isTrue();
            ReplayControl c = r.control();
            assertThat(which(r.next())).isZero();
            c.setPaused(true);
            CompletableFuture<Integer> waiting = CompletableFuture.supplyAsync(() -> {
                try {
                    return which(r.next());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(300);
            assertThat(waiting).as("paused: no pair").isNotDone();
            c.step();
            assertThat(waiting.get(5, TimeUnit.SECONDS)).isEqualTo(1);
            c.setPaused(false);
            assertThat(which(r.next())).isEqualTo(2);
            assertThat(r.next()).as("the end, without loop").isNull();
            c.setLoop(true);
            assertThat(which(r.next())).as("looped to the first pair").isZero();
            assertThat(r.position()).isEqualTo(1);
        }
    }

    @Test
    void pacedPlaybackFollowsTheRecordedClockTimesTheSpeed(@TempDir Path dir) throws Exception {
        // a plain folder gets timestamps of sequence / fps: 10 fps = 100 ms apart
        try (ReplaySource r = ReplaySource.open(threePairs(dir), CameraSettings.defaults().withFps(10))) {
            r.control().setPaced(true);
            r.control().setSpeed(2); // 50 ms apart
            long t0 = System.nanoTime();
            for (int i = 0; i < 3; i++) {
                r.next().close();
            }
            double ms = (System.nanoTime() - t0) / 1e6;
            System.out.printf("three pairs 100 ms apart at speed 2 took %.0f ms%n", ms);
            assertThat(ms).as("two intervals of 50 ms").isGreaterThanOrEqualTo(95);
        }
    }

    @Test
    void closingWakesAPausedReader(@TempDir Path dir) throws Exception {
        ReplaySource r = ReplaySource.open(threePairs(dir), CameraSettings.defaults());
        r.control().setPaused(true);
        CompletableFuture<Throwable> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                r.next();
                return null;
            } catch (Exception e) {
                return e;
            }
        });
        Thread.sleep(200);
        r.close();
        assertThat(waiting.get(5, TimeUnit.SECONDS)).isInstanceOf(SourceFailure.class);
    }
}
