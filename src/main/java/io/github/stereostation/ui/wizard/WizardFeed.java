package io.github.stereostation.ui.wizard;

import io.github.stereostation.calibration.CalibrationSession;
import io.github.stereostation.calibration.FrameCheck;
import io.github.stereostation.calibration.Rectifier;
import io.github.stereostation.calibration.SessionResult;
import io.github.stereostation.calibration.StereoCalibration;
import io.github.stereostation.capture.StereoFrame;
import io.github.stereostation.capture.StereoSource;
import org.opencv.core.Mat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The wizard's capture loop, free of Swing: pulls pairs from the source, hands each to the session, and
 * publishes Swing copies of the images (and, once a stereo calibration exists, the rectified pair) to the UI.
 * A failing camera is reported to the session, which keeps its views; the loop keeps asking, so a source that
 * reconnects (see {@code ResilientStereoSource}) carries on. {@link #step()} runs one turn, for tests.
 */
final class WizardFeed implements AutoCloseable {
    /** The images of one turn, for the UI. {@code rectifiedLeft/Right} are null without a stereo calibration. */
    record Live(BufferedImage left, BufferedImage right, BufferedImage rectifiedLeft, BufferedImage rectifiedRight,
                FrameCheck check, String source) {
    }

    /** Frame period for sources that are not cameras (replays, the virtual hand): 15 frames per second. */
    static final long GENERATED_FRAME_MILLIS = 66;

    private final Supplier<StereoSource> sources;
    private final CalibrationSession session;
    private final Consumer<Live> sink;
    private StereoSource source;
    private Rectifier rectifier;
    private StereoCalibration rectified;
    private final Mat rectLeft = new Mat();
    private final Mat rectRight = new Mat();
    private volatile boolean running;
    /** Views are taken only on the capture step; later steps just show the (rectified) live pair. */
    private volatile boolean capturing = true;
    private Thread thread;
    private boolean ended;

    WizardFeed(Supplier<StereoSource> sources, CalibrationSession session, Consumer<Live> sink) {
        this.sources = sources;
        this.session = session;
        this.sink = sink;
    }

    /** Runs the loop on a daemon thread until {@link #close()}. */
    synchronized void start() {
        if (thread != null) {
            return;
        }
        running = true;
        thread = new Thread(() -> {
            while (running) {
                long started = System.nanoTime();
                if (!step()) {
                    sleep(500);
                } else if (!isLive()) {
                    // a replay or the virtual hand would run as fast as the CPU allows: a camera's pace is plenty
                    sleep(Math.max(0, GENERATED_FRAME_MILLIS - (System.nanoTime() - started) / 1_000_000));
                }
            }
        }, "calibration-wizard-feed");
        thread.setDaemon(true);
        thread.start();
    }

    /** One turn: read a pair and process it. Returns false when no frame came (the source failed or ended). */
    synchronized boolean step() {
        if (ended) {
            return false;
        }
        StereoFrame frame;
        if (source == null) {
            try {
                source = VirtualHand.standIn(sources.get(), session.board());
                session.setStills(source.deliversStills());
            } catch (RuntimeException e) {
                session.sourceUnavailable(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
                sink.accept(new Live(null, null, null, null, session.lastCheck(), "no source"));
                return false;
            }
        }
        try {
            frame = source.next();
        } catch (IOException | RuntimeException e) {
            session.sourceLost(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            sink.accept(new Live(null, null, null, null, session.lastCheck(), describe()));
            return false;
        }
        if (frame == null) {
            ended = true;
            session.sourceEnded(describe());
            sink.accept(new Live(null, null, null, null, session.lastCheck(), describe()));
            return false;
        }
        try (frame) {
            FrameCheck check = capturing ? session.offer(frame) : session.lastCheck();
            BufferedImage l = WizardImages.of(frame.left());
            BufferedImage r = WizardImages.of(frame.right());
            BufferedImage rl = null;
            BufferedImage rr = null;
            if (session.result() instanceof SessionResult.Stereo s && s.problem() == null
                    && s.calibration().imageWidth() == frame.left().cols()
                    && s.calibration().imageHeight() == frame.left().rows()) {
                if (rectified != s.calibration()) {
                    if (rectifier != null) {
                        rectifier.close();
                    }
                    rectifier = Rectifier.create(s.calibration(), 0);
                    rectified = s.calibration();
                }
                rectifier.rectify(frame.left(), frame.right(), rectLeft, rectRight);
                rl = WizardImages.of(rectLeft);
                rr = WizardImages.of(rectRight);
            }
            sink.accept(new Live(l, r, rl, rr, check, describe()));
            return true;
        }
    }

    /** Whether frames go to the session (detection, views taken) or are only shown. */
    void setCapturing(boolean on) {
        capturing = on;
    }

    private synchronized boolean isLive() {
        return source != null && source.live();
    }

    private String describe() {
        return source == null ? "no source" : source.describe();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null && t != Thread.currentThread()) {
            t.interrupt();
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            if (source != null) {
                source.close();
                source = null;
            }
            if (rectifier != null) {
                rectifier.close();
                rectifier = null;
            }
            rectLeft.release();
            rectRight.release();
        }
    }
}
