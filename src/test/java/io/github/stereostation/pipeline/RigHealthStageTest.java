package io.github.stereostation.pipeline;

import io.github.stereostation.OpenCvNative;
import io.github.stereostation.calibration.BoardSpec;
import io.github.stereostation.calibration.CalibrationQuality;
import io.github.stereostation.calibration.RefinedRectification;
import io.github.stereostation.calibration.RigHealth;
import io.github.stereostation.calibration.RigHealthMonitor;
import io.github.stereostation.calibration.Rectifier;
import io.github.stereostation.calibration.StereoCalibration;
import io.github.stereostation.geometry.CameraIntrinsics;
import io.github.stereostation.sim.PinholeCamera;
import io.github.stereostation.sim.RenderOptions;
import io.github.stereostation.sim.RenderedPair;
import io.github.stereostation.sim.SceneRenderer;
import io.github.stereostation.sim.StereoRig;
import io.github.stereostation.sim.SyntheticScene;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Mat;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The health stage in a running loop: on the ideal synthetic rig the rows are right; on a raw desk rig whose
 * right camera was re-seated 2 px lower after calibration, the loop reports the move and refines the calibration
 * from its own frames.
 */
class RigHealthStageTest {

    @BeforeAll
    static void load() {
        OpenCvNative.load();
    }

    @Test
    void theIdealSyntheticRigIsReportedGood() throws Exception {
        LoopSpec spec = LoopSpec.synthetic(320, 240).withSyntheticLoopFrames(4);
        try (LiveLoop loop = LiveLoop.open(spec, () -> io.github.stereostation.depth.Preset.load("fast"), job -> { })) {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (loop.rigHealth().verdict() == RigHealth.Verdict.UNKNOWN && System.nanoTime() < end) {
                Thread.sleep(50);
            }
            RigHealth h = loop.rigHealth();
            assertThat(h.verdict()).as(h.text()).isEqualTo(RigHealth.Verdict.GOOD);
            assertThat(h.rowErrorPx()).isLessThan(0.1);
            assertThat(h.text()).startsWith("rectification good: 0.0 px");
            assertThat(loop.refineRectification(1).isCompletedExceptionally()).isTrue();
        }
    }

    @Test
    void theTemporalFilterRunsInTheLoopWhenTheSettingsSaySo() throws Exception {
        LoopSpec plain = LoopSpec.synthetic(320, 240).withSyntheticLoopFrames(4);
        LoopSpec spec = plain.withMatcher(plain.matcher().withTemporal(
                new io.github.stereostation.config.StationSettings.Temporal(true, 0.2, 1)));
        try (LiveLoop loop = LiveLoop.open(spec, () -> io.github.stereostation.depth.Preset.load("fast"), job -> { })) {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (loop.pipeline().stats().delivered() < 3 && System.nanoTime() < end) {
                Thread.sleep(50);
            }
            assertThat(loop.pipeline().stats().step("temporal")).isNotNull();
            assertThat(loop.pipeline().stats().delivered()).isGreaterThanOrEqualTo(3);
        }
    }

    @Test
    void aLoopOnABumpedRigSaysSoAndRefinesFromItsOwnFrames() throws Exception {
        StereoRig rig = StereoRig.desk(640, 480);
        StereoCalibration cal = new StereoCalibration(BoardSpec.chessboard(9, 6, 25), intrinsics(rig.left()),
                intrinsics(rig.right()), rig.rotationMatrix(), rig.translationMm(),
                new CalibrationQuality(0, 0, 0, 0, 0, 0, 0, 1, 1));
        PinholeCamera r = rig.right();
        StereoRig bumped = new StereoRig(rig.left(), new PinholeCamera(640, 480, r.fx(), r.fy(), r.cx(), r.cy() + 2,
                r.distortion()), rig.rotationRodrigues(), rig.translationMm());
        try (RenderedPair p = new SceneRenderer(new RenderOptions(2, 1.5, 1, 3)).render(bumped, SyntheticScene.desk(3));
             Rectifier rectifier = Rectifier.create(cal, 0)) {
            RigHealthStage health = new RigHealthStage(RigHealthMonitor.forGeometry(rectifier.geometry(),
                    RigHealthStage.CHECK_EVERY_FRAMES), cal);
            RepeatingSource source = new RepeatingSource(List.<Mat[]>of(new Mat[] {p.left(), p.right()}), 100_000, "bumped");
            try (StationPipeline pipeline = new StationPipeline(source, List.of(new RectifyStage(() -> rectifier),
                    health), job -> { }, PipelineOptions.onDemand(60)).start()) {
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (health.health().verdict() != RigHealth.Verdict.MOVED && System.nanoTime() < end) {
                    Thread.sleep(20);
                }
                assertThat(health.health().text()).startsWith("rig moved: rows off by 2.0 px");
                RefinedRectification refined = health.refine(1.0).get(60, TimeUnit.SECONDS);
                assertThat(refined.pairCount()).isGreaterThan(5);
                assertThat(refined.before().medianPx()).isGreaterThan(1.5);
                assertThat(refined.after().medianPx()).isLessThan(0.3);
            }
        }
    }

    static CameraIntrinsics intrinsics(PinholeCamera c) {
        return new CameraIntrinsics(c.width(), c.height(), c.fx(), c.fy(), c.cx(), c.cy(), c.distortion().toArray());
    }
}
