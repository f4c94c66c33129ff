package io.github.stereostation.pipeline;

import io.github.stereostation.UserInputException;
import io.github.stereostation.calibration.Rectifier;
import io.github.stereostation.calibration.StereoCalibration;
import io.github.stereostation.capture.CameraSettings;
import io.github.stereostation.capture.StereoSource;
import io.github.stereostation.capture.StereoSources;
import io.github.stereostation.depth.MonoModels;
import io.github.stereostation.depth.OnnxMonoDepthEstimator;
import io.github.stereostation.depth.Preset;
import io.github.stereostation.geometry.DisparityToDepth;
import io.github.stereostation.sim.PinholeCamera;
import io.github.stereostation.sim.RenderOptions;
import io.github.stereostation.sim.SyntheticScene;
import io.github.stereostation.sim.StereoRig;
import io.github.stereostation.sim.SyntheticStereoSource;
import org.opencv.core.Mat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The station's loop as the window and the commands run it: opens the source (cameras, replay or the
 * synthetic rig) and the calibration, and wires capture → rectify → match (the preset's matcher and its
 * post-filters) → depth → display, with snapshots on request. Owns the source, the rectifier and the threads;
 * {@link #close()} releases them all.
 */
public final class LiveLoop implements AutoCloseable {
    private final StationPipeline pipeline;
    private final SnapshotTaker snapshots;
    private final Rectifier rectifier;
    private final DisparityToDepth geometry;
    private final GroundTruthTap truth;
    private final MatchStage<Preset> match;
    private final String calibrationText;
    private final String sourceNote;
    private final OnnxMonoDepthEstimator mono;
    private final String monoText;

    private LiveLoop(StationPipeline pipeline, SnapshotTaker snapshots, Rectifier rectifier, DisparityToDepth geometry,
                     GroundTruthTap truth, MatchStage<Preset> match, String calibrationText, String sourceNote,
                     OnnxMonoDepthEstimator mono, String monoText) {
        this.sourceNote = sourceNote;
        this.mono = mono;
        this.monoText = monoText;
        this.pipeline = pipeline;
        this.snapshots = snapshots;
        this.rectifier = rectifier;
        this.geometry = geometry;
        this.truth = truth;
        this.match = match;
        this.calibrationText = calibrationText;
    }

    /**
     * Opens and starts a loop.
     *
     * @param tuning  read at every frame: live edits apply on the next frame
     * @param display the window's renderer, or any sink (it runs on the loop's present thread)
     * @throws UserInputException when the source or calibration cannot be opened (message names which and why)
     */
    public static LiveLoop open(LoopSpec spec, Supplier<Preset> tuning, FrameSink display) {
        String[] note = {null};
        StereoSource source = openSource(spec, note);
        Rectifier rectifier = null;
        OnnxMonoDepthEstimator mono = null;
        try {
            DisparityToDepth geometry = null;
            String calibrationText;
            if (spec.calibration() != null) {
                StereoCalibration cal = StereoCalibration.load(spec.calibration());
                rectifier = Rectifier.create(cal, 0);
                double[] q = new double[16];
                Mat qm = rectifier.q();
                qm.get(0, 0, q);
                geometry = DisparityToDepth.fromQ(q);
                calibrationText = "calibration " + spec.calibration().getFileName();
            } else if (source instanceof GroundTruthTap tap && tap.rig().rig().isRectifiedIdeal()) {
                geometry = idealGeometry(tap.rig().rig());
                calibrationText = "ideal synthetic rig (no calibration needed)";
            } else {
                calibrationText = "no calibration (disparity only, no distances)";
            }
            List<Stage> stages = new ArrayList<>();
            if (rectifier != null) {
                Rectifier r = rectifier;
                stages.add(new RectifyStage(() -> r));
            }
            MatchStage<Preset> match = new MatchStage<>(tuning, Preset::createMatcher);
            stages.add(match);
            DisparityToDepth g = geometry;
            if (g != null) {
                stages.add(new DepthStage(() -> g));
            }
            String monoText = null;
            if (spec.monoFillEveryFrames() > 0) {
                if (g == null) {
                    monoText = "mono fill off (no distances without a calibration)";
                } else {
                    // an optional model that is missing or broken turns the fill off and says why; stereo goes on
                    try {
                        MonoModels.Found found = MonoModels.resolve(spec.monoModel());
                        mono = new OnnxMonoDepthEstimator(found.model(), found.spec(),
                                Math.max(1, Runtime.getRuntime().availableProcessors() / 2),
                                OnnxMonoDepthEstimator.DEFAULT_MAX_PIXELS);
                        stages.add(new MonoFusionStage(mono, spec.monoFillEveryFrames()));
                        monoText = "mono fill every " + spec.monoFillEveryFrames() + " frames (" + found.spec().name()
                                + ")";
                    } catch (RuntimeException | LinkageError e) {
                        if (mono != null) {
                            mono.close();
                            mono = null;
                        }
                        monoText = "mono fill off: " + e.getMessage();
                    }
                }
            }
            PipelineOptions options = source.live() ? PipelineOptions.cameras()
                    : PipelineOptions.onDemand(spec.paceGenerated() ? spec.fps() : 0);
            SnapshotTaker snapshots = new SnapshotTaker(display);
            StationPipeline pipeline = new StationPipeline(source, stages, snapshots, options);
            LiveLoop loop = new LiveLoop(pipeline, snapshots, rectifier, geometry,
                    source instanceof GroundTruthTap t ? t : null, match, calibrationText, note[0], mono, monoText);
            pipeline.start();
            return loop;
        } catch (RuntimeException e) {
            source.close();
            if (rectifier != null) {
                rectifier.close();
            }
            if (mono != null) {
                mono.close();
            }
            throw e;
        }
    }

    /** The depth model of an ideal rectified rig: z = f·B/(d + cxR − cxL). */
    public static DisparityToDepth idealGeometry(StereoRig rig) {
        PinholeCamera l = rig.left();
        return new DisparityToDepth(l.fx(), rig.baselineMm() / 1000.0, rig.right().cx() - l.cx(), l.cx(), l.cy());
    }

    /**
     * Opens the source a loop of {@code spec} would open, for another user of the cameras (the calibration
     * wizard) while no loop holds them. The caller closes it.
     */
    public static StereoSource openSource(LoopSpec spec) {
        return openSource(spec, new String[1]);
    }

    /**
     * The synthetic rig (ideal, rectified desk scene) with its truth kept for scoring, or the capture factory's
     * source. "auto" without two cameras falls back to the ideal synthetic rig and says so in {@code note[0]}.
     */
    static StereoSource openSource(LoopSpec spec, String[] note) {
        if (spec.isSynthetic()) {
            return synthetic(spec);
        }
        CameraSettings cam = new CameraSettings(spec.width(), spec.height(), spec.fps(), "MJPG", spec.maxSkewMillis());
        if (spec.source().equalsIgnoreCase("auto")) {
            StereoSource found;
            try {
                found = StereoSources.open("auto", cam);
            } catch (UserInputException e) {
                note[0] = e.getMessage() + " — showing the synthetic rig instead";
                return synthetic(spec);
            }
            if (found instanceof SyntheticStereoSource) {
                // the capture factory's fallback is the raw (distorted, uncalibrated) rig; the station shows the
                // ideal one, whose distances and truth are known
                found.close();
                note[0] = "no two cameras found — showing the synthetic rig";
                return synthetic(spec);
            }
            return found;
        }
        return StereoSources.open(spec.source(), cam);
    }

    private static StereoSource synthetic(LoopSpec spec) {
        StereoRig rig = StereoRig.idealDesk(spec.width(), spec.height());
        return new GroundTruthTap(spec.syntheticLoopFrames() == 0 ? new SyntheticStereoSource(rig)
                : SyntheticStereoSource.looping(rig, RenderOptions.LIVE, seconds -> SyntheticScene.deskAt(1, seconds),
                spec.syntheticLoopFrames()));
    }

    public StationPipeline pipeline() {
        return pipeline;
    }

    public SnapshotTaker snapshots() {
        return snapshots;
    }

    /** Disparity → metres for this loop, or null when uncalibrated. */
    public DisparityToDepth geometry() {
        return geometry;
    }

    /** The synthetic rig's truth by frame, or null for real sources. */
    public GroundTruthTap truth() {
        return truth;
    }

    /** How many matchers the loop has built so far (1 + tuning changes that needed a new matcher). */
    public int matcherBuilds() {
        return match.builds();
    }

    /** Why the loop shows something other than what was asked (auto found no cameras), or null. */
    public String sourceNote() {
        return sourceNote;
    }

    public String describeCalibration() {
        return calibrationText;
    }

    /** Whether the loop fills holes from the mono model. */
    public boolean monoFillActive() {
        return mono != null;
    }

    /** "mono fill every N frames (model)", or why it is off; null when it was not asked for. */
    public String describeMonoFill() {
        return monoText;
    }

    @Override
    public void close() {
        pipeline.close();
        if (rectifier != null) {
            rectifier.close();
        }
        if (mono != null) {
            mono.close();
        }
    }
}
