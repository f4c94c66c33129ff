package io.github.stereostation.cli;

import io.github.stereostation.OpenCvNative;
import io.github.stereostation.UserInputException;
import io.github.stereostation.calibration.CalibrationImages;
import io.github.stereostation.calibration.RectifiedPairFiles;
import io.github.stereostation.calibration.Rectifier;
import io.github.stereostation.calibration.StereoCalibration;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
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
                    RectifiedPairFiles.write(out, p[0], p[1], new String[]{"left_", "right_"}, outL, outR,
                            rectifier.validRoi(), guides);
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
}
