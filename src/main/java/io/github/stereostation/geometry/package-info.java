/**
 * Camera geometry every other package shares, as small value records: the pinhole model of one camera
 * ({@link io.github.stereostation.geometry.CameraIntrinsics}) and how a rectified pair turns disparity into
 * distance ({@link io.github.stereostation.geometry.DisparityToDepth}, with OpenCV's Q), and 3x3 matrix and rotation
 * arithmetic ({@link io.github.stereostation.geometry.Matrix3}). Imports no other
 * package of the project, so capture, sim, calibration, depth and cloud can all use it.
 */
package io.github.stereostation.geometry;
