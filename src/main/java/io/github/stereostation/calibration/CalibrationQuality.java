package io.github.stereostation.calibration;

/**
 * The quality figures saved with a calibration: RMS reprojection error of each camera's own calibration and
 * of the stereo fit, and the epipolar error after rectification (mean, RMS and max of |y_left - y_right| over
 * all corners of all views, in rectified pixels), the number of views used and each camera's image fill.
 */
public record CalibrationQuality(int viewCount, double rmsLeftPx, double rmsRightPx, double rmsStereoPx,
                                 double epipolarMeanPx, double epipolarRmsPx, double epipolarMaxPx,
                                 double imageFillLeft, double imageFillRight) {
}
