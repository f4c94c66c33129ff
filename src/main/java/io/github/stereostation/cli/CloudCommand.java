package io.github.stereostation.cli;

import io.github.stereostation.OpenCvNative;
import io.github.stereostation.UserInputException;
import io.github.stereostation.calibration.StereoCalibration;
import io.github.stereostation.cloud.CloudFormat;
import io.github.stereostation.cloud.CloudRecipe;
import io.github.stereostation.cloud.ObjWriter;
import io.github.stereostation.cloud.OrganizedCloud;
import io.github.stereostation.cloud.PointCloud;
import io.github.stereostation.cloud.PointCloudWriter;
import io.github.stereostation.cloud.TriangleMesh;
import io.github.stereostation.depth.MiddleburyCalib;
import io.github.stereostation.depth.Pfm;
import io.github.stereostation.depth.Preset;
import io.github.stereostation.depth.StereoImages;
import io.github.stereostation.depth.StereoReconstruction;
import io.github.stereostation.depth.StereoReconstruction.Output;
import io.github.stereostation.ui.CloudViewerFrame;
import org.opencv.core.Mat;
import io.github.stereostation.io.ImageFiles;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** A stereo pair (or a disparity map) to a coloured point cloud or mesh in metres, written as PLY, PCD, OBJ or glTF. */
@Command(name = "cloud", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Reconstructs a coloured 3D point cloud (or a mesh with --mesh) from a stereo pair and writes it "
                + "as PLY, PCD, OBJ or glTF binary (.glb). Coordinates are METRES in the left camera's frame: "
                + "x right, y down, z forward (glTF files are turned to glTF's y-up convention).",
                "Geometry comes from a calibration file (--calibration; the pair is rectified first unless "
                        + "--rectified) or a Middlebury calib.txt (--calib-txt; the pair must already be rectified).",
                "Disparity is computed with the matcher preset, or read from --disparity FILE.pfm.",
                "Example: cloud im0.png --disparity disp0GT.pfm --calib-txt calib.txt --out scene.ply"})
public final class CloudCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "LEFT", description = "Left image; it colours the points.")
    Path left;

    @Parameters(index = "1", paramLabel = "RIGHT", arity = "0..1",
            description = "Right image, same size. Not needed with --disparity.")
    Path right;

    @ArgGroup(multiplicity = "1")
    Geometry geometry;

    static final class Geometry {
        @Option(names = "--calibration", paramLabel = "FILE", required = true,
                description = "Stereo calibration (OpenCV YAML written by 'calibrate'); gives the rectification and Q.")
        Path calibration;

        @Option(names = "--calib-txt", paramLabel = "FILE", required = true,
                description = "Middlebury calib.txt with cam0, cam1 (or doffs) and baseline in mm; images already rectified.")
        Path calibTxt;
    }

    @Option(names = {"-o", "--out"}, paramLabel = "FILE",
            description = "Output file; the format follows the extension (.ply .pcd .obj .glb) unless --format says.")
    Path out;

    @Option(names = "--format", paramLabel = "FMT",
            description = "ply, pcd, obj, glb, or ply-ascii / pcd-ascii (PLY and PCD are binary otherwise).")
    String format;

    @Option(names = "--ascii", description = "Write PLY or PCD as text instead of binary.")
    boolean ascii;

    @Option(names = "--mesh", description = "Write a triangle mesh over the pixel grid instead of points "
            + "(triangles across depth jumps are cut; see --max-depth-jump). Not for PCD.")
    boolean mesh;

    @Option(names = "--texture", description = "With --mesh and OBJ: write an MTL and the left image as PNG texture "
            + "beside the OBJ instead of per-vertex colours.")
    boolean texture;

    @Option(names = "--disparity", paramLabel = "FILE.pfm",
            description = "Use this left-view disparity (PFM, pixels; inf/NaN = none) instead of matching.")
    Path disparityFile;

    @Option(names = "--rectified", description = "With --calibration: the images are already rectified with it "
            + "(only Q is taken from the calibration). --calib-txt always assumes rectified images.")
    boolean rectified;

    @Option(names = "--alpha", paramLabel = "A", defaultValue = "0",
            description = "Rectification alpha with --calibration: 0 crops to valid pixels, 1 keeps all (default: ${DEFAULT-VALUE}).")
    double alpha;

    @Option(names = "--view", description = "Open the 3D viewer on the result (needs a display).")
    boolean view;

    @Mixin
    CloudRecipeOptions recipeOptions;

    @Mixin
    ConfigOption config;

    @Mixin
    MatcherOptions matcherOptions;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        OpenCvNative.load();
        if (out == null && !view) {
            throw new UserInputException("--out: give an output file (or --view to only look at the cloud)");
        }
        CloudRecipe recipe = recipeOptions.recipe();
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new UserInputException("--alpha: expected 0..1, got " + alpha);
        }
        CloudFormat fmt = null;
        if (out != null) {
            fmt = format != null ? CloudFormat.byName(format) : CloudFormat.byExtension(out);
            if (ascii) {
                fmt = fmt.ascii();
            }
            if (mesh && !fmt.holdsMeshes()) {
                throw new UserInputException("--mesh: " + fmt + " holds points only; use ply, obj or glb");
            }
            if (texture && !(mesh && fmt == CloudFormat.OBJ)) {
                throw new UserInputException("--texture: needs --mesh and OBJ output");
            }
        }
        if (view && GraphicsEnvironment.isHeadless()) {
            throw new UserInputException("--view: no display here (headless); write a file with --out instead");
        }
        if (mesh && recipe.filtersPoints()) {
            throw new UserInputException("--outliers/--radius-outliers/--voxel apply to point clouds, not to --mesh");
        }
        if (disparityFile == null && right == null) {
            throw new UserInputException("RIGHT: give the right image, or a disparity map with --disparity");
        }
        PrintWriter log = spec.commandLine().getOut();
        if (disparityFile == null && right != null) {
            StereoImages.requireMatchable(left);
            StereoImages.requireMatchable(right);
        }
        StereoImages.headerSize(left).ifPresent(wh -> OrganizedCloud.requireHeapFor(wh[0] * wh[1], left.toString()));
        Mat leftImage = StereoImages.readColour(left);
        Mat rightImage = null;
        Mat disparity = null;
        try (StereoReconstruction reconstruction = reconstruction(recipe)) {
            Output output = mesh ? Output.MESH : Output.POINTS;
            StereoReconstruction.Result result;
            if (disparityFile != null) {
                disparity = Pfm.read(disparityFile);
                if (disparity.cols() != leftImage.cols() || disparity.rows() != leftImage.rows()) {
                    throw new UserInputException(disparityFile + ": disparity is " + disparity.cols() + "x" + disparity.rows()
                            + " but the left image is " + leftImage.cols() + "x" + leftImage.rows());
                }
                result = reconstruction.fromDisparity(leftImage, disparity, null, output);
            } else {
                rightImage = StereoImages.readColour(right);
                if (!reconstruction.rectifies()
                        && (rightImage.cols() != leftImage.cols() || rightImage.rows() != leftImage.rows())) {
                    throw new UserInputException(right + ": size " + rightImage.cols() + "x" + rightImage.rows()
                            + " differs from the left image " + left + " (" + leftImage.cols() + "x" + leftImage.rows() + ")");
                }
                result = reconstruction.reconstruct(leftImage, rightImage, preset(), output);
                log.println("matched with " + result.matcher());
            }
            try (result) {
                if (recipe.minConfidence() > 0 && result.confidence() == null) {
                    throw new UserInputException("--min-confidence: this disparity has no confidence (PFM input or a preset without one)");
                }
                write(result, fmt, log);
            }
        } finally {
            for (Mat m : new Mat[]{leftImage, rightImage, disparity}) {
                if (m != null) {
                    m.release();
                }
            }
        }
        return 0;
    }

    private StereoReconstruction reconstruction(CloudRecipe recipe) {
        if (geometry.calibTxt != null) {
            MiddleburyCalib calib = MiddleburyCalib.read(geometry.calibTxt);
            Mat q = calib.q(geometry.calibTxt);
            try {
                double[] values = new double[16];
                q.get(0, 0, values);
                return StereoReconstruction.rectified(values, null, recipe);
            } finally {
                q.release();
            }
        }
        StereoCalibration cal = StereoCalibration.load(geometry.calibration);
        return rectified ? StereoReconstruction.calibratedRectified(cal, alpha, recipe)
                : StereoReconstruction.calibrated(cal, alpha, recipe);
    }

    /** The preset; a Middlebury calib.txt's ndisp sets the range unless the user chose one. */
    private Preset preset() {
        Preset preset = matcherOptions.resolvePresets(config.settings()).get(0);
        if (geometry.calibTxt != null && matcherOptions.numDisparities == null && matcherOptions.maxDisparity == null) {
            int ndisp = MiddleburyCalib.read(geometry.calibTxt).ndisp();
            if (ndisp > 0) {
                preset = preset.withMatcher(preset.matcher().withNumDisparities(ndisp));
            }
        }
        return preset;
    }

    private void write(StereoReconstruction.Result result, CloudFormat fmt, PrintWriter log) throws InterruptedException {
        PointCloud cloud = result.cloud();
        TriangleMesh triangles = result.mesh();
        if (cloud.isEmpty()) {
            throw new UserInputException(left + ": no point survived (no disparity, or every point outside "
                    + "--min-depth/--max-depth/--min-confidence)");
        }
        float[] b = cloud.bounds();
        log.printf(Locale.ROOT, "%,d points%s, depth %.3f .. %.3f m%n", cloud.size(),
                triangles == null ? "" : String.format(Locale.ROOT, ", %,d triangles", triangles.triangleCount()), b[2], b[5]);
        if (out != null) {
            try {
                if (texture) {
                    new ObjWriter().writeTextured(out, triangles, ImageFiles.encodePng(result.left()));
                } else if (triangles != null) {
                    PointCloudWriter.of(fmt).write(out, triangles);
                } else {
                    PointCloudWriter.of(fmt).write(out, cloud);
                }
                log.println("wrote " + out + " (" + fmt.name().toLowerCase(Locale.ROOT).replace('_', '-') + ", metres)");
            } catch (IOException e) {
                // a full disk or a vanished folder: the temp file is gone and the target untouched
                throw new UserInputException(out + ": cannot write the file (" + e.getMessage()
                        + "); nothing was written under that name", e);
            }
        }
        log.flush();
        if (view) {
            CloudViewerFrame.showAndWait("Stereo Station - " + left.getFileName(), cloud);
        }
    }
}
