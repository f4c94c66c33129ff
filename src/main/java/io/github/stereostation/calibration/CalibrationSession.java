package io.github.stereostation.calibration;

import io.github.stereostation.OpenCvNative;
import io.github.stereostation.UserInputException;
import io.github.stereostation.capture.StereoFrame;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The calibration wizard's model, free of Swing: frames go in ({@link #offer}), and out come the board
 * detection, a hint in plain words, automatic captures of still and new poses, coverage bars and a map, the
 * list of views taken (deletable), and finally a calibration made in the background ({@link #calibrateAsync}).
 * A UI observes it through {@link Listener}s, which are called on the thread that caused the change.
 * <p>This class holds the threads, the listeners and the lock; the jobs are its parts: {@link CaptureAdvisor}
 * (live advice and taking views), {@link ViewList} (the views), {@link SessionCoverage} (coverage) and
 * {@link SessionCalibrator} (the fit and its quality limit).
 * <p>Thread-safe: frames may come from a capture thread while the UI reads and deletes views. Owns a few
 * working Mats: {@link #close()} releases them.
 */
public final class CalibrationSession implements AutoCloseable {

    /** Stereo (two cameras, the rig's geometry) or one camera (intrinsics only). */
    public enum Mode { STEREO, MONO }

    /** What changed, for listeners. */
    public enum Change { FRAME, VIEWS, CALIBRATION_STARTED, CALIBRATION_DONE, CALIBRATION_FAILED }

    /** Observes a session. */
    @FunctionalInterface
    public interface Listener {
        void changed(CalibrationSession session, Change change);
    }

    private final BoardSpec board;
    private final Mode mode;
    private final CaptureSettings settings;
    private final SessionCalibrator calibrator;
    private final CaptureAdvisor advisor;
    private final ViewList views = new ViewList();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private FrameCheck lastCheck = FrameCheck.status(-1, CaptureHint.NOT_FOUND_BOTH, "Waiting for the cameras");
    private volatile SessionResult result;
    private volatile String calibrationError;
    private volatile boolean calibrating;

    public CalibrationSession(BoardSpec board, Mode mode, CaptureSettings settings) {
        OpenCvNative.load();
        this.board = board;
        this.mode = mode;
        this.settings = settings;
        this.calibrator = new SessionCalibrator(board, mode, settings.maxRmsPx());
        this.advisor = new CaptureAdvisor(board, mode, settings, calibrator.minViews());
    }

    public BoardSpec board() {
        return board;
    }

    public Mode mode() {
        return mode;
    }

    public CaptureSettings settings() {
        return settings;
    }

    public void addListener(Listener l) {
        listeners.add(l);
    }

    private void fire(Change c) {
        for (Listener l : listeners) {
            l.changed(this, c);
        }
    }

    /** Asks for the next frame with the board in view to be taken regardless of stillness and novelty. */
    public synchronized void requestManualCapture() {
        advisor.requestManualCapture();
    }

    /**
     * Looks at one frame (the caller keeps ownership): detects the board, updates stillness, and takes the view
     * when the board is found in every camera, held still, sharp and in a new pose (or a manual capture was
     * asked for). Never throws for what the user does in front of the cameras; the answer says what is wrong.
     */
    public FrameCheck offer(StereoFrame frame) {
        FrameCheck check;
        synchronized (this) {
            check = advisor.examine(frame, views);
            lastCheck = check;
            if (check.didCapture()) {
                result = null;
            }
        }
        fire(Change.FRAME);
        if (check.didCapture()) {
            fire(Change.VIEWS);
        }
        return check;
    }

    /** Tells the session the source failed (camera unplugged); the views taken are kept. */
    public void sourceLost(String reason) {
        sourceProblem("Camera lost: " + reason + ". The " + viewCount() + " views taken are kept; reconnect the camera to go on");
    }

    /**
     * Tells the session the source delivers stills (a folder of photographs): each frame then counts as held
     * still on its own, since nothing moves between them.
     */
    public synchronized void setStills(boolean stills) {
        advisor.setStills(stills);
    }

    /** Tells the session a replay has no more frames; the views taken are kept. */
    public void sourceEnded(String what) {
        int n = viewCount();
        sourceProblem("The end of " + what + ": " + n + (n == 1 ? " view" : " views") + " taken"
                + (n >= minViews() ? "; go on to calibrate" : "; it needs " + minViews() + " views to calibrate"));
    }

    /** Tells the session the source could not be opened at all. */
    public void sourceUnavailable(String reason) {
        sourceProblem("Cannot open the cameras: " + reason);
    }

    private void sourceProblem(String message) {
        synchronized (this) {
            advisor.resetTracking();
            lastCheck = FrameCheck.status(lastCheck.sequence(), CaptureHint.CAMERA_LOST, message);
        }
        fire(Change.FRAME);
    }

    public synchronized FrameCheck lastCheck() {
        return lastCheck;
    }

    public synchronized List<CapturedView> views() {
        return views.views();
    }

    public synchronized int viewCount() {
        return views.size();
    }

    /** Deletes a view; returns whether it was there. */
    public boolean removeView(int id) {
        boolean removed;
        synchronized (this) {
            removed = views.remove(id);
            if (removed) {
                result = null;
            }
        }
        if (removed) {
            fire(Change.VIEWS);
        }
        return removed;
    }

    /** Deletes the view of this name (as in the per-view errors of a result). */
    public boolean removeView(String name) {
        Optional<Integer> id;
        synchronized (this) {
            id = views.idOf(name);
        }
        return id.isPresent() && removeView(id.get());
    }

    /** Deletes every view. */
    public void clearViews() {
        synchronized (this) {
            views.clear();
            result = null;
        }
        fire(Change.VIEWS);
    }

    /** Width and height of the views taken, empty before the first. */
    public synchronized Optional<int[]> imageSize() {
        return views.imageSize();
    }

    private synchronized SessionCoverage coverage() {
        return new SessionCoverage(views.views(), board, mode == Mode.STEREO ? 2 : 1);
    }

    /** Coverage of one camera's views (0 = left, 1 = right). */
    public Coverage coverage(int camera) {
        return coverage().coverage(camera);
    }

    /** The four coverage bars x, y, size and skew, 0..1, each the lesser of the cameras' progress. */
    public double[] bars() {
        return coverage().bars();
    }

    /** Where corners have been collected in one camera's image (0 = left, 1 = right). */
    public CoverageMap coverageMap(int camera) {
        return coverage().map(camera);
    }

    /** Every bar full. */
    public boolean isCoverageFull() {
        return coverage().isFull();
    }

    /** Full coverage and enough views: the wizard says the capture is done. */
    public synchronized boolean isComplete() {
        return advisor.isComplete(views);
    }

    /** The fewest views a calibration accepts in this mode. */
    public int minViews() {
        return calibrator.minViews();
    }

    public synchronized boolean canCalibrate() {
        return views.size() >= minViews() && !calibrating;
    }

    public boolean isCalibrating() {
        return calibrating;
    }

    /** The newest calibration of the current views, null when there is none or views changed since. */
    public SessionResult result() {
        return result;
    }

    /** Why the last calibration failed, or null. */
    public String calibrationError() {
        return calibrationError;
    }

    /**
     * Calibrates from the views taken, on the calling thread. The views stay as they are whatever happens.
     *
     * @throws UserInputException with a plain message when there are too few views or the fit fails outright
     */
    public SessionResult calibrate() {
        List<CapturedView> snapshot;
        synchronized (this) {
            snapshot = views.views();
            calibrating = true;
            calibrationError = null;
        }
        fire(Change.CALIBRATION_STARTED);
        try {
            SessionResult r = calibrator.fit(snapshot);
            synchronized (this) {
                // Only the result of the views as they still are is current.
                result = snapshot.equals(views.views()) ? r : null;
                calibrating = false;
            }
            fire(Change.CALIBRATION_DONE);
            return r;
        } catch (RuntimeException e) {
            String msg = e instanceof UserInputException ? e.getMessage()
                    : SessionCalibrator.notConverged(snapshot.size(), e);
            synchronized (this) {
                calibrationError = msg;
                calibrating = false;
            }
            fire(Change.CALIBRATION_FAILED);
            throw e instanceof UserInputException u ? u : new UserInputException(msg, e);
        }
    }

    /** {@link #calibrate()} on a background thread. */
    public CompletableFuture<SessionResult> calibrateAsync() {
        CompletableFuture<SessionResult> f = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                f.complete(calibrate());
            } catch (RuntimeException e) {
                f.completeExceptionally(e);
            }
        }, "calibration");
        t.setDaemon(true);
        t.start();
        return f;
    }

    @Override
    public synchronized void close() {
        advisor.close();
    }
}
