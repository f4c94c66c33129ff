package io.github.stereostation.cli;

import io.github.stereostation.OpenCvNative;
import io.github.stereostation.UserInputException;
import io.github.stereostation.calibration.MonoCalibration;
import io.github.stereostation.calibration.TwoShotRectification;
import io.github.stereostation.calibration.UncalibratedRectifier;
import io.github.stereostation.capture.CameraSettings;
import io.github.stereostation.config.StationSettings;
import io.github.stereostation.capture.FrameSource;
import io.github.stereostation.capture.LeftViewSource;
import io.github.stereostation.capture.OpenCvCameraSource;
import io.github.stereostation.capture.StereoFrame;
import io.github.stereostation.capture.TwoShotCapture;
import io.github.stereostation.capture.TwoShotSession;
import io.github.stereostation.config.StationSettings;
import io.github.stereostation.depth.DisparityResultSet;
import io.github.stereostation.depth.Preset;
import io.github.stereostation.geometry.CameraIntrinsics;
import io.github.stereostation.io.AtomicFiles;
import io.github.stereostation.io.ImageFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code stereo-station two-shot}: stereo from ONE camera. Takes the left view, guides the user while the camera
 * slides about 6 cm to the right ({@link TwoShotSession}, {@link TwoShotCapture}), takes the right view, rectifies
 * the pair without a stereo calibration ({@link TwoShotRectification}) and writes its disparity
 * ({@link DisparityResultSet}). Keyboard-driven by default; {@code --auto} runs without a keyboard (tests, scripts).
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

    @Option(names = "--camera", paramLabel = "N", description = "The camera to use, by index (OpenCV/V4L2), e.g. 0.")
    Integer camera;

    @Mixin
    SourceOptions source;

    @Mixin
    ConfigOption config;

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

    @Option(names = "--features", defaultValue = "akaze", paramLabel = "NAME",
            description = "Features matched for rectification: akaze (default, more accurate) or orb (faster).")
    String features;

    @Mixin
    MatcherOptions matcherOptions;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Where key presses come from; tests replace it. */
    InputStream keys = System.in;

    @Override
    public Integer call() throws IOException {
        OpenCvNative.load();
        PrintWriter say = spec.commandLine().getOut();
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
        List<Preset> presets = matcherOptions.resolvePresets(config.settings());
        if (presets.size() != 1) {
            throw new UserInputException("--preset: give one preset for the disparity");
        }
        Optional<CameraIntrinsics> k = intrinsics == null ? Optional.empty()
                : Optional.of(MonoCalibration.loadIntrinsics(intrinsics));
        try (FrameSource cam = openCamera(); TwoShotCapture guide = new TwoShotCapture()) {
            say.println("Two-shot stereo with " + cam.describe() + (auto ? " (automatic)" : ""));
            TwoShotSession session = new TwoShotSession(cam, guide, auto ? null : keys, timeoutSeconds, say);
            check(session.takeLeft(), guide);
            check(session.takeRight(), guide);
            say.println(guide.guidance().message());
            Files.createDirectories(out);
            try (StereoFrame pair = guide.pair()) {
                process(pair, guide.guidance(), cam.describe(), k, f, presets.get(0), say);
            }
        }
        return 0;
    }

    private void check(TwoShotSession.Outcome outcome, TwoShotCapture guide) {
        switch (outcome) {
            case TIMED_OUT -> throw new UserInputException("no right view taken within --timeout " + timeoutSeconds
                    + " s; last guidance: " + guide.guidance().message());
            case INPUT_ENDED -> throw new UserInputException("standard input ended before both views were taken; "
                    + "use --auto to run without a keyboard");
            case TAKEN -> {
            }
        }
    }

    /** The one camera: --camera N or opencv:N directly, any other spec through its left views. */
    private FrameSource openCamera() {
        boolean sourceGiven = source.source != null || source.left != null || source.right != null;
        if (camera != null && sourceGiven) {
            throw new UserInputException("--camera and --source: give one or the other");
        }
        if (camera == null && !sourceGiven) {
            throw new UserInputException("no camera: give --camera N (e.g. --camera 0) or --source SPEC "
                    + "(e.g. replay:DIR); `stereo-station cameras` lists the cameras found");
        }
        StationSettings station = config.settings();
        CameraSettings settings = source.settings(station);
        if (camera != null) {
            return openOpenCv(camera, "--camera " + camera, settings);
        }
        String s = source.spec(station).trim();
        if (s.toLowerCase(Locale.ROOT).startsWith("opencv:") && !s.contains(",")) {
            String n = s.substring("opencv:".length()).trim();
            try {
                return openOpenCv(Integer.parseInt(n), "--source " + s, settings);
            } catch (NumberFormatException e) {
                throw new UserInputException("--source " + s + ": '" + n + "' is not a camera index (0, 1, ...)");
            }
        }
        return new LeftViewSource(source.open(station), settings);
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

    /** Writes the shots, rectifies them, computes the disparity and writes the report. */
    private void process(StereoFrame pair, TwoShotCapture.Guidance atRight, String sourceText,
                         Optional<CameraIntrinsics> k, UncalibratedRectifier.Features f, Preset preset,
                         PrintWriter say) throws IOException {
        // The shots first: if rectification fails the user still has them (rectify-uncalibrated can retry).
        ImageFiles.writePng(out.resolve("left.png"), pair.left());
        ImageFiles.writePng(out.resolve("right.png"), pair.right());
        List<String> report = new ArrayList<>();
        try (TwoShotRectification rect = TwoShotRectification.of(pair.left(), pair.right(), k, f)) {
            ImageFiles.writePng(out.resolve("left_rect.png"), rect.left());
            ImageFiles.writePng(out.resolve("right_rect.png"), rect.right());
            report.add("source: " + sourceText);
            report.add(String.format(Locale.ROOT, "shots: %dx%d, view shift %.1f px, vertical drift %.1f px%s",
                    pair.left().cols(), pair.left().rows(), atRight.shiftPx(), atRight.driftPx(),
                    atRight.readyForRight() ? "" : " (the guide did not call the right view good)"));
            report.add(String.format(Locale.ROOT, "matches: %d, RANSAC inliers: %d (%s features)%s",
                    rect.matchCount(), rect.inlierCount(), f.name().toLowerCase(Locale.ROOT),
                    rect.undistorted() ? ", undistorted with " + intrinsics : ""));
            report.add(String.format(Locale.ROOT, "median row error after rectification: %.3f px (inliers), "
                    + "%.3f px (features matched again in the rectified pair)", rect.medianRowErrorPx(),
                    rect.rematchedRowErrorPx()));
            report.add(String.format(Locale.ROOT, "right_rect.png shifted %d px left so the inliers' disparities "
                    + "start at %d px (the matcher searches from 0); median disparity of the inliers now %.1f px",
                    rect.offsetPx(), TwoShotRectification.DISPARITY_MARGIN_PX, rect.medianDisparityPx()));
            report.add("disparity: " + DisparityResultSet.compute(preset, rect.left(), rect.right(), out, "disparity"));
        }
        for (String line : report) {
            say.println(line);
        }
        AtomicFiles.write(out.resolve("report.txt"), (String.join("\n", report) + "\n").getBytes(StandardCharsets.UTF_8));
        say.println("wrote " + out.toAbsolutePath().normalize() + ": left.png, right.png, left_rect.png, "
                + "right_rect.png, disparity.{png,pfm}, report.txt");
        say.flush();
    }
}
