package io.github.stereostation.capture;

import io.github.stereostation.OpenCvNative;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

import java.util.Locale;

/**
 * Stereo with one camera: take the left view, slide the camera sideways (about 6 cm, the spacing of two eyes),
 * take the right view. The pair then goes to uncalibrated rectification (calibration package), which needs the
 * two views to overlap well and differ mainly by a horizontal shift.
 * <p>
 * Between the shots, {@link #track(Mat)} compares the live view with the left shot (phase correlation on a
 * small grey copy: the dominant image shift) and says what to do: slide further right, keep level, too far,
 * ready. A sideways slide shifts the scene left in the image; its size depends on the distance to the scene,
 * so the guide accepts a window of shifts (2% to 20% of the width by default) rather than a fixed distance.
 * A turn of the camera also shifts the image and cannot be told apart here, so the messages say "slide, don't
 * turn". The model holds copies of the shots and is AutoCloseable.
 */
public final class TwoShotCapture implements AutoCloseable {

    /** Where the user is in the flow. */
    public enum Step {
        /** Point the camera at the scene and take the left view. */
        TAKE_LEFT,
        /** Left view taken: slide the camera to the right. */
        MOVE_RIGHT,
        /** Both views taken: {@link #pair()} is available. */
        DONE
    }

    /**
     * What to tell the user now.
     *
     * @param step        the step of the flow
     * @param message     one plain sentence
     * @param shiftPx     horizontal image shift of the live view against the left shot (negative = scene moved left,
     *                    as it should), in pixels of the full image; NaN before the left shot or without a match
     * @param driftPx     vertical image shift of the scene (should stay near 0; negative = scene moved up, so the
     *                    camera went down)
     * @param readyForRight true when the live view is a good right view
     */
    public record Guidance(Step step, String message, double shiftPx, double driftPx, boolean readyForRight) {
    }

    /** Analysis width: enough detail for a global shift, cheap enough to run on every preview frame. */
    private static final int WORK_WIDTH = 160;
    /** Phase correlation peaks weaker than this mean the views do not show the same scene. */
    private static final double MIN_RESPONSE = 0.03;

    private final double minShiftFraction;
    private final double maxShiftFraction;
    private final double maxDriftFraction;
    private Step step = Step.TAKE_LEFT;
    private Mat left;
    private Mat right;
    private Mat leftSmall;
    private Mat window;
    private long leftNanos;
    private long rightNanos;
    private Guidance last;

    /** Defaults: a good right view shifts the scene by 2% to 20% of the width and drifts at most 3% of the height. */
    public TwoShotCapture() {
        this(0.02, 0.20, 0.03);
    }

    public TwoShotCapture(double minShiftFraction, double maxShiftFraction, double maxDriftFraction) {
        if (!(minShiftFraction > 0 && maxShiftFraction > minShiftFraction && maxDriftFraction > 0)) {
            throw new IllegalArgumentException("expected 0 < minShift < maxShift and maxDrift > 0");
        }
        this.minShiftFraction = minShiftFraction;
        this.maxShiftFraction = maxShiftFraction;
        this.maxDriftFraction = maxDriftFraction;
        OpenCvNative.load();
        this.last = new Guidance(Step.TAKE_LEFT, "Point the camera at the scene, hold it still and take the left view.",
                Double.NaN, Double.NaN, false);
    }

    public Step step() {
        return step;
    }

    /** The latest guidance (updated by every call). */
    public Guidance guidance() {
        return last;
    }

    /** Takes the left view (a copy of {@code frame}). */
    public Guidance captureLeft(Mat frame, long nanos) {
        if (step != Step.TAKE_LEFT) {
            throw new IllegalStateException("the left view is already taken; call retake() to start over");
        }
        checkImage(frame);
        left = frame.clone();
        leftNanos = nanos;
        leftSmall = smallGrey(frame);
        window = new Mat();
        Imgproc.createHanningWindow(window, leftSmall.size(), CvType.CV_32F);
        step = Step.MOVE_RIGHT;
        last = new Guidance(step, "Left view taken. Now slide the camera about 6 cm to the right, keeping it level "
                + "and pointing the same way (slide, don't turn).", 0, 0, false);
        return last;
    }

    /** Compares a live frame with the left view and says what to do next. Does not keep {@code live}. */
    public Guidance track(Mat live) {
        if (step != Step.MOVE_RIGHT) {
            return last;
        }
        checkImage(live);
        if (live.cols() != left.cols() || live.rows() != left.rows()) {
            last = new Guidance(step, "The camera's resolution changed since the left view; retake the left view.",
                    Double.NaN, Double.NaN, false);
            return last;
        }
        Mat small = smallGrey(live);
        double[] response = new double[1];
        Point shift = Imgproc.phaseCorrelate(leftSmall, small, window, response);
        small.release();
        double scale = (double) left.cols() / leftSmall.cols();
        double dx = shift.x * scale;
        double dy = shift.y * scale;
        last = advise(dx, dy, response[0]);
        return last;
    }

    private Guidance advise(double dx, double dy, double response) {
        double w = left.cols();
        double h = left.rows();
        String shiftText = String.format(Locale.ROOT, "%.0f px", Math.abs(dx));
        if (response < MIN_RESPONSE) {
            return new Guidance(step, "The view does not match the left view: point the camera back at the same scene.",
                    Double.NaN, Double.NaN, false);
        }
        if (Math.abs(dy) > maxDriftFraction * h) {
            // The scene moving up in the image means the camera went (or tilted) down, and the other way round.
            return new Guidance(step, String.format(Locale.ROOT,
                    "Keep the camera level: it went %s (the scene shifted %.0f px %s in the image).",
                    dy < 0 ? "down" : "up", Math.abs(dy), dy < 0 ? "up" : "down"), dx, dy, false);
        }
        if (dx > minShiftFraction * w) {
            return new Guidance(step, "The camera moved left (view shifted " + shiftText
                    + " the wrong way): slide it to the right of where the left view was taken.", dx, dy, false);
        }
        double moved = -dx;
        if (moved < minShiftFraction * w) {
            return new Guidance(step, "Slide the camera further to the right (about 6 cm in all; the view has shifted "
                    + shiftText + ").", dx, dy, false);
        }
        if (moved > maxShiftFraction * w) {
            return new Guidance(step, "Too far: the views overlap too little (shifted " + shiftText
                    + "). Slide back a little to the left.", dx, dy, false);
        }
        return new Guidance(step, "Good: hold still and take the right view (shifted " + shiftText + ").", dx, dy, true);
    }

    /** Takes the right view (a copy of {@code frame}); allowed even when the guide is not satisfied. */
    public Guidance captureRight(Mat frame, long nanos) {
        if (step != Step.MOVE_RIGHT) {
            throw new IllegalStateException(step == Step.TAKE_LEFT ? "take the left view first" : "both views are taken; call retake() to start over");
        }
        checkImage(frame);
        if (frame.cols() != left.cols() || frame.rows() != left.rows() || frame.type() != left.type()) {
            throw new IllegalArgumentException("the right view must match the left view's size and type");
        }
        Guidance check = track(frame);
        right = frame.clone();
        rightNanos = nanos;
        step = Step.DONE;
        last = new Guidance(step, check.readyForRight()
                ? "Both views taken: rectifying the pair."
                : "Both views taken, but: " + check.message() + " Results may be poor; retake if they are.",
                check.shiftPx(), check.driftPx(), check.readyForRight());
        return last;
    }

    /** The pair (copies; the caller closes it), for uncalibrated rectification. */
    public StereoFrame pair() {
        if (step != Step.DONE) {
            throw new IllegalStateException("the pair is not complete: " + last.message());
        }
        return new StereoFrame(left.clone(), right.clone(), leftNanos, rightNanos, 0);
    }

    /** Starts over from the left view. */
    public void retake() {
        release();
        step = Step.TAKE_LEFT;
        last = new Guidance(step, "Point the camera at the scene, hold it still and take the left view.",
                Double.NaN, Double.NaN, false);
    }

    private static void checkImage(Mat m) {
        if (m == null || m.empty()) {
            throw new IllegalArgumentException("empty frame");
        }
    }

    private static Mat smallGrey(Mat frame) {
        Mat grey = new Mat();
        if (frame.channels() == 3) {
            Imgproc.cvtColor(frame, grey, Imgproc.COLOR_BGR2GRAY);
        } else if (frame.channels() == 4) {
            Imgproc.cvtColor(frame, grey, Imgproc.COLOR_BGRA2GRAY);
        } else {
            frame.copyTo(grey);
        }
        int w = Math.min(WORK_WIDTH, grey.cols());
        int h = Math.max(1, (int) Math.round(grey.rows() * (double) w / grey.cols()));
        Mat small = new Mat();
        Imgproc.resize(grey, small, new Size(w, h), 0, 0, Imgproc.INTER_AREA);
        grey.release();
        Mat f = new Mat();
        small.convertTo(f, CvType.CV_32F);
        small.release();
        return f;
    }

    private void release() {
        for (Mat m : new Mat[]{left, right, leftSmall, window}) {
            if (m != null) {
                m.release();
            }
        }
        left = right = leftSmall = window = null;
    }

    @Override
    public void close() {
        release();
    }
}
