package io.github.stereostation.calibration;

import io.github.stereostation.capture.StereoFrame;
import org.opencv.calib3d.Calib3d;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

import java.util.Locale;
import java.util.Optional;

/**
 * The live half of the wizard: looks at each frame (on a downscaled copy when it is large), follows the board's
 * stillness, and says in plain words what to do next: the board is missing, partly outside, too blurry, moving,
 * a pose already taken, or taken now. When the board is found in every camera, held still, sharp and in a new
 * pose (or a manual capture was asked for) it has the {@link ViewTaker} take the view into the {@link ViewList}.
 * Not thread-safe: {@link CalibrationSession} guards it. Owns working Mats: {@link #close()} releases them.
 */
final class CaptureAdvisor implements AutoCloseable {
    private static final String[] SIDE = {"left", "right"};

    private final BoardSpec board;
    private final CalibrationSession.Mode mode;
    private final CaptureSettings settings;
    private final int minViews;
    private final ViewTaker taker;
    private final LiveBoardDetector[] liveDetectors;
    private final StillnessTracker[] still;
    private final BoardCorners[] lastSeen;
    private final long[] lastSeenSeq;
    private final Mat small = new Mat();
    private final Mat gray = new Mat();
    private boolean manualRequested;
    private boolean stills;

    CaptureAdvisor(BoardSpec board, CalibrationSession.Mode mode, CaptureSettings settings, int minViews) {
        this.board = board;
        this.mode = mode;
        this.settings = settings;
        this.minViews = minViews;
        int cams = cameras();
        taker = new ViewTaker(board, cams);
        liveDetectors = new LiveBoardDetector[cams];
        still = new StillnessTracker[cams];
        lastSeen = new BoardCorners[cams];
        lastSeenSeq = new long[cams];
        for (int i = 0; i < cams; i++) {
            liveDetectors[i] = new LiveBoardDetector(board);
            still[i] = new StillnessTracker(settings.stillFrames(), settings.stillMotionPx());
        }
    }

    private int cameras() {
        return mode == CalibrationSession.Mode.STEREO ? 2 : 1;
    }

    /** Asks for the next frame with the board in view to be taken regardless of stillness and novelty. */
    void requestManualCapture() {
        manualRequested = true;
    }

    /** Full coverage and enough views: the capture is done. */
    boolean isComplete(ViewList views) {
        return coverage(views).isComplete(Math.max(minViews, settings.targetViews()));
    }

    private SessionCoverage coverage(ViewList views) {
        return new SessionCoverage(views.views(), board, cameras());
    }

    /** With stills (photographs, not video) every frame counts as held still on its own. */
    void setStills(boolean stills) {
        this.stills = stills;
    }

    /** Forgets how long the board has been still (after a gap in the frames). */
    void resetTracking() {
        for (StillnessTracker t : still) {
            t.reset();
        }
    }

    /** Looks at one frame (the caller keeps ownership), taking a view into {@code views} when it is time. */
    FrameCheck examine(StereoFrame frame, ViewList views) {
        long seq = frame.sequence();
        Mat[] images = cameras() == 2 ? new Mat[]{frame.left(), frame.right()} : new Mat[]{frame.left()};
        int w = images[0].cols();
        int h = images[0].rows();
        if (cameras() == 2 && (images[1].cols() != w || images[1].rows() != h)) {
            resetTracking();
            return FrameCheck.status(seq, CaptureHint.RESOLUTION_CHANGED, String.format(Locale.ROOT,
                    "The left camera gives %dx%d images but the right one %dx%d: set both cameras to one resolution",
                    w, h, images[1].cols(), images[1].rows()));
        }
        Optional<int[]> size = views.imageSize();
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
        if (stills) {
            stillProgress = 1;
            allStill = true;
        }
        double[][] m = new double[cams][];
        for (int i = 0; i < cams; i++) {
            m[i] = Coverage.viewMeasures(found[i], board);
        }
        double novelty = PoseNovelty.novelty(m, views.measures());
        if (manual) {
            manualRequested = false;
            CapturedView v = take(seq, images, true, views);
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
            String text = novelty < settings.minNovelty() ? "Pose already taken: " + coverage(views).suggestion()
                    : hint == CaptureHint.MOVING ? "Board found: hold it still to take this view" : "Hold still...";
            return new FrameCheck(seq, hint, text, left, right, stillProgress, novelty, null);
        }
        if (novelty < settings.minNovelty()) {
            boolean done = isComplete(views);
            return new FrameCheck(seq, done ? CaptureHint.COVERAGE_COMPLETE : CaptureHint.NOT_NEW,
                    done ? "Coverage complete with " + views.size() + " views: go on to calibrate (more views still help)"
                            : "Pose already taken: " + coverage(views).suggestion(), left, right, stillProgress, novelty, null);
        }
        CapturedView v = take(seq, images, false, views);
        if (v == null) {
            return new FrameCheck(seq, CaptureHint.HOLD_STILL, "Hold still...", left, right, stillProgress, novelty, null);
        }
        return new FrameCheck(seq, CaptureHint.CAPTURED, "Took view " + v.id() + " (" + views.size() + " views)"
                + (isComplete(views) ? ": coverage complete, go on to calibrate" : ""), left, right, stillProgress, novelty, v);
    }

    /** Takes the view at full resolution and adds it, or returns null when the accurate detector disagrees. */
    private CapturedView take(long seq, Mat[] images, boolean manual, ViewList views) {
        Optional<CapturedView> taken = taker.take(seq, images, manual);
        if (taken.isEmpty()) {
            return null;
        }
        CapturedView v = taken.get();
        double[][] m = new double[images.length][];
        for (int i = 0; i < images.length; i++) {
            m[i] = Coverage.viewMeasures(i == 0 ? v.left() : v.right(), board);
            still[i].reset();
        }
        views.add(v, m);
        return v;
    }

    private String cameraName(int i) {
        return mode == CalibrationSession.Mode.MONO ? "" : SIDE[i];
    }

    private String where(int i) {
        return mode == CalibrationSession.Mode.MONO ? "the image" : "the " + SIDE[i] + " image";
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
                ChessboardDetector.toGray(images[i], gray);
                double edge = BoardSharpness.edgeWidthPx(gray, roi);
                if (edge > settings.maxEdgeWidthPx()) {
                    return new FrameCheck(seq, CaptureHint.TOO_BLURRY, String.format(Locale.ROOT,
                            "%sToo blurry%s (edges %.1f px wide): hold the board still and check the focus", prefix,
                            mode == CalibrationSession.Mode.MONO ? "" : " in the " + SIDE[i] + " camera", edge),
                            left, right, 0, Double.NaN, null);
                }
            }
        }
        String what = board.innerCols() + "x" + board.innerRows() + " board";
        if (mode == CalibrationSession.Mode.MONO) {
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
        ChessboardDetector.toGray(scaled(image), gray);
        return Calib3d.checkChessboard(gray, new Size(board.innerCols(), board.innerRows()));
    }

    private double edgeWidth(Mat image, BoardCorners c) {
        ChessboardDetector.toGray(image, gray);
        return BoardSharpness.edgeWidthPx(gray, BoardSharpness.boundingBox(c, spacing(c) * 0.5));
    }

    /** The image itself, or a downscaled copy in {@link #small} when it is wider than the live limit. */
    private Mat scaled(Mat image) {
        double s = Math.min(1.0, settings.liveMaxWidth() / (double) image.cols());
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

    @Override
    public void close() {
        for (LiveBoardDetector d : liveDetectors) {
            d.close();
        }
        taker.close();
        small.release();
        gray.release();
    }
}
