package io.github.stereostation.calibration;

import io.github.stereostation.OpenCvNative;
import java.nio.file.Path;
import java.util.List;

public class Explore {
    public static void main(String[] a) throws Exception {
        OpenCvNative.load();
        Path dir = Path.of("..", "..", "shared", "data", "calib", "opencv_left_right");
        BoardSpec b = BoardSpec.chessboard(9, 6, 1.0);
        for (ChessboardDetector.Method m : ChessboardDetector.Method.values()) {
            ChessboardDetector det = new ChessboardDetector(b) {
            };
            var pairs = CalibrationImages.inFolder(dir);
            BoardDetector bd = new BoardDetector() {
                public java.util.Optional<BoardCorners> detect(org.opencv.core.Mat img) { return det.detect(img, m); }
                public BoardSpec board() { return b; }
            };
            var d = CalibrationImages.detect(pairs, bd);
            System.out.println(m + " views " + d.views().size() + " skipped " + d.skipped());
            for (var fit : StereoCalibrator.StereoFit.values()) {
                var r = StereoCalibrator.calibrate(d.views(), b, new StereoCalibrator.Options(0, fit));
                System.out.println(r.report().describe(r.calibration()));
            }
        }
    }
}
