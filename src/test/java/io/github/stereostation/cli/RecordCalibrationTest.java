package io.github.stereostation.cli;

import io.github.stereostation.OpenCvNative;
import io.github.stereostation.calibration.StereoCalibration;
import io.github.stereostation.pipeline.LiveLoop;
import io.github.stereostation.pipeline.LoopSpec;
import io.github.stereostation.sim.StereoRig;
import io.github.stereostation.source.SessionCalibration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A recording carries its calibration: {@code record} of the synthetic rig stores the rig's true geometry, and the
 * station's loop replaying the session rectifies with it and measures in metres.
 */
class RecordCalibrationTest {
    @Test
    void aSyntheticRecordingCarriesItsTrueRigAndItsReplayIsInMetres(@TempDir Path tmp) throws Exception {
        OpenCvNative.load();
        Path out = tmp.resolve("session");
        CommandLine cl = StereoStation.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        int code = cl.execute("record", "--source", "synthetic:fast", "--width", "320", "--height", "240",
                "--frames", "4", "--out", out.toString());
        assertThat(code).as(err.toString()).isZero();
        Path stored = out.resolve(SessionCalibration.FILE_NAME);
        assertThat(stored).exists();
        StereoRig truth = StereoRig.desk(320, 240);
        StereoCalibration cal = StereoCalibration.load(stored);
        assertThat(cal.baselineMm()).isCloseTo(truth.baselineMm(), within(1e-6));
        assertThat(cal.left().fxPx()).isCloseTo(truth.left().fx(), within(1e-9));
        assertThat(cal.left().distortion()).containsExactly(truth.left().distortion().toArray());

        LoopSpec spec = LoopSpec.synthetic(320, 240).withSource("replay:" + out);
        CountDownLatch frame = new CountDownLatch(1);
        AtomicReference<Double> depthAtCentre = new AtomicReference<>();
        try (LiveLoop loop = LiveLoop.open(spec, spec::livePreset, job -> {
            if (job.depthMetres() != null && frame.getCount() > 0) {
                depthAtCentre.set(job.depthMetres().get(120, 160)[0]);
                frame.countDown();
            }
        })) {
            assertThat(loop.describeCalibration()).isEqualTo("calibration recorded with the session");
            assertThat(loop.geometry()).as("distances known").isNotNull();
            assertThat(loop.geometry().baselineMetres()).isCloseTo(truth.baselineMm() / 1000, within(1e-4));
            assertThat(frame.await(30, TimeUnit.SECONDS)).isTrue();
        }
        System.out.printf("replayed synthetic recording: depth at the image centre %.3f m%n", depthAtCentre.get());
        // the desk scene lies between 0.7 and 2.5 m
        assertThat(depthAtCentre.get()).isBetween(0.6, 2.6);
        assertThat(Files.list(out).map(p -> p.getFileName().toString())).contains("session.json", "calibration.yaml");
    }
}
