package io.github.stereostation.capture;

import io.github.stereostation.OpenCvNative;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.CvType;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * TwoCameraSource end to end: a recorded session (replayed from disk) played through two simulated cameras with
 * timestamp jitter and dropped frames; the pairs delivered must be exactly the true pairs within the bound.
 */
class TwoCameraSourceTest {

    @BeforeAll
    static void load() {
        OpenCvNative.load();
    }

    static void checkAgainstTruth(JitteredCameras cams, double boundMs) throws IOException {
        List<Integer> got = new ArrayList<>();
        PairingStats stats;
        try (TwoCameraSource two = new TwoCameraSource(cams.left, cams.right, boundMs, "jittered")) {
            for (StereoFrame next = two.next(); next != null; next = two.next()) {
                try (StereoFrame f = next) {
                    int li = cams.indexOf(f.leftNanos(), true);
                    int ri = cams.indexOf(f.rightNanos(), false);
                    assertThat(ri).as("a delivered pair is one exposure").isEqualTo(li);
                    assertThat(TestFrames.identical(f.left(), cams.original(li).left())).isTrue();
                    assertThat(TestFrames.identical(f.right(), cams.original(li).right())).isTrue();
                    assertThat(f.skewMillis()).isLessThanOrEqualTo(boundMs);
                    got.add(li);
                }
            }
            stats = two.stats();
        }
        JitteredCameras.Truth truth = cams.truth(boundMs);
        assertThat(got).isEqualTo(truth.delivered());
        assertThat(stats.delivered()).isEqualTo(truth.delivered().size());
        assertThat(stats.dropped()).isEqualTo(truth.dropped());
        assertThat(stats.unmatchedLeft()).isEqualTo(truth.unmatchedLeft());
        assertThat(stats.unmatchedRight()).isEqualTo(truth.unmatchedRight());
        assertThat(stats.meanSkewMillis()).isCloseTo(truth.meanSkewMillis(), org.assertj.core.api.Assertions.within(1e-9));
        assertThat(stats.maxSkewMillis()).isCloseTo(truth.maxSkewMillis(), org.assertj.core.api.Assertions.within(1e-9));
        System.out.printf("%s: %s%n", cams.left.describe(), stats);
    }

    @Test
    void theSyntheticRigThroughJitteryCamerasYieldsExactlyTheTruePairs() throws IOException {
        io.github.stereostation.sim.SyntheticStereoSource rig = io.github.stereostation.sim.SyntheticStereoSource.desk(80, 60);
        rig.setFrameLimit(40);
        try (JitteredCameras cams = new JitteredCameras(rig, 6, -2, Set.of(3, 20), Set.of(11, 12, 33), 21)) {
            checkAgainstTruth(cams, 7);
            JitteredCameras.Truth t = cams.truth(7);
            assertThat(t.unmatchedLeft()).isEqualTo(3);
            assertThat(t.unmatchedRight()).isEqualTo(2);
            assertThat(t.delivered().size() + t.dropped() + 5).isEqualTo(40);
        }
    }

    @Test
    void closingMidStreamClosesBothCamerasAndReleasesEveryHeldFrame() throws IOException {
        io.github.stereostation.sim.SyntheticStereoSource rig = io.github.stereostation.sim.SyntheticStereoSource.desk(48, 36);
        // A right-side drop at 2 leaves left frames waiting in the pairer when we stop.
        try (JitteredCameras cams = new JitteredCameras(rig, 1, 0, Set.of(), Set.of(2), 5)) {
            TwoCameraSource two = new TwoCameraSource(cams.left, cams.right, 5, "two");
            for (int i = 0; i < 3; i++) {
                two.next().close();
            }
            two.close();
            assertThat(cams.left.closed && cams.right.closed).isTrue();
            assertThat(cams.left.made).isNotEmpty().allMatch(org.opencv.core.Mat::empty);
            assertThat(cams.right.made).isNotEmpty().allMatch(org.opencv.core.Mat::empty);
        }
    }

    @Test
    void aReplayedSessionThroughJitteryCamerasYieldsExactlyTheTruePairs(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("s");
        try (SessionRecorder rec = SessionRecorder.start(dir, RecordingFormat.PNG, "noise", CameraSettings.defaults().withSize(32, 24), 8)) {
            for (int i = 0; i < 60; i++) {
                try (StereoFrame f = new StereoFrame(TestFrames.noise(32, 24, CvType.CV_8UC3, 3L * i),
                        TestFrames.noise(32, 24, CvType.CV_8UC3, 3L * i + 1), i, i, i)) {
                    rec.put(f);
                }
            }
        }
        // Drops on the left at 7, 30, 31; on the right at 15, 44; none next to a drop on the other side.
        try (JitteredCameras cams = new JitteredCameras(ReplaySource.open(dir, CameraSettings.defaults()), 7, 1,
                Set.of(7, 30, 31), Set.of(15, 44), 9)) {
            checkAgainstTruth(cams, 9);
            assertThat(cams.truth(9).dropped()).as("jitter of +-7 ms against a 9 ms bound drops some pairs").isPositive();
            assertThat(cams.truth(9).unmatchedLeft()).isEqualTo(2);
            assertThat(cams.truth(9).unmatchedRight()).isEqualTo(3);
        }
    }
}
