package io.github.stereostation.calibration;

/**
 * What the wizard tells the user about the newest frame, most urgent first. {@link #isProblem()} hints are
 * shown in a warning colour; the others guide the capture.
 */
public enum CaptureHint {
    CAMERA_LOST(true),
    RESOLUTION_CHANGED(true),
    NOT_FOUND_BOTH(true),
    NOT_FOUND_LEFT(true),
    NOT_FOUND_RIGHT(true),
    PARTLY_OUTSIDE(true),
    TOO_BLURRY(true),
    MOVING(false),
    HOLD_STILL(false),
    NOT_NEW(false),
    CAPTURED(false),
    MANUAL_CAPTURED(false),
    COVERAGE_COMPLETE(false);

    private final boolean problem;

    CaptureHint(boolean problem) {
        this.problem = problem;
    }

    public boolean isProblem() {
        return problem;
    }
}
