package io.github.stereostation.calibration;

/** One calibration view of a single camera: where it came from and the corners found in it. */
public record MonoView(String name, BoardCorners corners) {
}
