package io.github.stereostation.capture;

import io.github.stereostation.UserInputException;
import io.github.stereostation.config.StationSettings;

import java.util.Locale;

/**
 * What a user asks of the cameras: resolution, frame rate, pixel format, and how far apart (in time) the two
 * exposures of a pair may be before the pair is dropped. Drivers apply what they can and report what they got.
 *
 * @param pixelFormat a four-character V4L2 code such as {@code MJPG} or {@code YUYV}, or {@code ANY} to let the
 *                    driver choose; MJPG is the shipped default because two uncompressed 640x480 streams at
 *                    30 fps do not fit on one USB 2 bus (the second camera goes black)
 */
public record CameraSettings(int width, int height, double fps, String pixelFormat, double maxSkewMillis) {

    public static final String ANY_FORMAT = "ANY";

    public CameraSettings {
        if (width <= 0 || height <= 0) {
            throw new UserInputException("camera resolution " + width + "x" + height + ": expected positive width and height");
        }
        if (!(fps > 0)) {
            throw new UserInputException("camera fps " + fps + ": expected a positive frame rate");
        }
        if (!(maxSkewMillis > 0)) {
            throw new UserInputException("max skew " + maxSkewMillis + " ms: expected a positive number of milliseconds");
        }
        pixelFormat = pixelFormat == null || pixelFormat.isBlank() ? ANY_FORMAT : pixelFormat.trim().toUpperCase(Locale.ROOT);
        if (!pixelFormat.equals(ANY_FORMAT) && pixelFormat.length() != 4) {
            throw new UserInputException("pixel format '" + pixelFormat + "': expected a four-character code such as MJPG or YUYV, or ANY");
        }
    }

    /** The camera section of the shipped {@code config/station.yaml}, where these defaults are written. */
    public static CameraSettings defaults() {
        return from(StationSettings.defaults().camera());
    }

    /** The camera section of {@code config/station.yaml}. */
    public static CameraSettings from(StationSettings.Camera c) {
        return new CameraSettings(c.width(), c.height(), c.fps(), c.pixelFormat(), c.maxSkewMillis());
    }

    public boolean anyPixelFormat() {
        return pixelFormat.equals(ANY_FORMAT);
    }

    public CameraSettings withSize(int w, int h) {
        return new CameraSettings(w, h, fps, pixelFormat, maxSkewMillis);
    }

    public CameraSettings withFps(double f) {
        return new CameraSettings(width, height, f, pixelFormat, maxSkewMillis);
    }

    public CameraSettings withPixelFormat(String f) {
        return new CameraSettings(width, height, fps, f, maxSkewMillis);
    }

    public CameraSettings withMaxSkewMillis(double ms) {
        return new CameraSettings(width, height, fps, pixelFormat, ms);
    }

    /** Nanoseconds between frames at this rate. */
    public long framePeriodNanos() {
        return Math.round(1e9 / fps);
    }
}
