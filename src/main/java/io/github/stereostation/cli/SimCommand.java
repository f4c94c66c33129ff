package io.github.stereostation.cli;

import io.github.stereostation.OpenCvNative;
import io.github.stereostation.UserInputException;
import io.github.stereostation.calibration.BoardSpec;
import io.github.stereostation.geometry.CameraIntrinsics;
import io.github.stereostation.io.ImageFiles;
import io.github.stereostation.sim.BoardPoses;
import io.github.stereostation.sim.BoardTarget;
import io.github.stereostation.sim.BoardView;
import io.github.stereostation.sim.Chessboard;
import io.github.stereostation.sim.CharucoTarget;
import io.github.stereostation.sim.MiddleburyWriter;
import io.github.stereostation.sim.Pose;
import io.github.stereostation.sim.RenderOptions;
import io.github.stereostation.sim.RenderedPair;
import io.github.stereostation.sim.SceneRenderer;
import io.github.stereostation.sim.StereoRig;
import io.github.stereostation.sim.SyntheticScene;
import io.github.stereostation.sim.Vec3;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code stereo-station sim}: renders the synthetic rig's pair with ground truth, or calibration views. */
@Command(name = "sim", mixinStandardHelpOptions = true,
        description = {
                "Render a synthetic stereo pair with exact ground truth in the Middlebury 2014 layout: im0.png, "
                        + "im1.png, disp0GT.pfm, disp1GT.pfm (+inf where unknown), mask0nocc.png (255 visible in "
                        + "both views, 128 occluded, 0 unknown), calib.txt, plus depth0GT.pfm (metres).",
                "With --raw the images are what the uncalibrated desk rig delivers (distortion, rotated right "
                        + "camera); disparity is then undefined (+inf everywhere) and the true rig is written as "
                        + "calibration-truth.yml.",
                "With --board, writes --views calibration pairs left01.png/right01.png ... through the raw rig "
                        + "instead, with the true corner positions in corners.csv and calibration-truth.yml."})
public final class SimCommand implements Callable<Integer> {

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Output folder (created if missing).")
    Path out;

    @Option(names = "--scene", defaultValue = "desk", paramLabel = "NAME",
            description = "desk (wall, table, boxes, ball), plane (fronto-parallel at 1.5 m), sphere (ball of "
                    + "250 mm radius at 1.2 m before a wall at 2 m) or step (near plane at 1 m on the left half "
                    + "over a far plane at 2 m). Default: ${DEFAULT-VALUE}.")
    String scene;

    @Option(names = "--width", defaultValue = "640", paramLabel = "PX", description = "Image width (default ${DEFAULT-VALUE}).")
    int width;

    @Option(names = "--height", defaultValue = "480", paramLabel = "PX", description = "Image height (default ${DEFAULT-VALUE}).")
    int height;

    @Option(names = "--focal-px", paramLabel = "PX",
            description = "Focal length in pixels (default 0.875 x width, 560 at 640 px).")
    Double focalPx;

    @Option(names = "--baseline-mm", defaultValue = "60", paramLabel = "MM",
            description = "Distance between the cameras in mm (default ${DEFAULT-VALUE}).")
    double baselineMm;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N", description = "Texture and pose seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--raw", description = "Render through the raw desk rig (lens distortion, rotated right camera).")
    boolean raw;

    @Option(names = "--supersampling", defaultValue = "4", paramLabel = "N",
            description = "Rays per pixel along each axis, 1..16 (default ${DEFAULT-VALUE}: 16 rays per pixel).")
    int supersampling;

    @Option(names = "--noise", defaultValue = "0", paramLabel = "GREY",
            description = "Gaussian sensor noise, standard deviation in grey levels (default ${DEFAULT-VALUE}).")
    double noiseGrey;

    @Option(names = "--right-gain", defaultValue = "1", paramLabel = "FACTOR",
            description = "Brightness of the right camera relative to the left (default ${DEFAULT-VALUE}).")
    double rightGain;

    @Option(names = "--board", paramLabel = "SPEC",
            description = "Write calibration views of this board instead of a scene: chess:COLSxROWS:SQUARE_MM "
                    + "(inner corners, e.g. chess:9x6:25) or charuco:COLSxROWS:SQUARE_MM:MARKER_MM[:DICT].")
    String board;

    @Option(names = "--views", defaultValue = "15", paramLabel = "N",
            description = "Number of calibration views with --board (default ${DEFAULT-VALUE}).")
    int views;

    @Override
    public Integer call() throws IOException {
        OpenCvNative.load();
        if (width < 16 || height < 16 || width > 8192 || height > 8192) {
            throw new UserInputException("--width/--height " + width + "x" + height + ": expected 16..8192 pixels each");
        }
        double f = focalPx == null ? 0.875 * width : focalPx;
        if (!(f > 0) || !Double.isFinite(f)) {
            throw new UserInputException("--focal-px " + f + ": expected a positive number of pixels");
        }
        if (!(baselineMm > 0) || !Double.isFinite(baselineMm)) {
            throw new UserInputException("--baseline-mm " + baselineMm + ": expected a positive number of mm");
        }
        if (supersampling < 1 || supersampling > 16) {
            throw new UserInputException("--supersampling " + supersampling + ": expected 1..16");
        }
        if (!(noiseGrey >= 0) || !(rightGain > 0)) {
            throw new UserInputException("--noise must be >= 0 and --right-gain > 0");
        }
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new UserInputException(out + ": cannot create the output folder (" + e.getMessage() + ")", e);
        }
        StereoRig rig = rig(f);
        SceneRenderer renderer = new SceneRenderer(new RenderOptions(supersampling, noiseGrey, rightGain, seed));
        if (board != null) {
            return writeBoardViews(rig, renderer);
        }
        SyntheticScene s = switch (scene.toLowerCase(Locale.ROOT)) {
            case "desk" -> SyntheticScene.desk(seed);
            case "plane" -> SyntheticScene.frontoParallelPlane(1500, seed);
            case "sphere" -> SyntheticScene.sphere(new Vec3(0, 0, 1200), 250, 2000, seed);
            case "step" -> SyntheticScene.step(1000, 2000, seed);
            default -> throw new UserInputException("--scene " + scene + ": expected desk, plane, sphere or step");
        };
        try (RenderedPair pair = renderer.render(rig, s)) {
            MiddleburyWriter.write(out, pair);
        }
        if (raw) {
            writeTruthCalibration(out.resolve("calibration-truth.yml"), rig, BoardSpec.chessboard(9, 6, 25));
        }
        System.out.println("wrote " + (raw ? "raw " : "") + "synthetic pair '" + scene + "' " + width + "x" + height
                + " (f=" + fmt(rig.left().fx()) + " px, B=" + fmt(rig.baselineMm()) + " mm) to " + out);
        return 0;
    }

    /** The raw desk rig scaled to the focal length and baseline asked for, or its rectified ideal. */
    private StereoRig rig(double f) {
        StereoRig desk = StereoRig.desk(width, height);
        double k = f / desk.left().fx();
        double b = baselineMm / desk.baselineMm();
        double[] t = desk.translationMm();
        StereoRig scaled = new StereoRig(scale(desk.left(), k), scale(desk.right(), k), desk.rotationRodrigues(),
                new double[] {t[0] * b, t[1] * b, t[2] * b});
        return raw || board != null ? scaled : scaled.rectifiedIdeal();
    }

    private static io.github.stereostation.sim.PinholeCamera scale(io.github.stereostation.sim.PinholeCamera c,
                                                                   double k) {
        return new io.github.stereostation.sim.PinholeCamera(c.width(), c.height(), c.fx() * k, c.fy() * k, c.cx(),
                c.cy(), c.distortion());
    }

    private int writeBoardViews(StereoRig rig, SceneRenderer renderer) throws IOException {
        BoardSpec spec;
        try {
            spec = BoardSpec.parse(board);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--board " + board + ": " + e.getMessage(), e);
        }
        if (views < 1 || views > 200) {
            throw new UserInputException("--views " + views + ": expected 1..200");
        }
        BoardTarget target = spec.kind() == BoardSpec.Kind.CHESSBOARD
                ? new Chessboard(spec.innerCols(), spec.innerRows(), spec.squareMm())
                : new CharucoTarget(spec.squaresX(), spec.squaresY(), spec.squareMm(), spec.markerMm(),
                spec.dictionaryId());
        List<Pose> poses;
        try {
            poses = BoardPoses.varied(rig, target, views, seed);
        } catch (IllegalStateException e) {
            throw new UserInputException("--board " + board + ": the board does not fit into both "
                    + width + "x" + height + " views; use smaller squares or a larger image");
        }
        StringBuilder csv = new StringBuilder("view,corner,object_x_mm,object_y_mm,left_x_px,left_y_px,right_x_px,right_y_px\n");
        for (int v = 0; v < poses.size(); v++) {
            String name = String.format(Locale.ROOT, "%02d", v + 1);
            try (BoardView view = renderer.renderBoard(rig, target, poses.get(v))) {
                ImageFiles.writePng(out.resolve("left" + name + ".png"), view.left());
                ImageFiles.writePng(out.resolve("right" + name + ".png"), view.right());
                org.opencv.core.Point3[] obj = view.objectPoints().toArray();
                org.opencv.core.Point[] l = view.leftCorners().toArray();
                org.opencv.core.Point[] r = view.rightCorners().toArray();
                for (int i = 0; i < obj.length; i++) {
                    csv.append(String.format(Locale.ROOT, "%d,%d,%.4f,%.4f,%.5f,%.5f,%.5f,%.5f%n",
                            v + 1, i, obj[i].x, obj[i].y, l[i].x, l[i].y, r[i].x, r[i].y));
                }
            }
        }
        io.github.stereostation.io.AtomicFiles.write(out.resolve("corners.csv"),
                csv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        writeTruthCalibration(out.resolve("calibration-truth.yml"), rig, spec);
        System.out.println("wrote " + poses.size() + " synthetic calibration pairs of " + spec.toText() + " to " + out);
        return 0;
    }

    /** The rig as a calibration file, so rectify/depth commands can run on the raw images with the true rig. */
    static void writeTruthCalibration(Path file, StereoRig rig, BoardSpec boardSpec) throws IOException {
        io.github.stereostation.source.SessionCalibration.trueRig(rig, boardSpec).save(file);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
