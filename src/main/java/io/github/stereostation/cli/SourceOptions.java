package io.github.stereostation.cli;

import io.github.stereostation.UserInputException;
import io.github.stereostation.capture.CameraSettings;
import io.github.stereostation.capture.StereoSource;
import io.github.stereostation.source.StereoSources;
import io.github.stereostation.config.StationSettings;
import picocli.CommandLine.Option;

/**
 * The options every command that reads frames shares ({@code @Mixin SourceOptions source;}): which source, and the
 * camera settings. Defaults come from the station settings ({@link ConfigOption}); options override them.
 * {@link #open} goes through {@link StereoSources}, the one place specs are understood.
 */
public final class SourceOptions {

    @Option(names = "--source", paramLabel = "SPEC",
            description = "Where frames come from: " + StereoSources.SPECS + " (default: camera.source in the settings file).")
    String source;

    @Option(names = "--left", paramLabel = "N", description = "Left camera index (with --right; short for --source DRIVER:LEFT,RIGHT).")
    Integer left;

    @Option(names = "--right", paramLabel = "N", description = "Right camera index (with --left).")
    Integer right;

    @Option(names = "--driver", paramLabel = "opencv|webcam", defaultValue = "opencv",
            description = "Camera driver for --left/--right: opencv (V4L2; grabs both cameras, then decodes) or webcam (webcam-capture). Default: ${DEFAULT-VALUE}.")
    String driver;

    @Option(names = "--width", paramLabel = "PX", description = "Frame width per camera (default: camera.width in the settings file).")
    Integer width;

    @Option(names = "--height", paramLabel = "PX", description = "Frame height (default: camera.height in the settings file).")
    Integer height;

    @Option(names = "--fps", paramLabel = "FPS", description = "Frames per second to ask the cameras for (default: camera.fps in the settings file).")
    Double fps;

    @Option(names = "--pixel-format", paramLabel = "FOURCC",
            description = "Camera pixel format, e.g. MJPG (saves USB bandwidth, so two cameras fit on one bus), YUYV, or ANY (default: camera.pixelFormat in the settings file). OpenCV driver only.")
    String pixelFormat;

    @Option(names = "--max-skew-ms", paramLabel = "MS",
            description = "Drop pairs whose two exposures are further apart than this "
                    + "(default: camera.maxSkewMillis in the settings file).")
    Double maxSkewMillis;

    /** The camera settings: the settings file's values overridden by the options given. */
    public CameraSettings settings(StationSettings station) {
        CameraSettings s = CameraSettings.from(station.camera());
        return new CameraSettings(width != null ? width : s.width(), height != null ? height : s.height(),
                fps != null ? fps : s.fps(), pixelFormat != null ? pixelFormat : s.pixelFormat(),
                maxSkewMillis != null ? maxSkewMillis : s.maxSkewMillis());
    }

    /** The source spec these options name. */
    public String spec(StationSettings station) {
        if (left != null || right != null) {
            if (left == null || right == null) {
                throw new UserInputException("--left and --right: give both camera indices");
            }
            if (source != null) {
                throw new UserInputException("--source and --left/--right: give one or the other");
            }
            if (!driver.equals("opencv") && !driver.equals("webcam")) {
                throw new UserInputException("--driver " + driver + ": expected opencv or webcam");
            }
            return driver + ":" + left + "," + right;
        }
        return source != null ? source : station.camera().source();
    }

    public StereoSource open(StationSettings station) {
        return StereoSources.open(spec(station), settings(station));
    }
}
