package io.github.stereostation.capture;

import java.util.List;

/**
 * A camera found by discovery.
 *
 * @param driver  {@code opencv} or {@code webcam}: the source spec prefix that opens it
 * @param index   the index to put in the spec, e.g. {@code opencv:0,2}
 * @param device  the device node (/dev/video0) where known, else empty
 * @param name    the name the camera reports
 * @param modes   the modes it accepted when probed (may be partial when the time budget ran out)
 */
public record CameraInfo(String driver, int index, String device, String name, List<CameraMode> modes) {
    public CameraInfo {
        modes = List.copyOf(modes);
    }

    /** The spec fragment for this camera, e.g. "opencv:2". */
    public String spec() {
        return driver + ":" + index;
    }
}
