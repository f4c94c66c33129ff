package io.github.stereostation.cloud;

/** Pinhole intrinsics of the reference camera in pixels: focal lengths and principal point. */
public record CameraIntrinsics(double fxPx, double fyPx, double cxPx, double cyPx) {
    public CameraIntrinsics {
        if (!(fxPx > 0) || !(fyPx > 0) || !Double.isFinite(cxPx) || !Double.isFinite(cyPx)) {
            throw new IllegalArgumentException("intrinsics need positive focal lengths and a finite principal point: "
                    + fxPx + ", " + fyPx + ", " + cxPx + ", " + cyPx);
        }
    }
}
