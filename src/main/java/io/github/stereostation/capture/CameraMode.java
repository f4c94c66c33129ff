package io.github.stereostation.capture;

import java.util.Locale;

/** One mode a camera accepted: size, frame rate and pixel format (ANY where the driver does not say). */
public record CameraMode(int width, int height, double fps, String pixelFormat) {
    @Override
    public String toString() {
        String rate = fps > 0 ? String.format(Locale.ROOT, "@%.0f", fps) : "";
        return (CameraSettings.ANY_FORMAT.equals(pixelFormat) ? "" : pixelFormat + " ") + width + "x" + height + rate;
    }
}
