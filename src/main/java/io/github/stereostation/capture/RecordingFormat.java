package io.github.stereostation.capture;

import io.github.stereostation.UserInputException;

import java.util.Locale;

/** How a session stores its images. */
public enum RecordingFormat {
    /** Lossless: {@code left_000000.png} / {@code right_000000.png} per pair; replays pixel-identical. */
    PNG("png"),
    /** Compact: {@code left.avi} / {@code right.avi}, Motion-JPEG (lossy, about 10x smaller than PNG). */
    MJPEG_AVI("mjpeg");

    private final String key;

    RecordingFormat(String key) {
        this.key = key;
    }

    /** The name used on the command line and in session.json. */
    public String key() {
        return key;
    }

    public static RecordingFormat parse(String s) {
        for (RecordingFormat f : values()) {
            if (f.key.equals(s == null ? "" : s.toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        throw new UserInputException("recording format '" + s + "': expected png or mjpeg");
    }
}
