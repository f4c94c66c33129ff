package io.github.stereostation;

/**
 * The one place that loads OpenCV's native library (shipped inside org.openpnp:opencv).
 * Every entry point that touches {@code org.opencv} calls {@link #load()} first; it is cheap after the first call.
 */
public final class OpenCvNative {
    private static volatile boolean loaded;

    private OpenCvNative() {
    }

    public static void load() {
        if (loaded) {
            return;
        }
        synchronized (OpenCvNative.class) {
            if (!loaded) {
                nu.pattern.OpenCV.loadLocally();
                loaded = true;
            }
        }
    }
}
