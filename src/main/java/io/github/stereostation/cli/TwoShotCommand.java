package io.github.stereostation.cli;

import io.github.stereostation.OpenCvNative;
import io.github.stereostation.UserInputException;
import io.github.stereostation.calibration.MonoCalibration;
import io.github.stereostation.calibration.UncalibratedRectification;
import io.github.stereostation.calibration.UncalibratedRectifier;
import io.github.stereostation.capture.CameraSettings;
import io.github.stereostation.capture.FrameSource;
import io.github.stereostation.capture.OpenCvCameraSource;
import io.github.stereostation.capture.StereoFrame;
import io.github.stereostation.capture.StereoSources;
import io.github.stereostation.capture.TimedFrame;
import io.github.stereostation.capture.TwoShotCapture;
import io.github.stereostation.config.StationSettings;
import io.github.stereostation.geometry.CameraIntrinsics;
import io.github.stereostation.io.AtomicFiles;
import io.github.stereostation.io.ImageFiles;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@code stereo-station two-shot}: stereo from ONE camera. Takes the left view, guides the user while the camera
 * slides about 6 cm to the right ({@link TwoShotCapture}), takes the right view, rectifies the pair without a
 * stereo calibration ({@link UncalibratedRectifier}) and computes its disparity with the {@code disparity}
 * command. Keyboard-driven by default; {@code --auto} runs without a keyboard (tests, scripts).
 */
@Command(name = "two-shot", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Stereo with ONE camera moved sideways: take the left view, slide the camera about 6 cm to "
                + "the right following the guidance lines, take the right view. The pair is rectified without a "
                + "stereo calibration and its disparity computed.",
                "Writes to DIR: left.png, right.png (the shots), left_rect.png, right_rect.png (rectified), "
                        + "disparity.png / disparity-colour.png / disparity.pfm (and disparity-confidence.png with a "
                        + "filtering preset), report.txt (matches, inliers, row error after rectification).",
                "Keys: Enter takes the current view. With a replay or video (not live), each frame is offered in "
                        + "turn: Enter takes it, n then Enter skips to the next frame."})
public final class TwoShotCommand implements java.util.concurrent.Callable<Integer> {

    /** Smallest disparity the shifted rectified pair should have, in pixels. */
    static final int DISPARITY_MARGIN_PX = 2;
    /** What the user types to skip a frame of a file source. */
    private static final String SKIP = "n";
    /** Stand-in for end of standard input in the line queue. */
    private static final String EOF = "\u0000eof";
    /** A live camera must show a good right view this long before --auto takes it (not mid-slide). */
    private static final double STEADY_SECONDS = 0.5;
    /** Time a live camera gets to settle (exposure, hands) before --auto takes the left view. */
    private static final long AUTO_LEFT_DELAY_NANOS = TimeUnit.SECONDS.toNanos(2);
    /** Live guidance is printed at most this often (and whenever the verdict changes). */
    private static final long PRINT_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(700);

    @Option(names = "--camera", paramLabel = "N", description = "The camera to use, by index (OpenCV/V4L2), e.g. 0.")
    Integer camera;

    @Option(names = "--source", paramLabel = "SPEC",
            description = "Instead of --camera: opencv:N (one camera), or any stereo source spec ("
                    + StereoSources.SPECS + "), of which the LEFT views are used as one camera's successive frames "
                    + "(replay:DIR plays DIR's left* images in name order).")
    String source;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Folder for the shots, rectified pair, disparity and report (created if missing).")
    Path out;

    @Option(names = "--intrinsics", paramLabel = "FILE",
            description = "The camera's calibration (from calibrate --mono, or a stereo file: its left camera); "
                    + "the shots are then undistorted as well as rectified.")
    Path intrinsics;

    @Option(names = "--auto",
            description = "No keyboard: take the left view at once (live cameras: after 2 s), then take the right "
                    + "view as soon as the guide says it is good (live cameras: good for 0.5 s).")
    boolean auto;

    @Option(names = "--timeout", paramLabel = "S", defaultValue = "120",
            description = "With a live camera or --auto, give up after this many seconds without a right view "
                    + "(default: ${DEFAULT-VALUE}).")
    double timeoutSeconds;

    @Option(names = "--preset", paramLabel = "NAME",
            description = "Disparity preset (fast, balanced, quality, none); default: matcher.preset in the "
                    + "settings file, as for the disparity command.")
    String preset;

    @Option(names = "--features", defaultValue = "akaze", paramLabel = "NAME",
            description = "Features matched for rectification: akaze (default, more accurate) or orb (faster).")
    String features;

    @Option(names = "--width", paramLabel = "PX", description = "Camera frame width (default from the config, 640).")
    Integer width;

    @Option(names = "--height", paramLabel = "PX", description = "Camera frame height (default from the config, 480).")
    Integer height;

    @Option(names = "--fps", paramLabel = "FPS", description = "Camera frame rate to ask for (default from the config, 30).")
    Double fps;

    @Option(names = "--pixel-format", paramLabel = "FOURCC",
            description = "Camera pixel format, e.g. MJPG, YUYV or ANY (default from the config).")
    String pixelFormat;

    @Option(names = "--config", paramLabel = "FILE", defaultValue = "config/station.yaml",
            description = "Settings file with the camera defaults (default: ${DEFAULT-VALUE}).")
    Path config;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Where key presses come from; tests replace it. */
    InputStream keys = System.in;

    private PrintWriter say;
    private BlockingQueue<String> lines;

    @Override
    public Integer call() throws IOException {
        OpenCvNative.load();
        say = spec.commandLine().getOut();
        UncalibratedRectifier.Features f = switch (features.toLowerCase(Locale.ROOT)) {
            case "akaze" -> UncalibratedRectifier.Features.AKAZE;
            case "orb" -> UncalibratedRectifier.Features.ORB;
            default -> throw new UserInputException("--features " + features + ": expected akaze or orb");
        };
        if (!(timeoutSeconds > 0)) {
            throw new UserInputException("--timeout " + timeoutSeconds + ": expected a positive number of seconds");
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new UserInputException("--out " + out + ": is a file, expected a folder");
        }
        Optional<CameraIntrinsics> k = intrinsics == null ? Optional.empty()
                : Optional.of(MonoCalibration.loadIntrinsics(intrinsics));
        try (FrameSource cam = openCamera(); TwoShotCapture guide = new TwoShotCapture()) {
            say.println("Two-shot stereo with " + cam.describe() + (auto ? " (automatic)" : ""));
            if (!auto) {
                lines = startKeyReader();
            }
            takeLeft(cam, guide);
            takeRight(cam, guide);
            say.println(guide.guidance().message());
            Files.createDirectories(out);
            try (StereoFrame pair = guide.pair()) {
                process(pair, guide.guidance(), cam.describe(), k, f);
            }
        }
        return 0;
    }

    /** The one camera: --camera N or opencv:N directly, any other spec through its left views. */
    private FrameSource openCamera() {
        if (camera != null && source != null) {
            throw new UserInputException("--camera and --source: give one or the other");
        }
        if (camera == null && source == null) {
            throw new UserInputException("no camera: give --camera N (e.g. --camera 0) or --source SPEC "
                    + "(e.g. replay:DIR); `stereo-station cameras` lists the cameras found");
        }
        CameraSettings settings = settings();
        if (camera != null) {
            return openOpenCv(camera, "--camera " + camera, settings);
        }
        String s = source.trim();
        if (s.toLowerCase(Locale.ROOT).startsWith("opencv:") && !s.contains(",")) {
            String n = s.substring("opencv:".length()).trim();
            try {
                return openOpenCv(Integer.parseInt(n), "--source " + source, settings);
            } catch (NumberFormatException e) {
                throw new UserInputException("--source " + source + ": '" + n + "' is not a camera index (0, 1, ...)");
            }
        }
        return new LeftViewSource(StereoSources.open(s, settings), settings);
    }

    private static FrameSource openOpenCv(int index, String option, CameraSettings settings) {
        if (index < 0) {
            throw new UserInputException(option + ": expected a camera index 0 or more");
        }
        try {
            return OpenCvCameraSource.open(index, settings);
        } catch (IOException e) {
            throw new UserInputException(option + ": " + e.getMessage(), e);
        }
    }

    private CameraSettings settings() {
        CameraSettings s = CameraSettings.from(StationSettings.load(config).camera());
        return new CameraSettings(width != null ? width : s.width(), height != null ? height : s.height(),
                fps != null ? fps : s.fps(), pixelFormat != null ? pixelFormat : s.pixelFormat(), s.maxSkewMillis());
    }

    private void takeLeft(FrameSource cam, TwoShotCapture guide) throws IOException {
        String prompt = auto ? (cam.live() ? " Taking it in 2 s: hold still." : " Taking the first frame.")
                : cam.live() ? " Press Enter to take it." : " Enter takes the frame offered, n + Enter skips it.";
        say.println("Step 1 of 2: " + guide.guidance().message() + prompt);
        long start = System.nanoTime();
        while (true) {
            TimedFrame frame = nextFrame(cam, "the left view", guide);
            try {
                boolean take;
                if (auto) {
                    take = !cam.live() || System.nanoTime() - start >= AUTO_LEFT_DELAY_NANOS;
                } else if (cam.live()) {
                    take = pressed(lines.poll());
                } else {
                    say.printf(Locale.ROOT, "  frame %d: take it as the left view? [Enter = yes, n = next] %n",
                            frame.sequence());
                    say.flush();
                    take = pressed(awaitLine());
                }
                if (take) {
                    guide.captureLeft(frame.image(), frame.nanos());
                    say.printf(Locale.ROOT, "Left view taken (frame %d).%n", frame.sequence());
                    if (cam.live()) {
                        forgetKeysTyped();
                    }
                    return;
                }
            } finally {
                frame.close();
            }
        }
    }

    private void takeRight(FrameSource cam, TwoShotCapture guide) throws IOException {
        String prompt = auto ? " The right view is taken when the guide says it is good."
                : cam.live() ? " Press Enter to take the right view." : "";
        say.println("Step 2 of 2: " + guide.guidance().message() + prompt);
        int steadyFrames = cam.live() ? Math.max(1, (int) Math.round(cam.settings().fps() * STEADY_SECONDS)) : 1;
        int goodRun = 0;
        long start = System.nanoTime();
        long lastPrint = 0;
        boolean lastReady = false;
        while (true) {
            if ((cam.live() || auto) && System.nanoTime() - start > timeoutSeconds * 1e9) {
                throw new UserInputException("no right view taken within --timeout " + timeoutSeconds
                        + " s; last guidance: " + guide.guidance().message());
            }
            TimedFrame frame = nextFrame(cam, "a good right view", guide);
            try {
                TwoShotCapture.Guidance g = guide.track(frame.image());
                long now = System.nanoTime();
                if (!cam.live() || g.readyForRight() != lastReady || now - lastPrint >= PRINT_INTERVAL_NANOS) {
                    say.printf(Locale.ROOT, "  frame %d: %s%n", frame.sequence(), g.message());
                    say.flush();
                    lastPrint = now;
                    lastReady = g.readyForRight();
                }
                boolean take;
                if (auto) {
                    goodRun = g.readyForRight() ? goodRun + 1 : 0;
                    take = goodRun >= steadyFrames;
                } else if (cam.live()) {
                    take = pressed(lines.poll());
                } else {
                    say.println("  take it as the right view? [Enter = yes, n = next]");
                    say.flush();
                    take = pressed(awaitLine());
                }
                if (take) {
                    guide.captureRight(frame.image(), frame.nanos());
                    say.printf(Locale.ROOT, "Right view taken (frame %d).%n", frame.sequence());
                    return;
                }
            } finally {
                frame.close();
            }
        }
    }

    private static TimedFrame nextFrame(FrameSource cam, String waitingFor, TwoShotCapture guide) throws IOException {
        TimedFrame frame = cam.read();
        if (frame == null) {
            throw new UserInputException(cam.describe() + " ended before " + waitingFor + " was taken"
                    + (guide.step() == TwoShotCapture.Step.MOVE_RIGHT ? "; last guidance: " + guide.guidance().message() : ""));
        }
        return frame;
    }

    /** True when the line (null = no key yet) takes the view; end of input is an error, not a key press. */
    private static boolean pressed(String line) {
        if (line == null) {
            return false;
        }
        if (line.equals(EOF)) {
            throw new UserInputException("standard input ended before both views were taken; "
                    + "use --auto to run without a keyboard");
        }
        return !line.trim().equalsIgnoreCase(SKIP);
    }

    /** A double press of Enter must not take the right view the moment the left one is taken. */
    private void forgetKeysTyped() {
        List<String> typed = new ArrayList<>();
        lines.drainTo(typed);
        if (typed.contains(EOF)) {
            lines.add(EOF);
        }
    }

    private String awaitLine() {
        try {
            return lines.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserInputException("interrupted while waiting for a key");
        }
    }

    /** Reads key presses on a daemon thread, so a live camera keeps being read (and guided) while nobody types. */
    private BlockingQueue<String> startKeyReader() {
        BlockingQueue<String> q = new LinkedBlockingQueue<>();
        BufferedReader in = new BufferedReader(new InputStreamReader(keys, StandardCharsets.UTF_8));
        Thread t = new Thread(() -> {
            try {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    q.add(line);
                }
            } catch (IOException e) {
                // Treated as the end of input below.
            }
            q.add(EOF);
        }, "two-shot keys");
        t.setDaemon(true);
        t.start();
        return q;
    }

    /** Writes the shots, rectifies them, computes the disparity and writes the report. */
    private void process(StereoFrame pair, TwoShotCapture.Guidance atRight, String sourceText,
                         Optional<CameraIntrinsics> k, UncalibratedRectifier.Features f) throws IOException {
        Path leftShot = out.resolve("left.png");
        Path rightShot = out.resolve("right.png");
        // The shots first: if rectification fails the user still has them (rectify-uncalibrated can retry).
        ImageFiles.writePng(leftShot, pair.left());
        ImageFiles.writePng(rightShot, pair.right());
        Path leftRect = out.resolve("left_rect.png");
        Path rightRect = out.resolve("right_rect.png");
        Mat rl = new Mat();
        Mat rr = new Mat();
        List<String> report = new ArrayList<>();
        try (UncalibratedRectification rect = UncalibratedRectifier.estimate(pair.left(), pair.right(), k, f)) {
            rect.rectify(pair.left(), pair.right(), rl, rr);
            double rematched = UncalibratedRectifier.medianRowDifferencePx(rl, rr, f);
            int offsetPx = disparityOffsetPx(rect.inlierDisparitiesPx());
            shiftRight(rr, offsetPx);
            ImageFiles.writePng(leftRect, rl);
            ImageFiles.writePng(rightRect, rr);
            report.add("source: " + sourceText);
            report.add(String.format(Locale.ROOT, "shots: %dx%d, view shift %.1f px, vertical drift %.1f px%s",
                    pair.left().cols(), pair.left().rows(), atRight.shiftPx(), atRight.driftPx(),
                    atRight.readyForRight() ? "" : " (the guide did not call the right view good)"));
            report.add(String.format(Locale.ROOT, "matches: %d, RANSAC inliers: %d (%s features)%s",
                    rect.matchCount(), rect.inlierCount(), f.name().toLowerCase(Locale.ROOT),
                    rect.undistorted() ? ", undistorted with " + intrinsics : ""));
            report.add(String.format(Locale.ROOT, "median row error after rectification: %.3f px (inliers), "
                    + "%.3f px (features matched again in the rectified pair)", rect.medianRowErrorPx(), rematched));
            report.add(String.format(Locale.ROOT, "right_rect.png shifted %d px left so the inliers' disparities "
                    + "start at %d px (the matcher searches from 0); median disparity of the inliers now %.1f px",
                    offsetPx, DISPARITY_MARGIN_PX, rect.medianDisparityPx() + offsetPx));
        } finally {
            rl.release();
            rr.release();
        }
        report.add("disparity: " + disparity(leftRect, rightRect));
        for (String line : report) {
            say.println(line);
        }
        AtomicFiles.write(out.resolve("report.txt"), (String.join("\n", report) + "\n").getBytes(StandardCharsets.UTF_8));
        say.println("wrote " + out.toAbsolutePath().normalize() + ": left.png, right.png, left_rect.png, "
                + "right_rect.png, disparity.{png,pfm}, report.txt");
        say.flush();
    }

    /**
     * How far to move the rectified right view left so that nearly all inliers (all but the lowest 2%, which may be
     * stray matches) get a disparity of at least {@link #DISPARITY_MARGIN_PX}. Uncalibrated rectification fixes
     * disparity only up to an offset and tends to centre it on 0, where half the scene would be out of the
     * matcher's 0..N search range.
     */
    static int disparityOffsetPx(double[] sortedDisparitiesPx) {
        if (sortedDisparitiesPx.length == 0) {
            return 0;
        }
        double low = sortedDisparitiesPx[(int) (0.02 * (sortedDisparitiesPx.length - 1))];
        return (int) Math.ceil(DISPARITY_MARGIN_PX - low);
    }

    /** Moves the image content {@code px} pixels left (right when negative), filling with black. */
    private static void shiftRight(Mat image, int px) {
        if (px == 0) {
            return;
        }
        Mat m = new Mat(2, 3, CvType.CV_64F);
        m.put(0, 0, 1, 0, -px, 0, 1, 0);
        Mat shifted = new Mat();
        try {
            Imgproc.warpAffine(image, shifted, m, image.size(), Imgproc.INTER_NEAREST, Core.BORDER_CONSTANT, new Scalar(0));
            shifted.copyTo(image);
        } finally {
            m.release();
            shifted.release();
        }
    }

    /** Runs the disparity command on the rectified pair (its writing code and options, not a copy). */
    private String disparity(Path leftRect, Path rightRect) throws IOException {
        DisparityCommand d = new DisparityCommand();
        CommandLine cl = new CommandLine(d);
        StringWriter text = new StringWriter();
        cl.setOut(new PrintWriter(text, true));
        List<String> args = new ArrayList<>(List.of(leftRect.toString(), rightRect.toString(),
                "--out", out.toString(), "--name", "disparity"));
        if (preset != null) {
            args.add("--preset");
            args.add(preset);
        }
        cl.parseArgs(args.toArray(String[]::new));
        d.call();
        return text.toString().strip();
    }
}
