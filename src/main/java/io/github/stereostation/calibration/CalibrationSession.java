package io.github.stereostation.calibration;

import io.github.stereostation.OpenCvNative;
import io.github.stereostation.UserInputException;
import io.github.stereostation.capture.StereoFrame;
import org.opencv.calib3d.Calib3d;
import org.opencv.core.CvException;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The calibration wizard's model, free of Swing: frames go in ({@link #offer}), and out come the board
 * detection, a hint in plain words, automatic captures of still and new poses, coverage bars and a map, the
 * list of views taken (deletable), and finally a calibration made in the background ({@link #calibrateAsync}).
 * A UI observes it through {@link Listener}s, which are called on the thread that caused the change.
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

    private static final int MAP_COLUMNS = 10;
    private static final int MAP_ROWS = 8;
    private static final String[] SIDE = {"left", "right"};

    private final BoardSpec board;
    private final Mode mode;
    private final CaptureSettings settings;
    private final LiveBoardDetector[] liveDetectors;
    private final BoardDetector[] detectors;
    private final StillnessTracker[] still;
    private final BoardCorners[] lastSeen;
    private final long[] lastSeenSeq;
    private final Mat small = new Mat();
    private final Mat gray = new Mat();
    private final List<CapturedView> views = new ArrayList<>();
    private final List<double[][]> measures = new ArrayList<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private int nextId = 1;
    private boolean manualRequested;
    private FrameCheck lastCheck = FrameCheck.status(-1, CaptureHint.NOT_FOUND_BOTH, "Waiting for the cameras");
    private volatile SessionResult result;
    private volatile String calibrationError;
    private volatile boolean calibrating;

    public CalibrationSession(BoardSpec board, Mode mode, CaptureSettings settings) {
        OpenCvNative.load();
        this.board = board;
        this.mode = mode;
        this.settings = settings;
        int cams = cameras();
        liveDetectors = new LiveBoardDetector[cams];
        detectors = new BoardDetector[cams];
        still = new StillnessTracker[cams];
        lastSeen = new BoardCorners[cams];
        lastSeenSeq = new long[cams];
        for (int i = 0; i < cams; i++) {
            liveDetectors[i] = new LiveBoardDetector(board);
            detectors[i] = BoardDetector.forBoard(board);
            still[i] = new StillnessTracker(settings.stillFrames(), settings.stillMotionPx());
        }
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

    private int cameras() {
        return mode == Mode.STEREO ? 2 : 1;
    }

    public void addListener(Listener l) {
        listeners.add(l);
    }

    public void removeListener(Listener l) {
        listeners.remove(l);
    }

    private void fire(Change c) {
        for (Listener l : listeners) {
            l.changed(this, c);
        }
    }

    /** Asks for the next frame with the board in view to be taken regardless of stillness and novelty. */
    public synchronized void requestManualCapture() {
        manualRequested = true;
    }

    /**
     * Looks at one frame (the caller keeps ownership): detects the board, updates stillness, and takes the view
     * when the board is found in every camera, held still, sharp and in a new pose (or a manual capture was
     * asked for). Never throws for what the user does in front of the cameras; the answer says what is wrong.
     */
    public FrameCheck offer(StereoFrame frame) {
        FrameCheck check;
        synchronized (this) {
            check = examine(frame);
            lastCheck = check;
        }
        fire(Change.FRAME);
        if (check.didCapture()) {
            fire(Change.VIEWS);
        }
        return check;
    }

    private FrameCheck examine(StereoFrame frame) {
        long seq = frame.sequence();
        Mat[] images = mode == Mode.STEREO ? new Mat[]{frame.left(), frame.right()} : new Mat[]{frame.left()};
        int w = images[0].cols();
        int h = images[0].rows();
        if (mode == Mode.STEREO && (images[1].cols() != w || images[1].rows() != h)) {
            resetTracking();
            return FrameCheck.status(seq, CaptureHint.RESOLUTION_CHANGED, String.format(Locale.ROOT,
                    "The left camera gives %dx%d images but the right one %dx%d: set both cameras to one resolution",
                    w, h, images[1].cols(), images[1].rows()));
        }
        Optional<int[]> size = imageSize();
        if (size.isPresent() && (size.get()[0] != w || size.get()[1] != h)) {
            resetTracking();
            return FrameCheck.status(seq, CaptureHint.RESOLUTION_CHANGED, String.format(Locale.ROOT,
                    "The cameras now give %dx%d images but the %d views taken are %dx%d; they are kept: switch back to "
                            + "%dx%d to go on, or delete them to start again at the new resolution",
                    w, h, views.size(), size.get()[0], size.get()[1], size.get()[0], size.get()[1]));
        }
        int cams = cameras();
        BoardCorners[] found = new BoardCorners[cams];
        for (int i = 0; i < cams; i++) {
            found[i] = detectLive(i, images[i]);
            still[i].update(found[i]);
            if (found[i] != null) {
                lastSeen[i] = found[i];
                lastSeenSeq[i] = seq;
            }
        }
        BoardCorners left = found[0];
        BoardCorners right = cams > 1 ? found[1] : null;
        boolean manual = manualRequested;
        for (int i = 0; i < cams; i++) {
            if (found[i] == null) {
                if (manual) {
                    manualRequested = false;
                }
                return missing(seq, images, found, manual);
            }
        }
        for (int i = 0; i < cams; i++) {
            double edge = edgeWidth(images[i], found[i]);
            if (edge > settings.maxEdgeWidthPx()) {
                return new FrameCheck(seq, CaptureHint.TOO_BLURRY, String.format(Locale.ROOT,
                        "Too blurry in the %s camera (edges %.1f px wide): hold the board still and check the focus",
                        cameraName(i), edge), left, right, 0, Double.NaN, null);
            }
        }
        double stillProgress = 1;
        boolean allStill = true;
        for (int i = 0; i < cams; i++) {
            stillProgress = Math.min(stillProgress, still[i].progress());
            allStill &= still[i].isStill();
        }
        double[][] m = new double[cams][];
        for (int i = 0; i < cams; i++) {
            m[i] = Coverage.viewMeasures(found[i], board);
        }
        double novelty = PoseNovelty.novelty(m, measures);
        if (manual) {
            manualRequested = false;
            CapturedView v = capture(seq, images, true);
            if (v == null) {
                return new FrameCheck(seq, CaptureHint.TOO_BLURRY, "Manual capture failed: the board was not found at "
                        + "full resolution; hold it still and try again", left, right, stillProgress, novelty, null);
            }
            return new FrameCheck(seq, CaptureHint.MANUAL_CAPTURED, "Took view " + v.id() + " by hand ("
                    + views.size() + " views)", left, right, stillProgress, novelty, v);
        }
        if (!allStill) {
            double motion = 0;
            for (int i = 0; i < cams; i++) {
                motion = Math.max(motion, Double.isNaN(still[i].lastMotionPx()) ? 0 : still[i].lastMotionPx());
            }
            CaptureHint hint = motion > settings.stillMotionPx() ? CaptureHint.MOVING : CaptureHint.HOLD_STILL;
            String text = novelty < settings.minNovelty() ? "Pose already taken: " + suggestion()
                    : hint == CaptureHint.MOVING ? "Board found: hold it still to take this view" : "Hold still...";
            return new FrameCheck(seq, hint, text, left, right, stillProgress, novelty, null);
        }
        if (novelty < settings.minNovelty()) {
            boolean done = isComplete();
            return new FrameCheck(seq, done ? CaptureHint.COVERAGE_COMPLETE : CaptureHint.NOT_NEW,
                    done ? "Coverage complete with " + views.size() + " views: go on to calibrate (more views still help)"
                            : "Pose already taken: " + suggestion(), left, right, stillProgress, novelty, null);
        }
        CapturedView v = capture(seq, images, false);
        if (v == null) {
            return new FrameCheck(seq, CaptureHint.HOLD_STILL, "Hold still...", left, right, stillProgress, novelty, null);
        }
        return new FrameCheck(seq, CaptureHint.CAPTURED, "Took view " + v.id() + " (" + views.size() + " views)"
                + (isComplete() ? ": coverage complete, go on to calibrate" : ""), left, right, stillProgress, novelty, v);
    }

    private String cameraName(int i) {
        return mode == Mode.MONO ? "" : SIDE[i];
    }

    private String where(int i) {
        return mode == Mode.MONO ? "the image" : "the " + SIDE[i] + " image";
    }

    /** The hint for a frame where some camera did not find the board: why, as far as can be told. */
    private FrameCheck missing(long seq, Mat[] images, BoardCorners[] found, boolean manual) {
        String prefix = manual ? "Manual capture needs the board in view. " : "";
        BoardCorners left = found[0];
        BoardCorners right = found.length > 1 ? found[1] : null;
        int missingCount = 0;
        for (BoardCorners c : found) {
            missingCount += c == null ? 1 : 0;
        }
        for (int i = 0; i < found.length; i++) {
            if (found[i] != null) {
                continue;
            }
            boolean recent = lastSeen[i] != null && seq - lastSeenSeq[i] <= settings.lostAfterFrames();
            if (recent && outsideImage(lastSeen[i])) {
                return new FrameCheck(seq, CaptureHint.PARTLY_OUTSIDE, prefix + "Board partly outside " + where(i)
                        + ": move it towards the middle", left, right, 0, Double.NaN, null);
            }
            Rect roi = recent ? BoardSharpness.boundingBox(lastSeen[i], spacing(lastSeen[i]))
                    : patternVisible(images[i]) ? new Rect(0, 0, images[i].cols(), images[i].rows()) : null;
            if (roi != null) {
                toGray(images[i]);
                double edge = BoardSharpness.edgeWidthPx(gray, roi);
                if (edge > settings.maxEdgeWidthPx()) {
                    return new FrameCheck(seq, CaptureHint.TOO_BLURRY, String.format(Locale.ROOT,
                            "%sToo blurry%s (edges %.1f px wide): hold the board still and check the focus", prefix,
                            mode == Mode.MONO ? "" : " in the " + SIDE[i] + " camera", edge), left, right, 0, Double.NaN, null);
                }
            }
        }
        String what = board.innerCols() + "x" + board.innerRows() + " board";
        if (mode == Mode.MONO) {
            return new FrameCheck(seq, CaptureHint.NOT_FOUND_LEFT, prefix + "Board not found: show the whole " + what
                    + " to the camera", left, right, 0, Double.NaN, null);
        }
        if (missingCount == 2) {
            return new FrameCheck(seq, CaptureHint.NOT_FOUND_BOTH, prefix + "Board not found in either camera: show the whole "
                    + what + " to both cameras", left, right, 0, Double.NaN, null);
        }
        boolean leftMissing = found[0] == null;
        return new FrameCheck(seq, leftMissing ? CaptureHint.NOT_FOUND_LEFT : CaptureHint.NOT_FOUND_RIGHT,
                prefix + "Board not found in the " + (leftMissing ? "left" : "right") + " camera: it must be whole in both views",
                left, right, 0, Double.NaN, null);
    }

    /** Mean distance between neighbouring corners along a row, in pixels. */
    private double spacing(BoardCorners c) {
        double sum = 0;
        int n = 0;
        int cols = board.innerCols();
        for (int i = 0; i < c.count(); i++) {
            int id = c.ids()[i];
            int next = c.indexOf(id + 1);
            if ((id + 1) % cols != 0 && next >= 0) {
                sum += Math.hypot(c.x(next) - c.x(i), c.y(next) - c.y(i));
                n++;
            }
        }
        return n == 0 ? 10 : sum / n;
    }

    /**
     * True when the board's outer squares and the white margin a detector needs (one and a half squares beyond
     * the inner corners) reach past the image edge.
     */
    private boolean outsideImage(BoardCorners c) {
        double s = 1.5 * spacing(c);
        Rect box = BoardSharpness.boundingBox(c, s);
        return box.x < 0 || box.y < 0 || box.x + box.width > c.imageWidth() || box.y + box.height > c.imageHeight();
    }

    /** OpenCV's quick test for a chessboard-like pattern, on a small copy; ChArUco boards always say yes. */
    private boolean patternVisible(Mat image) {
        if (board.kind() != BoardSpec.Kind.CHESSBOARD) {
            return true;
        }
        Mat s = scaled(image);
        toGrayFrom(s, gray);
        return Calib3d.checkChessboard(gray, new Size(board.innerCols(), board.innerRows()));
    }

    private double edgeWidth(Mat image, BoardCorners c) {
        toGray(image);
        return BoardSharpness.edgeWidthPx(gray, BoardSharpness.boundingBox(c, spacing(c) * 0.5));
    }

    private void toGray(Mat image) {
        toGrayFrom(image, gray);
    }

    private static void toGrayFrom(Mat image, Mat out) {
        ChessboardDetector.toGray(image, out);
    }

    private double liveScale(Mat image) {
        return Math.min(1.0, settings.liveMaxWidth() / (double) image.cols());
    }

    /** The image itself, or a downscaled copy in {@link #small} when it is wider than the live limit. */
    private Mat scaled(Mat image) {
        double s = liveScale(image);
        if (s >= 1) {
            return image;
        }
        Imgproc.resize(image, small, new Size(Math.round(image.cols() * s), Math.round(image.rows() * s)), 0, 0,
                Imgproc.INTER_AREA);
        return small;
    }

    /** Detection for the live hint, on a downscaled copy when the frame is large, in full-frame pixels. */
    private BoardCorners detectLive(int cam, Mat image) {
        Mat s = scaled(image);
        Optional<BoardCorners> c = liveDetectors[cam].detect(s);
        if (c.isEmpty()) {
            return null;
        }
        if (s == image) {
            return c.get();
        }
        double fx = image.cols() / (double) s.cols();
        double fy = image.rows() / (double) s.rows();
        float[] xy = c.get().xy();
        for (int i = 0; i < xy.length; i += 2) {
            // Pixel centres: x_full = (x_small + 0.5) * f - 0.5.
            xy[i] = (float) ((xy[i] + 0.5) * fx - 0.5);
            xy[i + 1] = (float) ((xy[i + 1] + 0.5) * fy - 0.5);
        }
        return new BoardCorners(c.get().ids(), xy, image.cols(), image.rows());
    }

    /** Takes a view: detects again, at full resolution and with the accurate detector. */
    private CapturedView capture(long seq, Mat[] images, boolean manual) {
        BoardCorners[] full = new BoardCorners[images.length];
        for (int i = 0; i < images.length; i++) {
            Optional<BoardCorners> c = detectors[i].detect(images[i]);
            if (c.isEmpty()) {
                return null;
            }
            full[i] = c.get();
        }
        if (full.length > 1) {
            ViewPair common = new ViewPair("", full[0], full[1]).commonCorners();
            if (common.left().count() < CharucoBoardDetector.MIN_CORNERS) {
                return null;
            }
            full[0] = common.left();
            full[1] = common.right();
        }
        int id = nextId++;
        CapturedView v = new CapturedView(id, String.format(Locale.ROOT, "view-%03d", id), full[0],
                full.length > 1 ? full[1] : null, Thumbnail.of(images[0], 160),
                images.length > 1 ? Thumbnail.of(images[1], 160) : null, seq, manual);
        double[][] m = new double[full.length][];
        for (int i = 0; i < full.length; i++) {
            m[i] = Coverage.viewMeasures(full[i], board);
            still[i].reset();
        }
        views.add(v);
        measures.add(m);
        result = null;
        return v;
    }

    private void resetTracking() {
        for (StillnessTracker t : still) {
            t.reset();
        }
    }

    /** What to do next to fill the emptiest coverage bar. */
    private String suggestion() {
        double[] b = bars();
        int k = 0;
        for (int i = 1; i < 4; i++) {
            if (b[i] < b[k]) {
                k = i;
            }
        }
        return switch (k) {
            case 0 -> "move the board to the left and right edges of the image";
            case 1 -> "move the board to the top and bottom of the image";
            case 2 -> "bring the board closer to the cameras and take it further away";
            default -> "tilt the board left, right, up and down";
        };
    }

    /** Tells the session the source failed (camera unplugged); the views taken are kept. */
    public void sourceLost(String reason) {
        sourceProblem("Camera lost: " + reason + ". The " + viewCount() + " views taken are kept; reconnect the camera to go on");
    }

    /** Tells the session the source could not be opened at all. */
    public void sourceUnavailable(String reason) {
        sourceProblem("Cannot open the cameras: " + reason);
    }

    private void sourceProblem(String message) {
        synchronized (this) {
            resetTracking();
            lastCheck = FrameCheck.status(lastCheck.sequence(), CaptureHint.CAMERA_LOST, message);
        }
        fire(Change.FRAME);
    }

    public synchronized FrameCheck lastCheck() {
        return lastCheck;
    }

    public synchronized List<CapturedView> views() {
        return List.copyOf(views);
    }

    public synchronized int viewCount() {
        return views.size();
    }

    /** Deletes a view; returns whether it was there. */
    public boolean removeView(int id) {
        boolean removed;
        synchronized (this) {
            int i = indexOf(id);
            removed = i >= 0;
            if (removed) {
                views.remove(i);
                measures.remove(i);
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
        Integer id = null;
        synchronized (this) {
            for (CapturedView v : views) {
                if (v.name().equals(name)) {
                    id = v.id();
                }
            }
        }
        return id != null && removeView(id);
    }

    /** Deletes every view. */
    public void clearViews() {
        synchronized (this) {
            views.clear();
            measures.clear();
            result = null;
        }
        fire(Change.VIEWS);
    }

    private int indexOf(int id) {
        for (int i = 0; i < views.size(); i++) {
            if (views.get(i).id() == id) {
                return i;
            }
        }
        return -1;
    }

    /** Width and height of the views taken, empty before the first. */
    public synchronized Optional<int[]> imageSize() {
        if (views.isEmpty()) {
            return Optional.empty();
        }
        BoardCorners c = views.get(0).left();
        return Optional.of(new int[]{c.imageWidth(), c.imageHeight()});
    }

    /** Coverage of one camera's views (0 = left, 1 = right). */
    public synchronized Coverage coverage(int camera) {
        List<BoardCorners> c = new ArrayList<>();
        for (CapturedView v : views) {
            c.add(camera == 0 ? v.left() : v.right());
        }
        return Coverage.of(c, board);
    }

    /** The four coverage bars x, y, size and skew, 0..1, each the lesser of the cameras' progress. */
    public synchronized double[] bars() {
        double[] b = {1, 1, 1, 1};
        for (int cam = 0; cam < cameras(); cam++) {
            Coverage c = coverage(cam);
            double[] p = {c.xProgress(), c.yProgress(), c.sizeProgress(), c.skewProgress()};
            for (int k = 0; k < 4; k++) {
                b[k] = Math.min(b[k], p[k]);
            }
        }
        return b;
    }

    /** Where corners have been collected in one camera's image (0 = left, 1 = right). */
    public synchronized CoverageMap coverageMap(int camera) {
        List<BoardCorners> c = new ArrayList<>();
        for (CapturedView v : views) {
            c.add(camera == 0 ? v.left() : v.right());
        }
        return CoverageMap.of(c, MAP_COLUMNS, MAP_ROWS);
    }

    /** Every bar full. */
    public synchronized boolean isCoverageFull() {
        for (double b : bars()) {
            if (b < 1.0) {
                return false;
            }
        }
        return true;
    }

    /** Full coverage and enough views: the wizard says the capture is done. */
    public synchronized boolean isComplete() {
        return isCoverageFull() && views.size() >= Math.max(minViews(), settings.targetViews());
    }

    /** The fewest views a calibration accepts in this mode. */
    public int minViews() {
        return mode == Mode.STEREO ? StereoCalibrator.MIN_VIEWS : MonoCalibrator.MIN_VIEWS;
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
            snapshot = List.copyOf(views);
            calibrating = true;
            calibrationError = null;
        }
        fire(Change.CALIBRATION_STARTED);
        try {
            SessionResult r = fit(snapshot);
            synchronized (this) {
                // Only the result of the views as they still are is current.
                result = snapshot.equals(views) ? r : null;
                calibrating = false;
            }
            fire(Change.CALIBRATION_DONE);
            return r;
        } catch (RuntimeException e) {
            String msg = e instanceof UserInputException ? e.getMessage()
                    : "Calibration failed to converge (" + firstLine(e.getMessage()) + "); the " + snapshot.size()
                    + " views are kept: delete doubtful views or take more and try again";
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

    private SessionResult fit(List<CapturedView> snapshot) {
        if (snapshot.size() < minViews()) {
            throw new UserInputException("Only " + snapshot.size() + " views taken; a calibration needs at least "
                    + minViews());
        }
        try {
            if (mode == Mode.MONO) {
                MonoCalibration mono = MonoCalibrator.calibrate(snapshot.stream().map(CapturedView::mono).toList(), board);
                String problem = !Double.isFinite(mono.rmsPx()) || mono.rmsPx() > settings.maxRmsPx()
                        ? String.format(Locale.ROOT, "The fit did not converge well: RMS error %.2f px is above %.2f px; "
                        + "delete the views with the largest errors and calibrate again", mono.rmsPx(), settings.maxRmsPx())
                        : null;
                return new SessionResult.Mono(mono, problem);
            }
            // The wizard's views cover the image by construction, so refining both cameras jointly with the rig
            // pays: on the synthetic desk rig it halves the baseline error of fitting R and T alone.
            StereoCalibrator.Result r = StereoCalibrator.calibrate(snapshot.stream().map(CapturedView::pair).toList(), board,
                    new StereoCalibrator.Options(0, StereoCalibrator.StereoFit.REFINE_INTRINSIC));
            CalibrationQuality q = r.calibration().quality();
            double worst = Math.max(q.rmsStereoPx(), Math.max(q.rmsLeftPx(), q.rmsRightPx()));
            String problem = null;
            if (!Double.isFinite(worst) || worst > settings.maxRmsPx()) {
                ViewError bad = r.report().views().stream()
                        .max(java.util.Comparator.comparingDouble(ViewError::worstPx)).orElseThrow();
                problem = String.format(Locale.ROOT, "The fit did not converge well: RMS error %.2f px is above %.2f px "
                                + "(worst view %s, %.2f px); delete the views with the largest errors and calibrate again",
                        worst, settings.maxRmsPx(), bad.name(), bad.worstPx());
            }
            return new SessionResult.Stereo(r.calibration(), r.report(), problem);
        } catch (CvException | IllegalArgumentException e) {
            throw new UserInputException("Calibration failed to converge (" + firstLine(e.getMessage()) + "); the "
                    + snapshot.size() + " views are kept: delete doubtful views or take more and try again", e);
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "no details";
        }
        String t = s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl);
    }

    @Override
    public synchronized void close() {
        for (LiveBoardDetector d : liveDetectors) {
            d.release();
        }
        small.release();
        gray.release();
    }
}
