package io.github.stereostation.ui;

import com.formdev.flatlaf.FlatDarkLaf;
import com.formdev.flatlaf.FlatLightLaf;
import io.github.stereostation.UserInputException;
import io.github.stereostation.capture.StereoSource;
import io.github.stereostation.depth.MonoModels;
import io.github.stereostation.pipeline.LiveLoop;
import io.github.stereostation.pipeline.LoopSpec;
import io.github.stereostation.pipeline.PipelineStats;
import io.github.stereostation.pipeline.SnapshotTaker;
import io.github.stereostation.depth.Preset;

import javax.swing.SwingUtilities;
import java.awt.Component;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The station's model: which source and calibration are open, the live tuning and view settings, the newest
 * finished view and the loop's figures. Opening and closing loops (camera I/O, OpenCV) happens on its own
 * control thread, never on the event thread; the panel reads the volatile state on a timer.
 */
public final class StationController implements AutoCloseable {
    private final Path settingsFile;
    private final LoopSpec baseSpec;
    private final ExecutorService control = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "station-control");
        t.setDaemon(true);
        return t;
    });
    private final AtomicReference<Preset> tuning;
    private final AtomicReference<ViewSettings> view;
    private volatile UiSettings settings;
    private volatile LiveLoop loop;
    private volatile StationView latest;
    private volatile SnapshotTaker.Snapshot lastSnapshot;
    private volatile String message = "starting…";
    private volatile boolean messageIsFault;
    private volatile long messageUntilNanos;
    /** Messages the user must see, waiting for the window to show them as notices. */
    private final java.util.concurrent.ConcurrentLinkedQueue<Notice> notices = new java.util.concurrent.ConcurrentLinkedQueue<>();
    /** True while the calibration wizard holds the cameras: no loop is opened until they come back. */
    private volatile boolean sourceLent;

    /**
     * @param settings     remembered window settings (source, calibration, preset, view, theme)
     * @param settingsFile where changes are saved (null: not saved, e.g. in tests)
     * @param baseSpec     the loop the station settings describe (source, cameras, live preset, pacing); the
     *                     window's choices in {@code settings} (source, calibration, preset) override it
     */
    public StationController(UiSettings settings, Path settingsFile, LoopSpec baseSpec) {
        this.settings = settings;
        this.settingsFile = settingsFile;
        this.baseSpec = baseSpec;
        this.tuning = new AtomicReference<>(settings.preset().isEmpty() ? baseSpec.livePreset()
                : baseSpec.preset(settings.preset()));
        this.view = new AtomicReference<>(settings.view());
    }

    /** Opens the remembered source and calibration on the control thread. */
    public void start() {
        control.execute(this::reopen);
    }

    /** Opens synchronously (for tests and the headless station); returns the open loop. */
    public LiveLoop startAndWait() throws Exception {
        control.submit(this::reopen).get(60, TimeUnit.SECONDS);
        return loop;
    }

    public UiSettings settings() {
        return settings;
    }

    /** The source spec the loop opens: the one chosen in the window, else the station settings'. */
    public String source() {
        return source(settings);
    }

    private String source(UiSettings s) {
        return s.source().isEmpty() ? baseSpec.source() : s.source();
    }

    public List<String> sourceChoices() {
        return List.of("synthetic", "auto", "opencv:0,1", "webcam:0,1", "sbs-camera:0");
    }

    public AtomicReference<Preset> tuning() {
        return tuning;
    }

    public ViewSettings viewSettings() {
        return view.get();
    }

    public void setViewSettings(ViewSettings v) {
        view.set(v);
        remember(settings.withView(v));
    }

    /** Applies a preset: the tuning switches at the next frame and the choice is remembered. */
    public void applyPreset(String name) {
        tuning.set(baseSpec.preset(name));
        remember(settings.withPreset(name));
    }

    public void switchSource(String spec) {
        remember(settings.withSource(spec));
        control.execute(this::reopen);
    }

    /** Opens the current source again (a replay plays from its start). */
    public void restart() {
        control.execute(this::reopen);
    }

    public void switchCalibration(String file) {
        remember(settings.withCalibration(file));
        control.execute(this::reopen);
    }

    /** Turns the live loop's mono fill on or off (every n-th frame); the loop reopens with the new stages. */
    public void setMonoFill(boolean on, int everyFrames) {
        remember(settings.withMonoFill(on, everyFrames));
        control.execute(this::reopen);
    }

    /** Why mono fill cannot be offered (no model installed: the message says which file goes where), or null. */
    public static String monoModelProblem() {
        try {
            MonoModels.resolve(null);
            return null;
        } catch (UserInputException e) {
            return e.getMessage();
        }
    }

    /**
     * Stops the live loop so that the calibration wizard can hold the cameras, and returns what opens the
     * current source for it (the loop's own way of opening a source spec). The supplier waits until the loop
     * has let go, so call it off the event thread, as the wizard does. {@link #takeBackSource()} restarts the loop.
     */
    public Supplier<StereoSource> lendSource() {
        sourceLent = true;
        control.execute(this::reopen);
        return () -> {
            try {
                control.submit(() -> { }).get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("the live loop did not let go of the cameras: " + rootMessage(e), e);
            }
            return LiveLoop.openSource(spec(settings));
        };
    }

    /** The cameras are back (the wizard closed): reopens the loop, with the calibration the wizard saved if any. */
    public void takeBackSource() {
        sourceLent = false;
        control.execute(this::reopen);
    }

    /** Remembers the window's size for the next start. */
    public void rememberWindowSize(int width, int height) {
        remember(settings.withWindowSize(width, height));
    }

    /** Switches FlatLaf between light and dark and repaints the window containing {@code root}. */
    public void setTheme(boolean dark, Component root) {
        remember(settings.withTheme(dark ? "dark" : "light"));
        applyTheme(dark);
        SwingUtilities.updateComponentTreeUI(SwingUtilities.getWindowAncestor(root) != null
                ? SwingUtilities.getWindowAncestor(root) : root);
    }

    public static void applyTheme(boolean dark) {
        if (dark) {
            FlatDarkLaf.setup();
        } else {
            FlatLightLaf.setup();
        }
    }

    /** Asks the loop to save the next finished frame; the status line says where it went. */
    public void snapshot() {
        LiveLoop l = loop;
        if (l == null) {
            say("no frames to save yet", true);
            return;
        }
        l.snapshots().request(Path.of("snapshots")).whenComplete((snap, err) -> {
            if (err != null) {
                say("snapshot failed: " + rootMessage(err), true);
            } else {
                lastSnapshot = snap;
                say("snapshot saved to " + snap.folder() + (snap.cloud() == null ? " (no cloud: no calibration)"
                        : " with " + snap.cloud().size() + " points — 3D view shows it"), false);
            }
        });
    }

    /**
     * "Photo to 3D": one photo through the mono depth model (the first model found in models/) into a coloured
     * cloud, on the control thread; the cloud goes to {@code show} (called on the event thread).
     */
    public void openPhoto(Path photo, java.util.function.Consumer<io.github.stereostation.cloud.PointCloud> show) {
        say("estimating depth of " + photo.getFileName() + " with the mono model…", false);
        control.execute(() -> {
            try {
                io.github.stereostation.depth.MonoModels.Found found = io.github.stereostation.depth.MonoModels.resolve(null);
                try (var estimator = new io.github.stereostation.depth.OnnxMonoDepthEstimator(found.model(),
                        found.spec(), Math.max(1, Runtime.getRuntime().availableProcessors() / 2),
                        io.github.stereostation.depth.OnnxMonoDepthEstimator.DEFAULT_MAX_PIXELS);
                     var result = new io.github.stereostation.depth.MonoReconstruction(estimator,
                             io.github.stereostation.depth.MonoReconstruction.Settings.defaults()).reconstruct(photo)) {
                    var cloud = result.cloud();
                    say(photo.getFileName() + ": " + cloud.size() + " points from mono depth (" + result.notes() + ")",
                            false);
                    SwingUtilities.invokeLater(() -> show.accept(cloud));
                }
            } catch (Exception | LinkageError e) {
                say("photo to 3D failed: " + rootMessage(e), true);
            }
        });
    }

    /** Queues a notice for the window (any thread). */
    public void post(Notice n) {
        notices.add(n);
    }

    /** The next notice waiting to be shown, or null. */
    public Notice pollNotice() {
        return notices.poll();
    }

    /** The replay the loop plays, or null for cameras and the synthetic rig. */
    public io.github.stereostation.capture.ReplaySource replay() {
        LiveLoop l = loop;
        return l != null && l.pipeline().source() instanceof io.github.stereostation.capture.ReplaySource r ? r : null;
    }

    /** The last snapshot saved in this session, or null. */
    public SnapshotTaker.Snapshot lastSnapshot() {
        return lastSnapshot;
    }

    public StationView latestView() {
        return latest;
    }

    public PipelineStats stats() {
        LiveLoop l = loop;
        return l == null ? null : l.pipeline().stats();
    }

    public LiveLoop loop() {
        return loop;
    }

    /** The line for the status bar: a recent message (snapshot saved, cannot open) or the loop's state. */
    public String statusLine() {
        LiveLoop l = loop;
        if (l == null || System.nanoTime() < messageUntilNanos) {
            return message;
        }
        PipelineStats s = l.pipeline().stats();
        if (l.pipeline().sourceEnded()) {
            return "replay finished: " + l.pipeline().describeSource() + " — tick Loop to play it again, or "
                    + "choose another source";
        }
        var r = replay();
        if (r != null && r.control().paused()) {
            return "replay paused at pair " + r.position() + " of " + r.size() + " — Step shows the next pair";
        }
        String note = l.sourceNote() == null ? "" : l.sourceNote() + " — ";
        String mono = l.describeMonoFill() == null ? "" : ", " + l.describeMonoFill();
        io.github.stereostation.calibration.RigHealth h = l.rigHealth();
        String health = h == null ? "" : " — " + h.text() + (h.needsRefinement() ? " — Refine…" : "");
        return note + s.status() + health + String.format(Locale.ROOT, " — %s, %s%s", l.describeCalibration(),
                describe(tuning.get()), mono);
    }

    /** The disparities the loop searches now and why (see {@link LiveLoop#describeSearchedRange()}), or null. */
    public String searchedRange() {
        LiveLoop l = loop;
        return l == null ? null : l.describeSearchedRange();
    }

    /** The live depth as clouds into a viewer, keeping its viewpoint; null stops. */
    public void followCloud(PointCloudViewer viewer) {
        LiveLoop l = loop;
        if (l == null) {
            return;
        }
        if (viewer == null) {
            l.followCloud(null);
            return;
        }
        l.followCloud(cloud -> javax.swing.SwingUtilities.invokeLater(() -> viewer.followCloud(cloud)));
    }

    /** Refines the calibration from the live frames of the next {@code seconds}; the callback hears the result. */
    public void refineRectification(double seconds,
                                    java.util.function.BiConsumer<io.github.stereostation.calibration.RefinedRectification, String> done) {
        LiveLoop l = loop;
        if (l == null) {
            done.accept(null, "the live loop is not running");
            return;
        }
        l.refineRectification(seconds).whenComplete((r, e) -> done.accept(r, e == null ? null
                : (e.getCause() != null ? e.getCause() : e).getMessage()));
    }

    /** Saves a refinement beside the active calibration (NAME-refined.yaml, any old one kept as .bak), uses it. */
    public void saveRefined(io.github.stereostation.calibration.RefinedRectification refined) {
        String current = settings().calibration();
        java.nio.file.Path old = current.isEmpty() ? java.nio.file.Path.of("calibration", "rig.yaml")
                : java.nio.file.Path.of(current);
        String name = old.getFileName().toString().replaceFirst("(-refined)?\\.ya?ml$", "");
        java.nio.file.Path target = old.resolveSibling(name + "-refined.yaml");
        try {
            refined.save(target);
            switchCalibration(target.toString());
            say("saved the refined calibration " + target + " and switched to it", false);
        } catch (java.io.IOException | RuntimeException e) {
            say("could not save " + target + ": " + e.getMessage(), true);
        }
    }

    /** "A–B 412.3 mm ± 4.1 mm (95 %)" between two pixels of a view, or why not. */
    static String distanceText(StationView v, java.awt.Point a, java.awt.Point b) {
        io.github.stereostation.cloud.StereoMeasure m = measure(v);
        io.github.stereostation.cloud.StereoMeasure.Point pa = m.point(v.disparity(), v.width(), v.height(), a.x, a.y);
        io.github.stereostation.cloud.StereoMeasure.Point pb = m.point(v.disparity(), v.width(), v.height(), b.x, b.y);
        if (pa == null || pb == null) {
            return "no depth around " + (pa == null ? "A" : "B") + ": pick a textured spot";
        }
        return String.format(Locale.ROOT, "A (%d, %d) %.3f m → B (%d, %d) %.3f m: distance %s", a.x, a.y, pa.z(),
                b.x, b.y, pb.z(), m.distance(pa, pb).text());
    }

    /** The plane fit over the rectangle with corners a and b, or why not. */
    static String planeText(StationView v, java.awt.Point a, java.awt.Point b) {
        io.github.stereostation.cloud.StereoMeasure.PlaneFit f = measure(v).fitPlane(v.disparity(), v.width(),
                v.height(), Math.min(a.x, b.x), Math.min(a.y, b.y), Math.max(a.x, b.x) + 1, Math.max(a.y, b.y) + 1);
        return f == null ? "too few depths in the rectangle for a plane" : f.text();
    }

    private static io.github.stereostation.cloud.StereoMeasure measure(StationView v) {
        io.github.stereostation.geometry.DisparityToDepth g = v.geometry();
        // rectified views come from a board calibration, whose scale is known to about 0.5 %; the ideal synthetic
        // rig needs no rectification and is exact
        double scale = v.rectified() ? 0.005 : 0;
        return new io.github.stereostation.cloud.StereoMeasure(g.focalPx(), g.baselineMetres(), g.offsetPx(),
                g.cxPx(), g.cyPx(), scale);
    }

    public boolean faulted() {
        LiveLoop l = loop;
        if (l == null || System.nanoTime() < messageUntilNanos) {
            return messageIsFault;
        }
        if (l.pipeline().sourceEnded()) {
            return false; // the end of a replay is where it stops, not a failure
        }
        String s = l.pipeline().stats().status();
        return !s.startsWith("running");
    }

    static String describe(Preset p) {
        return "preset " + p.name() + " (" + p.matcher().describe() + ")";
    }

    /**
     * Shows {@code m} on the status line for a few seconds (red when {@code fault}); a fault also becomes a
     * {@link Notice} that stays in the window until the user closes it.
     */
    void say(String m, boolean fault) {
        if (fault) {
            notices.add(Notice.error(m));
        }
        message = m;
        messageIsFault = fault;
        messageUntilNanos = System.nanoTime() + TimeUnit.SECONDS.toNanos(6);
    }

    private void reopen() {
        LiveLoop old = loop;
        loop = null;
        if (old != null) {
            old.close();
        }
        UiSettings s = settings;
        if (sourceLent) {
            message = "live view paused: the calibration wizard is using the cameras";
            messageIsFault = false;
            messageUntilNanos = Long.MAX_VALUE;
            return;
        }
        say("opening " + source(s) + "…", false);
        try {
            ViewRenderer renderer = new ViewRenderer(view::get, v -> latest = v);
            loop = LiveLoop.open(spec(s), tuning::get, renderer);
            messageUntilNanos = 0;
        } catch (Exception e) {
            say("cannot open " + source(s) + ": " + rootMessage(e), true);
        }
    }

    /** What the loop opens for these settings: source, calibration and mono fill over the camera defaults. */
    private LoopSpec spec(UiSettings s) {
        return baseSpec.withSource(source(s))
                .withCalibration(s.calibration().isEmpty() ? null : Path.of(s.calibration()))
                .withMonoFill(s.monoFillFrames(), null);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && (t.getMessage() == null || t instanceof java.util.concurrent.CompletionException)) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    private void remember(UiSettings s) {
        settings = s;
        if (settingsFile != null) {
            try {
                s.save(settingsFile);
            } catch (Exception e) {
                say("cannot save " + settingsFile + ": " + rootMessage(e), true);
            }
        }
    }

    /** Stops the loop (releasing cameras) and the control thread. */
    @Override
    public void close() {
        control.shutdown();
        try {
            control.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LiveLoop l = loop;
        loop = null;
        if (l != null) {
            l.close();
        }
    }
}
