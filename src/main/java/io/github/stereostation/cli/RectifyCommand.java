package io.github.stereostation.cli;

import io.github.stereostation.OpenCvNative;
import io.github.stereostation.UserInputException;
import io.github.stereostation.calibration.CalibrationImages;
import io.github.stereostation.calibration.Rectifier;
import io.github.stereostation.calibration.StereoCalibration;
import io.github.stereostation.io.ImageFiles;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code stereo-station rectify}: rectifies image pairs with a saved calibration. */
@Command(name = "rectify", mixinStandardHelpOptions = true,
        description = "Rectify stereo pairs with a calibration: after it, matching points lie on the same image row. "
                + "LEFT and RIGHT are two images, or two folders whose images pair by sorted name. "
                + "For two shots of one camera without a stereo calibration, use rectify-uncalibrated.")
public final class RectifyCommand implements Callable<Integer> {

    @Option(names = "--calibration", required = true, paramLabel = "FILE", description = "Calibration YAML written by calibrate.")
    Path calibration;

    @Parameters(index = "0", paramLabel = "LEFT", description = "Left image or folder of left images.")
    Path left;

    @Parameters(index = "1", paramLabel = "RIGHT", description = "Right image or folder of right images.")
    Path right;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for the rectified images (created if missing).")
    Path out;

    @Option(names = "--alpha", defaultValue = "0", paramLabel = "A",
            description = "0 = crop to pixels valid in both images (default), 1 = keep every source pixel, between = blend.")
    double alpha;

    @Option(names = "--guides", defaultValue = "0", paramLabel = "N",
            description = "Also write NAME_pair.png, both images side by side with N horizontal guide lines (0 = none).")
    int guides;

    @Override
    public Integer call() throws Exception {
        OpenCvNative.load();
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new UserInputException("--alpha " + alpha + ": expected a value from 0 to 1");
        }
        if (guides < 0 || guides > 200) {
            throw new UserInputException("--guides " + guides + ": expected 0..200");
        }
        StereoCalibration cal = StereoCalibration.load(calibration);
        List<Path[]> pairs = pairs();
        Files.createDirectories(out);
        try (Rectifier rectifier = Rectifier.create(cal, alpha)) {
            Mat outL = new Mat();
            Mat outR = new Mat();
            for (Path[] p : pairs) {
                Mat l = CalibrationImages.read(p[0]);
                Mat r = CalibrationImages.read(p[1]);
                try {
                    cal.requireImageSize(l.cols(), l.rows(), p[0].toString());
                    cal.requireImageSize(r.cols(), r.rows(), p[1].toString());
                    rectifier.rectify(l, r, outL, outR);
                    String ln = stem(p[0]);
                    String rn = stem(p[1]);
                    if (ln.equals(rn)) {
                        ln = "left_" + ln;
                        rn = "right_" + rn;
                    }
                    ImageFiles.writePng(out.resolve(ln + "_rect.png"), outL);
                    ImageFiles.writePng(out.resolve(rn + "_rect.png"), outR);
                    if (guides > 0) {
                        writeGuides(out.resolve(ln + "_pair.png"), outL, outR, rectifier.validRoi(), guides);
                    }
                    System.out.println("rectified " + p[0] + " + " + p[1]);
                } finally {
                    l.release();
                    r.release();
                }
            }
            outL.release();
            outR.release();
            Rect roi = rectifier.validRoi();
            System.out.printf(Locale.ROOT, "%d pairs into %s; rectified focal %.2f px, baseline %.3f mm, valid area x=%d y=%d %dx%d%n",
                    pairs.size(), out, rectifier.focalPx(), rectifier.baselineMm(), roi.x, roi.y, roi.width, roi.height);
        }
        return 0;
    }

    private List<Path[]> pairs() {
        List<Path[]> pairs = new ArrayList<>();
        if (Files.isDirectory(left) && Files.isDirectory(right)) {
            List<Path> ls = CalibrationImages.imagesIn(left);
            List<Path> rs = CalibrationImages.imagesIn(right);
            if (ls.size() != rs.size()) {
                throw new UserInputException(left + " has " + ls.size() + " images but " + right + " has " + rs.size());
            }
            for (int i = 0; i < ls.size(); i++) {
                pairs.add(new Path[]{ls.get(i), rs.get(i)});
            }
        } else if (Files.isDirectory(left) || Files.isDirectory(right)) {
            throw new UserInputException("LEFT and RIGHT must both be images or both be folders");
        } else {
            pairs.add(new Path[]{left, right});
        }
        return pairs;
    }

    static String stem(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    /** Side-by-side image with evenly spaced horizontal lines and the valid area outlined (if given). */
    static void writeGuides(Path file, Mat l, Mat r, Rect roi, int lines) throws IOException {
        Mat pair = new Mat();
        try {
            Core.hconcat(List.of(l, r), pair);
            if (pair.channels() == 1) {
                Imgproc.cvtColor(pair, pair, Imgproc.COLOR_GRAY2BGR);
            }
            for (int i = 1; i <= lines; i++) {
                int y = (int) Math.round(i * pair.rows() / (lines + 1.0));
                Imgproc.line(pair, new Point(0, y), new Point(pair.cols() - 1, y), new Scalar(0, 255, 0), 1);
            }
            if (roi != null && roi.area() > 0) {
                Imgproc.rectangle(pair, roi.tl(), roi.br(), new Scalar(0, 0, 255), 1);
                Imgproc.rectangle(pair, new Point(roi.x + l.cols(), roi.y), new Point(roi.br().x + l.cols(), roi.br().y),
                        new Scalar(0, 0, 255), 1);
            }
            ImageFiles.writePng(file, pair);
        } finally {
            pair.release();
        }
    }
}
