package io.github.stereostation.pipeline;

import io.github.stereostation.UserInputException;
import io.github.stereostation.calibration.Rectifier;
import io.github.stereostation.calibration.RefinedRectification;
import io.github.stereostation.calibration.RigHealth;
import io.github.stereostation.calibration.RigHealthMonitor;
import io.github.stereostation.calibration.StereoCalibration;
import io.github.stereostation.capture.CameraSettings;
import io.github.stereostation.capture.StereoSource;
import io.github.stereostation.cloud.CloudRecipe;
import io.github.stereostation.config.StationSettings;
import io.github.stereostation.depth.MonoModels;
import io.github.stereostation.depth.OnnxMonoDepthEstimator;
import io.github.stereostation.cloud.PointCloud;
import io.github.stereostation.depth.Preset;
import io.github.stereostation.depth.StereoReconstruction;
import io.github.stereostation.depth.TemporalFilter;
import io.github.stereostation.geometry.DisparityToDepth;
import io.github.stereostation.sim.PinholeCamera;
import io.github.stereostation.sim.StereoRig;
import io.github.stereostation.source.OpenedSource;
import io.github.stereostation.source.StereoSources;
import io.github.stereostation.source.SyntheticRigChoice;
import org.opencv.core.Mat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The station's loop as the window and the commands run it: opens the source (cameras, replay or the
 * synthetic rig) and the calibration, and wires capture → rectify → match (the preset's matcher and its
 * post-filters) → depth → display, with snapshots on request. Owns the source, the rectifier and the threads;
 * {@link #close()} releases them all.
 */
public final class LiveLoop implements AutoCloseable {
    /** How a snapshot's disparity becomes its cloud: the cloud command's defaults, so both keep the same points. */
    public static final CloudRecipe SNAPSHOT_RECIPE = CloudRecipe.defaults();

    private final StationPipeline pipeline;
    private final SnapshotTaker snapshots;
    private final StereoReconstruction snapshotCloud;
    private final Rectifier rectifier;
    private final DisparityToDepth geometry;
    private final GroundTruthTap truth;
    private final MatchStage<Preset> match;
    private volatile RigHealthStage health;
    private volatile AtomicReference<LiveCloud> follow;
    private volatile Supplier<Preset> tuning;
    private volatile LoopSpec spec;
    private final String calibrationText;
    private final OnnxMonoDepthEstimator mono;
    private final String monoText;
    private final OpenedSource opened;

    private LiveLoop(StationPipeline pipeline, SnapshotTaker snapshots, StereoReconstruction snapshotCloud,
                     Rectifier rectifier, DisparityToDepth geometry,
                     GroundTruthTap truth, MatchStage<Preset> match, String calibrationText,
                     OnnxMonoDepthEstimator mono, String monoText, OpenedSource opened) {
        this.opened = opened;
        this.mono = mono;
        this.monoText = monoText;
        this.pipeline = pipeline;
        this.snapshots = snapshots;
        this.snapshotCloud = snapshotCloud;
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
        OpenedSource opened = open(spec);
        // the synthetic rig's frames pass through a tap that keeps their truth, for scoring what the loop shows
        StereoSource source = opened.synthetic() != null ? new GroundTruthTap(opened.synthetic()) : opened.source();
        Rectifier rectifier = null;
        OnnxMonoDepthEstimator mono = null;
        StereoReconstruction snapshotCloud = null;
        try {
            DisparityToDepth geometry = null;
            String calibrationText;
            // a replayed session brings the calibration it was recorded with, unless another is chosen
            java.nio.file.Path recorded = spec.calibration() != null ? null
                    : io.github.stereostation.source.SessionCalibration.of(opened.source()).orElse(null);
            java.nio.file.Path calibrationFile = spec.calibration() != null ? spec.calibration() : recorded;
            if (calibrationFile != null) {
                StereoCalibration cal = StereoCalibration.load(calibrationFile);
                rectifier = Rectifier.create(cal, 0);
                double[] q = new double[16];
                Mat qm = rectifier.q();
                qm.get(0, 0, q);
                geometry = DisparityToDepth.fromQ(q);
                calibrationText = recorded != null ? "calibration recorded with the session"
                        : "calibration " + calibrationFile.getFileName();
            } else if (opened.idealRig()) {
                geometry = idealGeometry(opened.synthetic().rig());
                calibrationText = "ideal synthetic rig (no calibration needed)";
            } else {
                calibrationText = "no calibration (disparity only, no distances)";
            }
            List<Stage> stages = new ArrayList<>();
            if (rectifier != null) {
                Rectifier r = rectifier;
                stages.add(new RectifyStage(() -> r));
            }
            RigHealthStage health = healthStage(rectifier, geometry);
            if (health != null) {
                stages.add(health);
            }
            DisparityToDepth g = geometry;
            int width = rectifier != null ? rectifier.calibration().imageWidth() : spec.width();
            MatchStage<Preset> match = new MatchStage<>(() -> spec.withWorkingRange(tuning.get(), g, width),
                    Preset::createMatcher);
            stages.add(match);
            StationSettings.Temporal temporal = spec.matcher().temporal();
            if (temporal.enabled()) {
                stages.add(new TemporalFilterStage(new TemporalFilter(temporal.weight(), temporal.resetPx())));
            }
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
            if (rectifier != null) {
                snapshotCloud = StereoReconstruction.rectified(rectifier.geometry().q(), rectifier.geometry().r1(),
                        SNAPSHOT_RECIPE);
            } else if (g != null) {
                snapshotCloud = StereoReconstruction.rectified(g.q(), null, SNAPSHOT_RECIPE);
            }
            AtomicReference<LiveCloud> follow = new AtomicReference<>();
            FrameSink shown = new FrameSink() {
                @Override
                public void accept(FrameJob job) throws Exception {
                    LiveCloud c = follow.get();
                    if (c != null) {
                        c.offer(job);
                    }
                    display.accept(job);
                }

                @Override
                public void close() {
                    LiveCloud c = follow.getAndSet(null);
                    if (c != null) {
                        c.close();
                    }
                    display.close();
                }
            };
            SnapshotTaker snapshots = new SnapshotTaker(shown, snapshotCloud);
            StationPipeline pipeline = new StationPipeline(source, stages, snapshots, options);
            LiveLoop loop = new LiveLoop(pipeline, snapshots, snapshotCloud, rectifier, geometry,
                    source instanceof GroundTruthTap t ? t : null, match, calibrationText, mono, monoText, opened);
            loop.health = health;
            loop.tuning = tuning;
            loop.spec = spec;
            loop.follow = follow;
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
            if (snapshotCloud != null) {
                snapshotCloud.close();
            }
            throw e;
        }
    }

    /** The rectification check for a calibrated rig or the ideal synthetic one; null when rows mean nothing. */
    private static RigHealthStage healthStage(Rectifier rectifier, DisparityToDepth ideal) {
        if (rectifier != null) {
            return new RigHealthStage(RigHealthMonitor.forGeometry(rectifier.geometry(),
                    RigHealthStage.CHECK_EVERY_FRAMES), rectifier.calibration());
        }
        if (ideal != null) {
            return new RigHealthStage(new RigHealthMonitor(ideal.focalPx(), ideal.cxPx(), ideal.cyPx(),
                    RigHealthStage.CHECK_EVERY_FRAMES), null);
        }
        return null;
    }

    /**
     * Hands the 3D view every new cloud of the live depth (on a builder thread of its own, skipping frames while
     * one is being built), or stops with null. Without distances (no calibration) no cloud comes.
     */
    public void followCloud(Consumer<PointCloud> listener) {
        LiveCloud next = listener == null ? null : new LiveCloud(listener);
        LiveCloud old = follow.getAndSet(next);
        if (old != null) {
            old.close();
        }
    }

    /** How well the rectification fits the rig now, or null when the loop cannot tell (no calibration). */
    public RigHealth rigHealth() {
        return health == null ? null : health.health();
    }

    /**
     * Refines the calibration from the live pairs of the next {@code seconds} (no board). The future fails
     * when the loop has no calibration or the view holds too few features.
     */
    public CompletableFuture<RefinedRectification> refineRectification(double seconds) {
        if (health == null) {
            return CompletableFuture.failedFuture(new IllegalStateException(
                    "no calibration to refine: calibrate the rig first"));
        }
        return health.refine(seconds);
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
        return open(spec).source();
    }

    /** The spec's source; where it means the synthetic rig, the ideal rectified one, whose distances are known. */
    private static OpenedSource open(LoopSpec spec) {
        return StereoSources.open(spec.source(), spec.camera(), SyntheticRigChoice.ideal(spec.syntheticLoopFrames()));
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

    /** The camera settings the source was opened with (from the loop's spec). */
    public CameraSettings requestedCamera() {
        return opened.requested();
    }

    /** The settings the source reports it runs with (what cameras accepted, what a file holds), when it knows. */
    public Optional<CameraSettings> sourceSettings() {
        return opened.source().settings();
    }

    /** Why the loop shows something other than what was asked (auto found no cameras), or null. */
    public String sourceNote() {
        return opened.note();
    }

    public String describeCalibration() {
        return calibrationText;
    }

    /**
     * The disparities the last frame was searched over and why, e.g. "0–111 px (from 0.50 m on)";
     * null before the first frame or for a matcher that does not say.
     */
    public String describeSearchedRange() {
        int n = match.searchedDisparities();
        if (n <= 0) {
            return null;
        }
        String how = java.util.Objects.requireNonNullElse(spec.workingRangeReason(tuning.get(), geometry),
                match.rangeChoice());
        return "0–" + (n - 1) + " px (" + ("given".equals(how) ? "as set" : how) + ")";
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
        if (snapshotCloud != null) {
            snapshotCloud.close();
        }
        if (rectifier != null) {
            rectifier.close();
        }
        if (mono != null) {
            mono.close();
        }
    }
}
