package io.github.stereostation.calibration;

import io.github.stereostation.OpenCvNative;
import io.github.stereostation.UserInputException;
import io.github.stereostation.capture.StereoFrame;
import io.github.stereostation.geometry.CameraIntrinsics;
import io.github.stereostation.sim.Chessboard;
import io.github.stereostation.sim.Pose;
import io.github.stereostation.sim.RenderOptions;
import io.github.stereostation.sim.StereoRig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The wizard's model driven by the synthetic rig: a board moved through poses, held still, moved on. Truth is
 * the rig (focal lengths, baseline) and the motion script (which frames were still, which poses were new).
 */
class CalibrationSessionTest {
    static final int W = 320;
    static final int H = 240;
    static final StereoRig RIG = StereoRig.desk(W, H);
    static final Chessboard BOARD = new Chessboard(9, 6, 25);
    static final BoardSpec SPEC = BoardSpec.chessboard(9, 6, 25);
    /** Mild sensor noise, fixed seed: the detector sees what a camera would, reproducibly. */
    static final RenderOptions RENDER = new RenderOptions(2, 1.0, 1.0, 11);

    @BeforeAll
    static void load() {
        OpenCvNative.load();
    }

    @Test
    void takesOnlyStillNewPosesReachesFullCoverageAndCalibratesAccurately() {
        List<Pose> targets = new ArrayList<>(BoardMotion.coverage(RIG, BOARD));
        int fresh = targets.size();
        targets.add(targets.get(0));                 // back to the first pose
        targets.add(targets.get(3));                 // and to another taken one
        targets.add(BoardMotion.lerp(targets.get(2), targets.get(5), 0.02)); // a hair away from pose 2
        CaptureSettings settings = CaptureSettings.defaults().withTargetViews(fresh);
        List<Integer> capturedPoses = new ArrayList<>();
        Set<CaptureHint> hintsOnRepeats = EnumSet.noneOf(CaptureHint.class);
        try (BoardMotion motion = new BoardMotion(RIG, BOARD, targets, 1, 4, RENDER);
             CalibrationSession session = new CalibrationSession(SPEC, CalibrationSession.Mode.STEREO, settings)) {
            List<double[]> bars = new ArrayList<>();
            for (StereoFrame next = motion.next(); next != null; next = motion.next()) {
                try (StereoFrame f = next) {
                    FrameCheck c = session.offer(f);
                    BoardMotion.Step step = motion.step(f.sequence());
                    if (c.didCapture()) {
                        // Only a board held still for the required frames is taken: never while it moves.
                        assertThat(step.moving()).as("frame %d captured while moving", f.sequence()).isFalse();
                        assertThat(step.heldFor()).isGreaterThan(settings.stillFrames());
                        capturedPoses.add(step.poseIndex());
                        bars.add(session.bars());
                    }
                    if (step.poseIndex() >= fresh && !step.moving()) {
                        hintsOnRepeats.add(c.hint());
                    }
                }
            }
            System.out.printf(Locale.ROOT, "wizard: %d frames, %d views; bars after each view:%n", motion.frameCount(),
                    session.viewCount());
            for (double[] b : bars) {
                System.out.printf(Locale.ROOT, "  x %.2f y %.2f size %.2f skew %.2f%n", b[0], b[1], b[2], b[3]);
            }
            System.out.println("  left " + session.coverage(0) + "\n  right " + session.coverage(1));
            // Every new pose taken exactly once, the repeats and the near-repeat never.
            List<Integer> expected = new ArrayList<>();
            for (int i = 0; i < fresh; i++) {
                expected.add(i);
            }
            assertThat(capturedPoses).containsExactlyElementsOf(expected);
            assertThat(hintsOnRepeats).doesNotContain(CaptureHint.CAPTURED, CaptureHint.MANUAL_CAPTURED)
                    .contains(CaptureHint.COVERAGE_COMPLETE);
            // Coverage grows to full in all four bars, and the session says it is done.
            assertThat(session.bars()).containsOnly(1.0);
            assertThat(session.isCoverageFull()).isTrue();
            assertThat(session.isComplete()).isTrue();
            assertThat(bars.get(0)).containsOnly(0.0);
            assertThat(session.coverageMap(0).filledShare()).isGreaterThan(0.5);

            SessionResult result = session.calibrateAsync().join();
            assertThat(result).isInstanceOf(SessionResult.Stereo.class);
            assertThat(result.problem()).isNull();
            StereoCalibration cal = ((SessionResult.Stereo) result).calibration();
            CalibrationQuality q = cal.quality();
            double fxL = rel(cal.left().fxPx(), RIG.left().fx());
            double fyL = rel(cal.left().fyPx(), RIG.left().fy());
            double fxR = rel(cal.right().fxPx(), RIG.right().fx());
            double fyR = rel(cal.right().fyPx(), RIG.right().fy());
            double base = rel(cal.baselineMm(), RIG.baselineMm());
            System.out.printf(Locale.ROOT, "wizard calibration: focal errors L %.3f%%/%.3f%% R %.3f%%/%.3f%%, baseline %.3f mm "
                            + "(true %.3f, %.3f%%), RMS L %.3f R %.3f stereo %.3f px, epipolar RMS %.3f max %.3f px%n",
                    100 * fxL, 100 * fyL, 100 * fxR, 100 * fyR, cal.baselineMm(), RIG.baselineMm(), 100 * base,
                    q.rmsLeftPx(), q.rmsRightPx(), q.rmsStereoPx(), q.epipolarRmsPx(), q.epipolarMaxPx());
            assertThat(fxL).isLessThan(0.005);
            assertThat(fyL).isLessThan(0.005);
            assertThat(fxR).isLessThan(0.005);
            assertThat(fyR).isLessThan(0.005);
            assertThat(base).isLessThan(0.005);
            assertThat(q.epipolarRmsPx()).isLessThan(0.3);
            assertThat(result.viewErrors()).hasSize(fresh);
            assertThat(session.result()).isSameAs(result);

            // Removing a view makes the result stale; calibrating again uses one view fewer.
            String first = result.viewErrors().get(0).name();
            assertThat(session.removeView(first)).isTrue();
            assertThat(session.result()).isNull();
            assertThat(session.calibrate().viewErrors()).hasSize(fresh - 1);
        }
    }

    private static double rel(double a, double truth) {
        return Math.abs(a - truth) / Math.abs(truth);
    }

    @Test
    void hintsSayWhyABoardIsNotTaken() {
        try (CalibrationSession session = new CalibrationSession(SPEC, CalibrationSession.Mode.STEREO,
                CaptureSettings.defaults())) {
            // Nothing in view.
            try (StereoFrame empty = BoardMotion.render(RIG, BOARD, BoardMotion.shifted(
                    BoardMotion.pose(RIG, BOARD, 0.5, 0.5, 0.4, 0, 0, 0), 100000, 0, 0), RENDER, 0)) {
                assertThat(session.offer(empty).hint()).isEqualTo(CaptureHint.NOT_FOUND_BOTH);
            }
            // Whole in the left image, cut by the right image's left edge (the right camera sees it further left).
            Pose leftOnly = null;
            for (double u = 0.3; u > 0.05 && leftOnly == null; u -= 0.01) {
                Pose p = BoardMotion.pose(RIG, BOARD, u, 0.5, 0.45, 0, 0, 0);
                if (BoardMotion.fitsIn(RIG, BOARD, p, 4, true) && !BoardMotion.fitsIn(RIG, BOARD, p, -6, false)) {
                    leftOnly = p;
                }
            }
            assertThat(leftOnly).isNotNull();
            try (StereoFrame f = BoardMotion.render(RIG, BOARD, leftOnly, RENDER, 1)) {
                FrameCheck c = session.offer(f);
                assertThat(c.hint()).isEqualTo(CaptureHint.NOT_FOUND_RIGHT);
                assertThat(c.message()).contains("right camera");
                assertThat(c.left()).isNotNull();
                assertThat(c.right()).isNull();
            }
            // Blurred (out of focus): found or not, never taken, and the hint says why.
            Pose held = BoardMotion.pose(RIG, BOARD, 0.5, 0.5, 0.5, 10, 0, 0);
            try (StereoFrame sharp = BoardMotion.render(RIG, BOARD, held, RENDER, 2)) {
                for (int i = 0; i < 6; i++) {
                    try (StereoFrame blurred = blurred(sharp, 3.0, 10 + i)) {
                        FrameCheck c = session.offer(blurred);
                        assertThat(c.hint()).as("frame %d", i).isEqualTo(CaptureHint.TOO_BLURRY);
                        assertThat(c.message()).contains("blurry");
                        assertThat(c.didCapture()).isFalse();
                    }
                }
                // The same pose in focus, held still: taken.
                boolean taken = false;
                for (int i = 0; i < 5; i++) {
                    try (StereoFrame again = copy(sharp, 20 + i)) {
                        taken |= session.offer(again).didCapture();
                    }
                }
                assertThat(taken).isTrue();
                assertThat(session.viewCount()).isEqualTo(1);
            }
            // Sliding out of the right edge of the image: "partly outside" once it is lost.
            Pose start = BoardMotion.pose(RIG, BOARD, 0.6, 0.5, 0.4, 0, 0, 0);
            CaptureHint lost = null;
            double squarePx = RIG.left().fx() * BOARD.squareMm() / start.translationMm()[2];
            for (int i = 0; i < 60 && lost == null; i++) {
                // A third of a square per frame, as a hand moves at 30 frames per second.
                Pose p = BoardMotion.shifted(start, i * BOARD.squareMm() / 3, 0, 0);
                try (StereoFrame f = BoardMotion.render(RIG, BOARD, p, RENDER, 100 + i)) {
                    FrameCheck c = session.offer(f);
                    if (c.left() == null) {
                        lost = c.hint();
                        assertThat(c.message()).contains("outside the left image");
                    }
                }
            }
            assertThat(squarePx).isGreaterThan(5);
            assertThat(lost).isEqualTo(CaptureHint.PARTLY_OUTSIDE);
        }
    }

    @Test
    void resolutionChangeAndLostCameraKeepTheViews() {
        StereoRig big = StereoRig.desk(2 * W, 2 * H);
        try (CalibrationSession session = new CalibrationSession(SPEC, CalibrationSession.Mode.STEREO,
                CaptureSettings.defaults())) {
            List<Pose> poses = BoardMotion.coverage(RIG, BOARD);
            holdUntilTaken(session, poses.get(0), 0);
            holdUntilTaken(session, poses.get(1), 100);
            assertThat(session.viewCount()).isEqualTo(2);
            try (StereoFrame f = BoardMotion.render(big, BOARD, BoardMotion.pose(big, BOARD, 0.3, 0.3, 0.4, 0, 0, 0), RENDER, 200)) {
                for (int i = 0; i < 6; i++) {
                    try (StereoFrame g = copy(f, 200 + i)) {
                        FrameCheck c = session.offer(g);
                        assertThat(c.hint()).isEqualTo(CaptureHint.RESOLUTION_CHANGED);
                        assertThat(c.message()).contains("640x480").contains("320x240").contains("2 views");
                        assertThat(c.didCapture()).isFalse();
                    }
                }
            }
            assertThat(session.viewCount()).isEqualTo(2);
            // Left and right at different sizes: a clear message too.
            try (StereoFrame l = BoardMotion.render(RIG, BOARD, poses.get(2), RENDER, 300);
                 StereoFrame r = BoardMotion.render(big, BOARD, poses.get(2), RENDER, 300)) {
                StereoFrame mixed = new StereoFrame(l.left(), r.right(), 0, 0, 300);
                FrameCheck c = session.offer(mixed);
                assertThat(c.hint()).isEqualTo(CaptureHint.RESOLUTION_CHANGED);
                assertThat(c.message()).contains("left camera gives 320x240").contains("right one 640x480");
            }
            session.sourceLost("camera 1 was unplugged");
            assertThat(session.lastCheck().hint()).isEqualTo(CaptureHint.CAMERA_LOST);
            assertThat(session.lastCheck().message()).contains("camera 1 was unplugged").contains("2 views taken are kept");
            assertThat(session.viewCount()).isEqualTo(2);
            // Back at the old resolution, capture goes on.
            holdUntilTaken(session, poses.get(2), 400);
            assertThat(session.viewCount()).isEqualTo(3);
        }
    }

    @Test
    void calibrationThatCannotWorkSaysWhyAndKeepsTheViews() {
        try (CalibrationSession session = new CalibrationSession(SPEC, CalibrationSession.Mode.STEREO,
                CaptureSettings.defaults())) {
            List<Pose> poses = BoardMotion.coverage(RIG, BOARD);
            for (int i = 0; i < 3; i++) {
                holdUntilTaken(session, poses.get(i), 100L * i);
            }
            assertThatThrownBy(session::calibrate).isInstanceOf(UserInputException.class)
                    .hasMessageContaining("Only 3 views").hasMessageContaining("at least 5");
            assertThat(session.calibrationError()).contains("Only 3 views");
            // Cameras out of sync: each right image shows the board where the left saw it a pose later.
            for (int i = 3; i < 6; i++) {
                try (StereoFrame a = BoardMotion.render(RIG, BOARD, poses.get(i), RENDER, 0);
                     StereoFrame b = BoardMotion.render(RIG, BOARD, poses.get(i + 1), RENDER, 0)) {
                    session.requestManualCapture();
                    FrameCheck c = session.offer(new StereoFrame(a.left(), b.right(), 0, 0, 1000 + i));
                    assertThat(c.hint()).isEqualTo(CaptureHint.MANUAL_CAPTURED);
                }
            }
            assertThat(session.viewCount()).isEqualTo(6);
            String message;
            try {
                SessionResult r = session.calibrate();
                message = r.problem();
            } catch (UserInputException e) {
                message = e.getMessage();
            }
            System.out.println("wizard, unsynchronised cameras: " + message);
            assertThat(message).isNotNull().contains("converge");
            assertThat(session.viewCount()).isEqualTo(6);
        }
    }

    @Test
    void oneCameraCalibratesIntrinsics() {
        List<Pose> poses = BoardMotion.coverage(RIG, BOARD);
        try (BoardMotion motion = new BoardMotion(RIG, BOARD, poses, 0, 4, RENDER);
             CalibrationSession session = new CalibrationSession(SPEC, CalibrationSession.Mode.MONO,
                     CaptureSettings.defaults())) {
            for (StereoFrame next = motion.next(); next != null; next = motion.next()) {
                try (StereoFrame f = next) {
                    FrameCheck c = session.offer(f);
                    assertThat(c.right()).isNull();
                }
            }
            assertThat(session.viewCount()).isEqualTo(poses.size());
            assertThat(session.isCoverageFull()).isTrue();
            SessionResult r = session.calibrate();
            assertThat(r).isInstanceOf(SessionResult.Mono.class);
            CameraIntrinsics k = ((SessionResult.Mono) r).calibration().intrinsics();
            System.out.printf(Locale.ROOT, "wizard mono: fx %.2f (true %.2f), fy %.2f, rms %.3f px%n", k.fxPx(),
                    RIG.left().fx(), k.fyPx(), ((SessionResult.Mono) r).calibration().rmsPx());
            assertThat(rel(k.fxPx(), RIG.left().fx())).isLessThan(0.005);
            assertThat(rel(k.fyPx(), RIG.left().fy())).isLessThan(0.005);
            assertThat(r.viewErrors()).allSatisfy(e -> assertThat(e.rightRmsPx()).isNaN());
        }
    }

    @Test
    void liveDetectionOnADownscaledCopyReportsFullFramePixelsAndTakesFullResolutionViews() {
        Pose pose = BoardMotion.coverage(RIG, BOARD).get(13);
        try (CalibrationSession session = new CalibrationSession(SPEC, CalibrationSession.Mode.STEREO,
                CaptureSettings.defaults().withLiveMaxWidth(200));
             StereoFrame f = BoardMotion.render(RIG, BOARD, pose, RENDER, 0)) {
            FrameCheck first = null;
            FrameCheck taken = null;
            for (int i = 0; i < 8 && taken == null; i++) {
                try (StereoFrame g = copy(f, i)) {
                    FrameCheck c = session.offer(g);
                    first = first == null ? c : first;
                    taken = c.didCapture() ? c : null;
                }
            }
            assertThat(taken).as(session.lastCheck().message()).isNotNull();
            BoardCorners live = first.left();
            BoardCorners full = taken.captured().left();
            assertThat(live.imageWidth()).isEqualTo(W);
            assertThat(full.imageWidth()).isEqualTo(W);
            // The live corners (found at 200 px wide) land within a pixel of the full-resolution ones.
            assertThat(StillnessTracker.maxMotionPx(live, full)).isLessThan(1.0);
        }
    }

    @Test
    void charucoBoardsAreFollowedAndTakenToo() {
        BoardSpec spec = BoardSpec.charuco(6, 4, 30, 22, "DICT_4X4_50");
        io.github.stereostation.sim.CharucoTarget target = new io.github.stereostation.sim.CharucoTarget(7, 5, 30, 22,
                org.opencv.objdetect.Objdetect.DICT_4X4_50);
        // Pose the board as the chessboard with the same inner corners would be.
        Pose pose = BoardMotion.pose(RIG, new Chessboard(6, 4, 30), 0.55, 0.5, 0.55, 15, 20, 0);
        try (CalibrationSession session = new CalibrationSession(spec, CalibrationSession.Mode.STEREO,
                CaptureSettings.defaults());
             StereoFrame f = BoardMotion.render(RIG, target, pose, RENDER, 0)) {
            FrameCheck taken = null;
            for (int i = 0; i < 8 && taken == null; i++) {
                try (StereoFrame g = copy(f, i)) {
                    FrameCheck c = session.offer(g);
                    taken = c.didCapture() ? c : null;
                }
            }
            assertThat(taken).as(session.lastCheck().message()).isNotNull();
            CapturedView v = taken.captured();
            assertThat(v.left().ids()).isEqualTo(v.right().ids());
            assertThat(v.left().count()).isGreaterThanOrEqualTo(CharucoBoardDetector.MIN_CORNERS);
        }
    }

    /** Offers one pose until it is taken (a handful of frames); fails if it never is. */
    static void holdUntilTaken(CalibrationSession session, Pose pose, long seq) {
        try (StereoFrame f = BoardMotion.render(RIG, BOARD, pose, RENDER, seq)) {
            for (int i = 0; i < 8; i++) {
                try (StereoFrame g = copy(f, seq + i)) {
                    if (session.offer(g).didCapture()) {
                        return;
                    }
                }
            }
        }
        throw new AssertionError("pose " + pose + " was never taken: " + session.lastCheck().message());
    }

    static StereoFrame copy(StereoFrame f, long seq) {
        return new StereoFrame(f.left().clone(), f.right().clone(), seq, seq, seq);
    }

    static StereoFrame blurred(StereoFrame f, double sigma, long seq) {
        Mat l = new Mat();
        Mat r = new Mat();
        Imgproc.GaussianBlur(f.left(), l, new Size(0, 0), sigma);
        Imgproc.GaussianBlur(f.right(), r, new Size(0, 0), sigma);
        return new StereoFrame(l, r, seq, seq, seq);
    }
}
