package io.github.stereostation.cli;

import io.github.stereostation.OpenCvNative;
import io.github.stereostation.UserInputException;
import io.github.stereostation.cloud.CloudFormat;
import io.github.stereostation.cloud.ObjWriter;
import io.github.stereostation.io.ImageFiles;
import io.github.stereostation.ui.CloudViewerFrame;
import io.github.stereostation.cloud.PointCloudWriter;
import io.github.stereostation.depth.MonoModels;
import io.github.stereostation.depth.MonoReconstruction;
import io.github.stereostation.depth.OnnxMonoDepthEstimator;
import io.github.stereostation.depth.Pfm;
import io.github.stereostation.depth.PhotoFile;
import org.opencv.core.Mat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code stereo-station mono IMAGE}: one photo to a depth map and a coloured 3D point cloud / mesh. */
@Command(name = "mono",
        mixinStandardHelpOptions = true,
        description = {
                "Estimates depth from ONE photo with a monocular network (MiDaS v2.1 small or Depth-Anything V2 Small,"
                        + " ONNX) and turns it into a coloured point cloud and mesh.",
                "The model file is not shipped: see models/README.md for which file to download and where to put it.",
                "Mono depth is relative: --near/--far choose the distances given to the nearest and farthest points,"
                        + " --fov the camera's field of view; both are printed with the result."},
        sortOptions = false)
public final class MonoCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "IMAGE", description = "The photo (PNG, JPEG, BMP, TIFF, ...).")
    Path image;

    @Option(names = "--model", paramLabel = "NAME|FILE",
            description = "Model file, or a name looked up in models/ and ../shared/models/ (e.g. model-small)."
                    + " Default: the first model whose file is present (MiDaS small first).")
    String model;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "0",
            description = "Inference threads (ONNX Runtime intra-op); 0 = one per core (default).")
    int threads;

    @Option(names = "--fov", paramLabel = "DEG", defaultValue = "60",
            description = "Horizontal field of view of the camera that took the photo, degrees (default ${DEFAULT-VALUE}).")
    double fovDeg;

    @Option(names = "--near", paramLabel = "METRES", defaultValue = "0.5",
            description = "Distance given to the nearest point, metres (default ${DEFAULT-VALUE}).")
    double nearMetres;

    @Option(names = "--far", paramLabel = "METRES", defaultValue = "1.5",
            description = "Distance given to the farthest point, metres (default ${DEFAULT-VALUE}).")
    double farMetres;

    @Option(names = "--smooth", paramLabel = "PX", defaultValue = "1.5",
            description = "Gaussian smoothing of the depth before 3D, sigma in pixels; 0 = none (default ${DEFAULT-VALUE}).")
    double smoothSigmaPx;

    @Option(names = "--edge-jump", paramLabel = "FRACTION", defaultValue = "0.03",
            description = "Drop points whose depth jumps by more than this fraction to a neighbour (flying pixels"
                    + " along outlines); 0 = keep all (default ${DEFAULT-VALUE}).")
    double edgeJump;

    @Option(names = "--step", paramLabel = "N", defaultValue = "0",
            description = "Use every N-th pixel in x and y for the cloud; 0 = every pixel up to 2 million, then the"
                    + " smallest step that stays under (default ${DEFAULT-VALUE}).")
    int step;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE",
            description = "Write the 3D result: .ply, .obj or .glb get the coloured mesh, .pcd the points"
                    + " (metres, camera frame: x right, y down, z forward).")
    Path out;

    @Option(names = "--points-only",
            description = "With --out: write the coloured points without the mesh's faces.")
    boolean pointsOnly;

    @Option(names = "--texture",
            description = "With --out FILE.obj: write the photo as the mesh's texture (FILE.mtl and FILE.png beside it)"
                    + " instead of per-vertex colours.")
    boolean texture;

    @Option(names = "--view", description = "Open the 3D viewer on the result (needs a display).")
    boolean view;

    @Option(names = "--ascii",
            description = "With --out: ASCII PLY/PCD instead of binary.")
    boolean ascii;

    @Option(names = "--depth-out", paramLabel = "FILE.png",
            description = "Write the depth as an 8-bit grey image (near = light).")
    Path depthOut;

    @Option(names = "--colour-out", paramLabel = "FILE.png",
            description = "Write the depth through a colour map (near = bright).")
    Path colourOut;

    @Option(names = "--inverse-out", paramLabel = "FILE.pfm",
            description = "Write the raw relative inverse depth as float PFM.")
    Path inverseOut;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        OpenCvNative.load();
        PrintWriter log = spec.commandLine().getOut();
        MonoReconstruction.Settings settings = new MonoReconstruction.Settings(fovDeg, nearMetres, farMetres,
                smoothSigmaPx, edgeJump, step);
        checkOutput(depthOut, "--depth-out", ".png");
        checkOutput(colourOut, "--colour-out", ".png");
        checkOutput(inverseOut, "--inverse-out", ".pfm");
        PointCloudWriter writer = null;
        if (out != null) {
            CloudFormat format = CloudFormat.byExtension(out);
            writer = PointCloudWriter.of(ascii ? format.ascii() : format);
            if (texture && (format != CloudFormat.OBJ || pointsOnly)) {
                throw new UserInputException("--texture: only an .obj mesh carries a texture (got --out " + out
                        + (pointsOnly ? " with --points-only" : "") + ")");
            }
        } else if (texture || pointsOnly || ascii) {
            throw new UserInputException("--texture, --points-only and --ascii need --out FILE");
        }
        if (view && GraphicsEnvironment.isHeadless()) {
            throw new UserInputException("--view: no display here (headless); write a file with --out instead");
        }
        try (PhotoFile photo = PhotoFile.read(image)) {
            MonoModels.Found found = resolveModel();
            try (OnnxMonoDepthEstimator estimator = new OnnxMonoDepthEstimator(found.model(), found.spec(), threads,
                    OnnxMonoDepthEstimator.DEFAULT_MAX_PIXELS)) {
                log.println("model: " + estimator.describe());
                log.println("photo: " + image + " " + photo.bgr().cols() + "x" + photo.bgr().rows()
                        + (photo.note().isEmpty() ? "" : " (" + photo.note() + ")"));
                long t0 = System.nanoTime();
                try (MonoReconstruction.Result res = new MonoReconstruction(estimator, settings).reconstruct(photo.bgr())) {
                    log.printf(Locale.ROOT, "mono depth: %dx%d in %.0f ms (3D included)%n",
                            res.depth().width(), res.depth().height(), (System.nanoTime() - t0) / 1e6);
                    log.println(res.notes());
                    writeOutputs(res, log);
                    if (writer != null) {
                        if (texture) {
                            new ObjWriter().writeTextured(out, res.mesh(), ImageFiles.encodePng(photo.bgr()));
                            log.println("wrote " + out + " (mesh textured with the photo: "
                                    + res.mesh().triangleCount() + " triangles, metres)");
                        } else if (pointsOnly || !writer.format().holdsMeshes()) {
                            writer.write(out, res.cloud());
                            log.println("wrote " + out + " (" + res.cloud().size() + " coloured points, metres)");
                        } else {
                            writer.write(out, res.mesh());
                            log.println("wrote " + out + " (mesh: " + res.mesh().vertices().size() + " vertices, "
                                    + res.mesh().triangleCount() + " triangles, metres)");
                        }
                    }
                    log.flush();
                    if (view) {
                        try {
                            CloudViewerFrame.showAndWait("Stereo Station - " + image.getFileName() + " (mono)",
                                    res.cloud());
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                }
            }
        }
        return 0;
    }

    /** The model to use; with none named and none installed, the error also says how to fetch one. */
    private MonoModels.Found resolveModel() {
        try {
            return MonoModels.resolve(model);
        } catch (UserInputException e) {
            if (model != null) {
                throw e;
            }
            throw new UserInputException(e.getMessage() + "; or fetch one: stereo-station models fetch midas-small",
                    e);
        }
    }

    private static void checkOutput(Path file, String option, String ext) {
        if (file != null && !file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(ext)) {
            throw new UserInputException(option + " " + file + ": expected a file name ending in " + ext);
        }
    }

    /** Writing hooks, kept separate so that point-cloud export can join them. */
    private void writeOutputs(MonoReconstruction.Result res, PrintWriter out) throws IOException {
        if (depthOut != null) {
            Mat grey = res.depth().grayscale();
            try {
                ImageFiles.writePng(depthOut, grey);
            } finally {
                grey.release();
            }
            out.println("wrote " + depthOut + " (grey depth, near = light)");
        }
        if (colourOut != null) {
            Mat colour = res.depth().colourMapped();
            try {
                ImageFiles.writePng(colourOut, colour);
            } finally {
                colour.release();
            }
            out.println("wrote " + colourOut + " (colour-mapped depth, near = bright)");
        }
        if (inverseOut != null) {
            Pfm.write(inverseOut, res.depth().inverseDepth());
            out.println("wrote " + inverseOut + " (relative inverse depth, float)");
        }
    }
}
