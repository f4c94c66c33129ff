package io.github.stereostation.cli;

import io.github.stereostation.OpenCvNative;
import io.github.stereostation.UserInputException;
import io.github.stereostation.cloud.CloudBuilder;
import io.github.stereostation.cloud.DepthRange;
import io.github.stereostation.cloud.PointCloud;
import io.github.stereostation.cloud.PointCloudWriter;
import io.github.stereostation.depth.FusedDepth;
import io.github.stereostation.depth.MiddleburyCalib;
import io.github.stereostation.depth.MonoStereoFusion;
import io.github.stereostation.depth.Pfm;
import io.github.stereostation.depth.PhotoFile;
import io.github.stereostation.geometry.CameraIntrinsics;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code stereo-station fuse}: metric depth everywhere from a mono estimate aligned to stereo disparity. */
@Command(name = "fuse", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Fuses a mono network's relative inverse depth (from 'mono --inverse-out') with a stereo"
                + " disparity map (from 'disparity'): fits disparity = scale * mono + shift robustly on confident"
                + " stereo pixels, keeps stereo there and fills every other pixel (holes, occlusions, textureless"
                + " areas) from the fitted mono, then converts to metres with the rig's focal length and baseline.",
                "Give the rig either as --focal-px and --baseline-mm or as a Middlebury --calib calib.txt."})
public final class FuseCommand implements Callable<Integer> {

    @Option(names = "--mono", required = true, paramLabel = "FILE.pfm",
            description = "Relative inverse depth (larger = nearer), float PFM; resized to the disparity's size if needed.")
    Path mono;

    @Option(names = "--disparity", required = true, paramLabel = "FILE.pfm",
            description = "Stereo disparity in pixels, float PFM (NaN or inf = none).")
    Path disparity;

    @Option(names = "--focal-px", paramLabel = "PX", defaultValue = "0",
            description = "Rectified focal length in pixels.")
    double focalPx;

    @Option(names = "--baseline-mm", paramLabel = "MM", defaultValue = "0",
            description = "Baseline in millimetres.")
    double baselineMm;

    @Option(names = "--calib", paramLabel = "calib.txt",
            description = "Middlebury calib.txt giving focal length and baseline (instead of --focal-px/--baseline-mm).")
    Path calib;

    @Option(names = "--confidence", paramLabel = "FILE.png",
            description = "The matcher's confidence map ('disparity' writes NAME-confidence.png): pixels at 0 were"
                    + " rejected or guessed by hole filling, so mono replaces them.")
    Path confidence;

    @Option(names = "--left", paramLabel = "IMAGE",
            description = "Left image: stereo on flat, textureless spots of it is not trusted (see --min-texture),"
                    + " and --out colours points from it.")
    Path left;

    @Option(names = "--min-texture", paramLabel = "GREY/PX", defaultValue = "2",
            description = "With --left: mean gradient (grey levels per pixel, 7x7 window) a stereo pixel needs to be"
                    + " kept; 0 = keep every stereo pixel (default ${DEFAULT-VALUE}).")
    double minTexture;

    @Option(names = "--out-depth", paramLabel = "FILE.pfm", description = "Fused depth in metres, float PFM.")
    Path outDepth;

    @Option(names = "--out-disparity", paramLabel = "FILE.pfm", description = "Filled disparity in pixels, float PFM.")
    Path outDisparity;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE",
            description = "Point cloud of the fused depth (.ply, .pcd, .obj, .glb), metres.")
    Path out;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        OpenCvNative.load();
        double f = focalPx;
        double b = baselineMm;
        double doffs = 0;
        if (calib != null) {
            MiddleburyCalib c = MiddleburyCalib.read(calib);
            if (!c.isMetric()) {
                throw new UserInputException(calib + ": has no cam0/baseline, so it cannot give metric depth");
            }
            f = c.focalPx();
            b = c.baselineMm();
            doffs = c.doffsPx();
        }
        if (!(f > 0) || !(b > 0)) {
            throw new UserInputException("--focal-px and --baseline-mm (or --calib) are required and must be > 0");
        }
        PrintWriter log = spec.commandLine().getOut();
        Mat monoMap = Pfm.read(mono);
        Mat disp = Pfm.read(disparity);
        PhotoFile photo = null;
        Mat confident = null;
        try {
            if (left != null) {
                photo = PhotoFile.read(left, Long.MAX_VALUE);
                if (photo.bgr().cols() != disp.cols() || photo.bgr().rows() != disp.rows()) {
                    throw new UserInputException(left + " is " + photo.bgr().cols() + "x" + photo.bgr().rows()
                            + " but the disparity " + disparity + " is " + disp.cols() + "x" + disp.rows());
                }
                confident = MonoStereoFusion.confidentStereo(disp, photo.bgr(), minTexture);
            }
            if (confidence != null) {
                Mat c = Imgcodecs.imread(confidence.toString(), Imgcodecs.IMREAD_UNCHANGED);
                try {
                    if (c.empty() || c.type() != CvType.CV_8UC1) {
                        throw new UserInputException(confidence + ": expected an 8-bit single-channel confidence PNG");
                    }
                    if (c.cols() != disp.cols() || c.rows() != disp.rows()) {
                        throw new UserInputException(confidence + " is " + c.cols() + "x" + c.rows()
                                + " but the disparity " + disparity + " is " + disp.cols() + "x" + disp.rows());
                    }
                    if (confident == null) {
                        confident = MonoStereoFusion.finitePositive(disp);
                    }
                    Mat sure = new Mat();
                    Core.compare(c, new Scalar(0), sure, Core.CMP_GT);
                    Core.bitwise_and(confident, sure, confident);
                    sure.release();
                } finally {
                    c.release();
                }
            }
            FusedDepth fused = MonoStereoFusion.fuse(monoMap, disp, confident, f, b, doffs).orElseThrow(() ->
                    new UserInputException(disparity + ": too few confident stereo pixels (or a flat mono map in "
                            + mono + ") to fit scale and shift"));
            try (fused) {
                int filled = Core.countNonZero(fused.fromMono());
                log.printf(Locale.ROOT, "fit: %s%nfocal %.1f px, baseline %.1f mm, doffs %.2f px; %d of %d pixels filled from mono%n",
                        fused.fit(), f, b, doffs, filled, disp.cols() * disp.rows());
                if (outDepth != null) {
                    Pfm.write(outDepth, fused.depthMetres());
                    log.println("wrote " + outDepth + " (depth, metres)");
                }
                if (outDisparity != null) {
                    Pfm.write(outDisparity, fused.disparity());
                    log.println("wrote " + outDisparity + " (filled disparity, pixels)");
                }
                if (out != null) {
                    CameraIntrinsics k = CameraIntrinsics.ideal(disp.cols(), disp.rows(), f, (disp.cols() - 1) / 2.0,
                            (disp.rows() - 1) / 2.0);
                    PointCloud cloud = CloudBuilder.fromDepth(fused.depthMetres(), k,
                            photo == null ? null : photo.bgr(), DepthRange.ANY).toPointCloud();
                    PointCloudWriter.forPath(out).write(out, cloud);
                    log.println("wrote " + out + " (" + cloud.size() + " points, metres; principal point assumed at"
                            + " the image centre)");
                }
            }
        } finally {
            monoMap.release();
            disp.release();
            if (photo != null) {
                photo.close();
            }
            if (confident != null) {
                confident.release();
            }
        }
        return 0;
    }
}
