package io.github.stereostation.depth;

import io.github.stereostation.UserInputException;
import org.opencv.core.Mat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One scene in the Middlebury 2014 layout: {@code im0.png}, {@code im1.png}, {@code disp0GT.pfm}, optional
 * {@code mask0nocc.png} and {@code calib.txt}. Owns its Mats (AutoCloseable).
 *
 * @param name           folder name
 * @param left           BGR left image
 * @param right          BGR right image
 * @param groundTruth    CV_32F left disparity, non-finite = unknown
 * @param nonOccluded    CV_8U mask (255 = evaluate) or null when the scene has none
 * @param ndisp          the disparity range calib.txt gives, 0 when unknown
 */
public record MiddleburyScene(String name, Mat left, Mat right, Mat groundTruth, Mat nonOccluded, int ndisp)
        implements AutoCloseable {

    public static boolean isScene(Path dir) {
        return Files.isRegularFile(dir.resolve("im0.png")) && Files.isRegularFile(dir.resolve("disp0GT.pfm"));
    }

    /** A scene folder itself, or a folder whose sub-folders are scenes (sorted by name). */
    public static List<Path> sceneDirs(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new UserInputException(dir + ": not a folder (expected a Middlebury scene folder or a folder of them)");
        }
        if (isScene(dir)) {
            return List.of(dir);
        }
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(Files::isDirectory).filter(MiddleburyScene::isScene).sorted().forEach(out::add);
        } catch (IOException e) {
            throw new UserInputException(dir + ": cannot list folder (" + e.getMessage() + ")", e);
        }
        if (out.isEmpty()) {
            throw new UserInputException(dir + ": no Middlebury scene here (expected im0.png, im1.png and "
                    + "disp0GT.pfm in the folder or in its sub-folders)");
        }
        return out;
    }

    public static MiddleburyScene read(Path dir) {
        if (!Files.isRegularFile(dir.resolve("disp0GT.pfm"))) {
            throw new UserInputException(dir.resolve("disp0GT.pfm") + ": file not found (Middlebury scene needs it)");
        }
        Mat[] pair = StereoImages.readPair(dir.resolve("im0.png"), dir.resolve("im1.png"));
        Mat gt = null;
        Mat mask = null;
        try {
            Path gtFile = dir.resolve("disp0GT.pfm");
            gt = Pfm.read(gtFile);
            if (gt.cols() != pair[0].cols() || gt.rows() != pair[0].rows()) {
                throw new UserInputException(gtFile + ": ground truth is " + gt.cols() + "x" + gt.rows()
                        + " but im0.png is " + pair[0].cols() + "x" + pair[0].rows() + "; expected the same size");
            }
            Path maskFile = dir.resolve("mask0nocc.png");
            if (Files.exists(maskFile)) {
                mask = StereoImages.readGrey(maskFile);
                if (mask.cols() != gt.cols() || mask.rows() != gt.rows()) {
                    throw new UserInputException(maskFile + ": mask is " + mask.cols() + "x" + mask.rows()
                            + " but im0.png is " + gt.cols() + "x" + gt.rows() + "; expected the same size");
                }
            }
            int ndisp = readNdisp(dir.resolve("calib.txt"));
            Path name = dir.toAbsolutePath().normalize().getFileName();
            return new MiddleburyScene(name == null ? dir.toString() : name.toString(), pair[0], pair[1], gt, mask,
                    ndisp);
        } catch (RuntimeException e) {
            pair[0].release();
            pair[1].release();
            if (gt != null) {
                gt.release();
            }
            if (mask != null) {
                mask.release();
            }
            throw e;
        }
    }

    /** Reads calib.txt's key=value lines; returns ndisp or 0 when absent. */
    static int readNdisp(Path calib) {
        if (!Files.exists(calib)) {
            return 0;
        }
        Map<String, String> kv = new HashMap<>();
        try {
            for (String line : Files.readAllLines(calib)) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    kv.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
                }
            }
        } catch (IOException e) {
            throw new UserInputException(calib + ": cannot read (" + e.getMessage() + ")", e);
        }
        String v = kv.get("ndisp");
        if (v == null) {
            return 0;
        }
        try {
            int n = Integer.parseInt(v);
            if (n <= 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UserInputException(calib + ": ndisp='" + v + "' is not a positive whole number");
        }
    }

    @Override
    public void close() {
        left.release();
        right.release();
        groundTruth.release();
        if (nonOccluded != null) {
            nonOccluded.release();
        }
    }
}
