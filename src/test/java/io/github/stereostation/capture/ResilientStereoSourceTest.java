package io.github.stereostation.capture;

import io.github.stereostation.OpenCvNative;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opencv.core.Mat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Faults are injected; the @Timeout only guards against a hang, it measures nothing. */
@Timeout(30)
class ResilientStereoSourceTest {
    private static final Duration FRAME_TIMEOUT = Duration.ofMillis(300);
    private static final Duration RETRY = Duration.ofMillis(50);

    @BeforeAll
    static void load() {
        OpenCvNative.load();
    }

    /** What a consumer loop saw: frame labels in order and the failure states thrown at it. */
    private record Seen(List<Integer> labels, List<SourceStatus.State> failures) {
    }

    private static Seen consume(StereoSource s, int frames, int maxCalls) {
        List<Integer> labels = new ArrayList<>();
        List<SourceStatus.State> failures = new ArrayList<>();
        for (int call = 0; call < maxCalls && labels.size() < frames; call++) {
            try (StereoFrame f = s.next()) {
                if (f == null) {
                    break;
                }
                labels.add(TestFrames.label(f.left()));
            } catch (SourceFailure e) {
                failures.add(e.state());
            } catch (IOException e) {
                throw new AssertionError("only SourceFailure is expected", e);
            }
        }
        return new Seen(labels, failures);
    }

    @Test
    void anUnpluggedCameraIsReportedThenReconnectedWithoutRestart() {
        List<Mat> made = Collections.synchronizedList(new ArrayList<>());
        FaultInjectingSource first = new FaultInjectingSource("camera 1 (/dev/video2)", 5, FaultInjectingSource.Fault.THROW, null, made);
        List<FaultInjectingSource> reopened = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger attempts = new AtomicInteger();
        List<SourceStatus.State> statuses = Collections.synchronizedList(new ArrayList<>());
        ResilientStereoSource s = new ResilientStereoSource(first, () -> {
            int a = attempts.incrementAndGet();
            if (a <= 2) {
                throw new SourceFailure(SourceStatus.State.BUSY, "camera 1 (/dev/video2) is in use by cheese (pid 4242)");
            }
            FaultInjectingSource again = new FaultInjectingSource("camera 1 (/dev/video2)", Integer.MAX_VALUE, FaultInjectingSource.Fault.NONE, null, made);
            reopened.add(again);
            return again;
        }, FRAME_TIMEOUT, RETRY);
        s.addStatusListener(st -> statuses.add(st.state()));

        Seen seen = consume(s, 15, 200);

        assertThat(seen.labels()).as("5 frames before the fault, then the reopened camera from its start")
                .containsExactly(0, 1, 2, 3, 4, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(seen.failures()).as("the consumer heard of the unplugging, then of the busy device")
                .containsSubsequence(SourceStatus.State.DISCONNECTED, SourceStatus.State.BUSY);
        assertThat(statuses).containsSubsequence(SourceStatus.State.DISCONNECTED, SourceStatus.State.BUSY, SourceStatus.State.OK);
        assertThat(s.opens()).isEqualTo(2);
        assertThat(first.closed()).as("the failed source was closed before reopening").isTrue();
        assertThat(s.status().state()).isEqualTo(SourceStatus.State.OK);

        s.close();
        assertThat(s.released()).isTrue();
        assertThat(reopened).hasSize(1).allMatch(FaultInjectingSource::closed);
        assertThat(made).as("every Mat made was released, queued ones included").allMatch(Mat::empty);
    }

    @Test
    void aStalledSourceIsReportedAsNoFramesAndTheConsumerCarriesOnWhenFramesReturn() throws Exception {
        List<Mat> made = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch unstall = new CountDownLatch(1);
        FaultInjectingSource src = new FaultInjectingSource("camera 0", 3, FaultInjectingSource.Fault.STALL, unstall, made);
        try (ResilientStereoSource s = new ResilientStereoSource(src, () -> {
            throw new AssertionError("a stall must not cause a reopen");
        }, FRAME_TIMEOUT, RETRY)) {
            Seen before = consume(s, 3, 10);
            assertThat(before.labels()).containsExactly(0, 1, 2);
            Seen stalled = consume(s, 1, 2);
            assertThat(stalled.labels()).isEmpty();
            assertThat(stalled.failures()).containsExactly(SourceStatus.State.NO_FRAMES, SourceStatus.State.NO_FRAMES);
            assertThat(s.status().state()).isEqualTo(SourceStatus.State.NO_FRAMES);
            assertThat(s.status().message()).contains("camera 0").contains("no frame");

            unstall.countDown();
            Seen after = consume(s, 4, 20);
            assertThat(after.labels()).as("nothing lost across the stall").containsExactly(3, 4, 5, 6);
            assertThat(s.status().state()).isEqualTo(SourceStatus.State.OK);
        }
        assertThat(src.closed()).isTrue();
        assertThat(made).allMatch(Mat::empty);
    }

    @Test
    void closingWhileTheSourceIsStalledReleasesIt() {
        List<Mat> made = Collections.synchronizedList(new ArrayList<>());
        FaultInjectingSource src = new FaultInjectingSource("camera 0", 2, FaultInjectingSource.Fault.STALL, new CountDownLatch(1), made);
        ResilientStereoSource s = new ResilientStereoSource(src, () -> {
            throw new SourceFailure(SourceStatus.State.DISCONNECTED, "gone");
        }, FRAME_TIMEOUT, RETRY);
        Seen seen = consume(s, 3, 3);
        assertThat(seen.labels()).containsExactly(0, 1);
        assertThat(seen.failures()).containsExactly(SourceStatus.State.NO_FRAMES);
        s.close();
        assertThat(s.released()).isTrue();
        assertThat(src.closed()).isTrue();
        assertThat(made).allMatch(Mat::empty);
    }

    @Test
    void theEndOfAStreamIsNullNotAFailure() {
        List<Mat> made = Collections.synchronizedList(new ArrayList<>());
        StereoSource finite = new StereoSource() {
            int n;

            @Override
            public StereoFrame next() {
                if (n == 4) {
                    return null;
                }
                n++;
                return new StereoFrame(TestFrames.labelled(n), TestFrames.labelled(n), n, n, n);
            }

            @Override
            public String describe() {
                return "four frames";
            }

            @Override
            public void close() {
            }
        };
        try (ResilientStereoSource s = new ResilientStereoSource(finite, () -> finite, FRAME_TIMEOUT, RETRY)) {
            Seen seen = consume(s, 10, 10);
            assertThat(seen.labels()).containsExactly(1, 2, 3, 4);
            assertThat(seen.failures()).isEmpty();
            assertThat(s.status().state()).isEqualTo(SourceStatus.State.ENDED);
        }
    }
}
