package io.github.stereostation.calibration;

import io.github.stereostation.io.ImageFiles;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * How a rectified pair is kept on disk: each view as NAME_rect.png, named after its input image, and optionally
 * NAME_pair.png, both views side by side with evenly spaced horizontal lines (a matched feature lies on the same
 * line in both views when the rectification is right) and the valid area outlined. Files are written atomically.
 */
public final class RectifiedPairFiles {
    private RectifiedPairFiles() {
    }

    /**
     * Writes the pair into {@code dir}.
     *
     * @param firstInput  the image the first view came from (names the files)
     * @param secondInput the image the second view came from
     * @param prefixes    put before the two names when the inputs have the same name (e.g. "left_", "right_")
     * @param roi         the area valid in both views (outlined on the guide image), or null
     * @param guideLines  horizontal lines on NAME_pair.png; 0 writes no guide image
     * @return the two rectified files written
     */
    public static Path[] write(Path dir, Path firstInput, Path secondInput, String[] prefixes, Mat first, Mat second,
                               Rect roi, int guideLines) throws IOException {
        String a = stem(firstInput);
        String b = stem(secondInput);
        if (a.equals(b)) {
            a = prefixes[0] + a;
            b = prefixes[1] + b;
        }
        Path[] written = {dir.resolve(a + "_rect.png"), dir.resolve(b + "_rect.png")};
        ImageFiles.writePng(written[0], first);
        ImageFiles.writePng(written[1], second);
        if (guideLines > 0) {
            Mat guides = guides(first, second, roi, guideLines);
            try {
                ImageFiles.writePng(dir.resolve(a + "_pair.png"), guides);
            } finally {
                guides.release();
            }
        }
        return written;
    }

    /** The file name without its extension. */
    static String stem(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    /** Both views side by side (BGR) with {@code lines} horizontal lines and the valid area (if given) in red. */
    public static Mat guides(Mat first, Mat second, Rect roi, int lines) {
        Mat pair = new Mat();
        Core.hconcat(List.of(first, second), pair);
        if (pair.channels() == 1) {
            Imgproc.cvtColor(pair, pair, Imgproc.COLOR_GRAY2BGR);
        }
        for (int i = 1; i <= lines; i++) {
            int y = (int) Math.round(i * pair.rows() / (lines + 1.0));
            Imgproc.line(pair, new Point(0, y), new Point(pair.cols() - 1, y), new Scalar(0, 255, 0), 1);
        }
        if (roi != null && roi.area() > 0) {
            Imgproc.rectangle(pair, roi.tl(), roi.br(), new Scalar(0, 0, 255), 1);
            Imgproc.rectangle(pair, new Point(roi.x + first.cols(), roi.y),
                    new Point(roi.br().x + first.cols(), roi.br().y), new Scalar(0, 0, 255), 1);
        }
        return pair;
    }
}
