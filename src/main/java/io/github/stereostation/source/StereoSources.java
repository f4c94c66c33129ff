package io.github.stereostation.source;

import io.github.stereostation.UserInputException;
import io.github.stereostation.capture.CameraDiscovery;
import io.github.stereostation.capture.CameraInfo;
import io.github.stereostation.capture.CameraSettings;
import io.github.stereostation.capture.OpenCvCameraSource;
import io.github.stereostation.capture.ReplaySource;
import io.github.stereostation.capture.ResilientStereoSource;
import io.github.stereostation.capture.SideBySideSource;
import io.github.stereostation.capture.StereoSource;
import io.github.stereostation.capture.TwoCameraSource;
import io.github.stereostation.capture.VideoFileSource;
import io.github.stereostation.capture.WebcamCaptureSource;
import io.github.stereostation.sim.SyntheticStereoSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The one place that turns a source spec into a {@link StereoSource}; every command, the live loop and the
 * window use it, and take its answer ({@link OpenedSource}) as final. It stands above {@code capture} (cameras,
 * videos, replays) and {@code sim} (the synthetic rig), so neither of those needs to know the other.
 * <pre>
 *   replay:DIR         a recorded session (session.json) or a folder of left* / right* image pairs
 *   video:FILE         a side-by-side video (MJPEG AVI), split down the middle
 *   videos:LEFT,RIGHT  two videos, paired frame by frame
 *   opencv:L,R         two cameras through OpenCV/V4L2 (grab both, then decode), e.g. opencv:0,1
 *   webcam:L,R         two cameras through webcam-capture
 *   sbs-camera:N       one side-by-side stereo camera through OpenCV (asks for twice the width)
 *   synthetic          the synthetic desk rig (sim), paced to the frame rate; synthetic:fast is unpaced
 *   auto               two cameras if discovery finds them within {@link #AUTO_DISCOVERY} and they open, else the
 *                      synthetic rig (the answer's note says why)
 * </pre>
 * Which synthetic rig (raw or ideal, looping, paced) is the caller's {@link SyntheticRigChoice}.
 * Camera sources are wrapped in a {@link ResilientStereoSource}: a camera unplugged mid-stream is reported and
 * reopened without a restart. Opening fails fast, though: a camera that is not there at the start is a
 * {@link UserInputException} naming it.
 */
public final class StereoSources {
    private static final Logger LOG = LoggerFactory.getLogger(StereoSources.class);
    /** How long {@code auto} and the {@code cameras} command look for cameras. */
    public static final long AUTO_DISCOVERY_MILLIS = 1500;
    /** {@link #AUTO_DISCOVERY_MILLIS} as a duration. */
    public static final Duration AUTO_DISCOVERY = Duration.ofMillis(AUTO_DISCOVERY_MILLIS);
    /** A live source with no frame for this long reports NO_FRAMES. */
    public static final Duration FRAME_TIMEOUT = Duration.ofSeconds(2);
    /** How often a lost camera is reopened. */
    public static final Duration RETRY_INTERVAL = Duration.ofSeconds(1);
    /** Discovery time allowed when opening a webcam-capture camera. */
    public static final Duration WEBCAM_DISCOVERY = Duration.ofSeconds(3);

    /** The specs in words, for --help texts and error messages. */
    public static final String SPECS = "auto, synthetic, replay:DIR, video:FILE, videos:LEFT,RIGHT, opencv:L,R, webcam:L,R, sbs-camera:N";

    private StereoSources() {
    }

    /** Opens a spec with the camera-like synthetic rig ({@link SyntheticRigChoice#CAMERA_LIKE}); see the class comment. */
    public static StereoSource open(String spec, CameraSettings settings) {
        return open(spec, settings, SyntheticRigChoice.CAMERA_LIKE).source();
    }

    /**
     * Opens a spec; a spec that means the synthetic rig opens {@code synthetic}'s.
     *
     * @throws UserInputException when the spec is malformed or names a camera or file that cannot be opened
     */
    public static OpenedSource open(String spec, CameraSettings settings, SyntheticRigChoice synthetic) {
        if (spec == null || spec.isBlank()) {
            throw new UserInputException("source: empty; expected one of " + SPECS);
        }
        String s = spec.trim();
        int colon = s.indexOf(':');
        String kind = (colon < 0 ? s : s.substring(0, colon)).toLowerCase(Locale.ROOT);
        String arg = colon < 0 ? "" : s.substring(colon + 1);
        return switch (kind) {
            case "synthetic" -> synthetic(arg, spec, settings, synthetic, null);
            case "auto" -> openAuto(settings, synthetic);
            default -> found(openCaptured(kind, arg, spec, settings), settings);
        };
    }

    private static StereoSource openCaptured(String kind, String arg, String spec, CameraSettings settings) {
        return switch (kind) {
            case "replay" -> ReplaySource.open(Path.of(need(arg, spec, "a folder")), settings);
            case "video" -> {
                VideoFileSource v = VideoFileSource.open(Path.of(need(arg, spec, "a video file")), settings);
                yield new SideBySideSource(v, "side-by-side " + v.describe());
            }
            case "videos" -> {
                List<String> files = two(arg, spec, "LEFT,RIGHT video files");
                VideoFileSource l = VideoFileSource.open(Path.of(files.get(0)), settings);
                VideoFileSource r;
                try {
                    r = VideoFileSource.open(Path.of(files.get(1)), settings);
                } catch (RuntimeException e) {
                    l.close();
                    throw e;
                }
                yield new TwoCameraSource(l, r, settings.maxSkewMillis(), "videos " + files.get(0) + " + " + files.get(1));
            }
            case "opencv" -> {
                int[] ix = indices(arg, spec);
                yield resilient(() -> openOpenCvPair(ix[0], ix[1], settings));
            }
            case "webcam" -> {
                int[] ix = indices(arg, spec);
                yield resilient(() -> openWebcamPair(ix[0], ix[1], settings));
            }
            case "sbs-camera" -> {
                int n = index(need(arg, spec, "a camera index"), spec);
                yield resilient(() -> {
                    OpenCvCameraSource cam = OpenCvCameraSource.open(n, settings.withSize(settings.width() * 2, settings.height()));
                    return new SideBySideSource(cam, "side-by-side camera " + n);
                });
            }
            default -> throw new UserInputException("source '" + spec + "': unknown kind '" + kind
                    + "'; expected one of " + SPECS);
        };
    }

    private static OpenedSource found(StereoSource source, CameraSettings settings) {
        return new OpenedSource(source, source.describe(), settings, null, null);
    }

    /** Two cameras that open, else the synthetic rig with a note saying why: auto never fails for want of cameras. */
    private static OpenedSource openAuto(CameraSettings settings, SyntheticRigChoice synthetic) {
        CameraDiscovery.Result found = CameraDiscovery.discover(AUTO_DISCOVERY, true, false);
        List<CameraInfo> cams = found.byDriver("opencv");
        String note;
        if (cams.size() >= 2) {
            int l = cams.get(0).index();
            int r = cams.get(1).index();
            try {
                return found(resilient(() -> openOpenCvPair(l, r, settings)), settings);
            } catch (UserInputException e) {
                note = e.getMessage() + " — showing the synthetic rig instead";
            }
        } else {
            note = (cams.isEmpty() ? "no camera found" : "one camera found, two needed") + " — showing the synthetic rig";
        }
        LOG.info("source auto: {}", note);
        return synthetic("", "auto", settings, synthetic, note);
    }

    /** The chosen synthetic rig at the requested size; {@code synthetic:fast} delivers as fast as it can. */
    private static OpenedSource synthetic(String arg, String spec, CameraSettings settings, SyntheticRigChoice choice,
                                          String note) {
        if (!arg.isEmpty() && !arg.equals("fast")) {
            throw new UserInputException("source '" + spec + "': expected synthetic or synthetic:fast");
        }
        SyntheticStereoSource s = choice.open(settings.width(), settings.height(), settings.fps(), arg.isEmpty());
        return new OpenedSource(s, s.describe(), settings, s, note);
    }

    private static StereoSource openOpenCvPair(int l, int r, CameraSettings s) throws IOException {
        OpenCvCameraSource left = OpenCvCameraSource.open(l, s);
        try {
            OpenCvCameraSource right = OpenCvCameraSource.open(r, s);
            return new TwoCameraSource(left, right, s.maxSkewMillis(), "cameras " + l + "+" + r);
        } catch (IOException | RuntimeException e) {
            left.close();
            throw e;
        }
    }

    private static StereoSource openWebcamPair(int l, int r, CameraSettings s) throws IOException {
        WebcamCaptureSource left = WebcamCaptureSource.open(l, s, WEBCAM_DISCOVERY);
        try {
            WebcamCaptureSource right = WebcamCaptureSource.open(r, s, WEBCAM_DISCOVERY);
            return new TwoCameraSource(left, right, s.maxSkewMillis(), "webcams " + l + "+" + r);
        } catch (IOException | RuntimeException e) {
            left.close();
            throw e;
        }
    }

    /** Opens once (a failure is the user's to fix), then keeps the source alive through faults. */
    private static StereoSource resilient(ResilientStereoSource.Opener opener) {
        try {
            return ResilientStereoSource.open(opener, FRAME_TIMEOUT, RETRY_INTERVAL);
        } catch (IOException e) {
            throw new UserInputException(e.getMessage(), e);
        }
    }

    private static String need(String arg, String spec, String what) {
        if (arg.isBlank()) {
            throw new UserInputException("source '" + spec + "': expected " + what + " after the colon");
        }
        return arg;
    }

    private static List<String> two(String arg, String spec, String what) {
        String[] parts = need(arg, spec, what).split(",", -1);
        if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
            throw new UserInputException("source '" + spec + "': expected " + what + " separated by a comma");
        }
        return List.of(parts[0].trim(), parts[1].trim());
    }

    private static int[] indices(String arg, String spec) {
        List<String> p = two(arg, spec, "two camera indices such as 0,1");
        int l = index(p.get(0), spec);
        int r = index(p.get(1), spec);
        if (l == r) {
            throw new UserInputException("source '" + spec + "': left and right are the same camera");
        }
        return new int[]{l, r};
    }

    private static int index(String s, String spec) {
        try {
            int i = Integer.parseInt(s.trim());
            if (i >= 0) {
                return i;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new UserInputException("source '" + spec + "': '" + s + "' is not a camera index (0, 1, 2, ...)");
    }
}
