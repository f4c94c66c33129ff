package io.github.stereostation.calibration;

import io.github.stereostation.OpenCvNative;
import org.opencv.core.Mat;
import org.opencv.imgcodecs.Imgcodecs;
import java.nio.file.Path;
import java.util.Optional;

public class Explore2 {
    public static void main(String[] a) throws Exception {
        OpenCvNative.load();
        Path data = Path.of("..", "..", "shared", "data");
        var mono = CalibrationImages.detectMono(CalibrationImages.imagesIn(data.resolve("calib/boofcv_sony_dsc_hx5v_mono")), BoardDetector.forBoard(BoardSpec.chessboard(4, 6, 30)));
        MonoCalibration mc = MonoCalibrator.calibrate(mono.views(), BoardSpec.chessboard(4, 6, 30));
        System.out.println("mono " + mc.intrinsics() + " rms " + mc.rmsPx() + " skipped " + mono.skipped());
        for (String pair : new String[]{"01,02", "02,03", "01,03"}) {
            String[] p = pair.split(",");
            Mat l = CalibrationImages.read(data.resolve("pairs/boofcv_mono_wall/mono_wall_" + p[0] + ".jpg"));
            Mat r = CalibrationImages.read(data.resolve("pairs/boofcv_mono_wall/mono_wall_" + p[1] + ".jpg"));
            for (var feat : UncalibratedRectifier.Features.values()) {
                for (Optional<CameraIntrinsics> k : java.util.List.of(Optional.<CameraIntrinsics>empty(), Optional.of(mc.intrinsics()))) {
                    long t0 = System.nanoTime();
                    try (var u = UncalibratedRectifier.estimate(l, r, k, feat)) {
                        Mat ol = new Mat(), or = new Mat();
                        u.rectify(l, r, ol, or);
                        double check = UncalibratedRectifier.medianRowDifferencePx(ol, or, UncalibratedRectifier.Features.AKAZE);
                        System.out.printf("%s %s K=%b matches %d inliers %d median inlier dy %.3f disp %.1f  re-matched median dy %.3f  %d ms%n",
                                pair, feat, k.isPresent(), u.matchCount(), u.inlierCount(), u.medianRowErrorPx(), u.medianDisparityPx(), check, (System.nanoTime() - t0) / 1000000);
                        Imgcodecs.imwrite("/tmp/calib_u_" + p[0] + p[1] + feat + k.isPresent() + ".jpg", concat(ol, or));
                    }
                }
            }
        }
    }
    static Mat concat(Mat a, Mat b) { Mat o = new Mat(); org.opencv.core.Core.hconcat(java.util.List.of(a, b), o);
        for (int y = 20; y < o.rows(); y += 40) org.opencv.imgproc.Imgproc.line(o, new org.opencv.core.Point(0, y), new org.opencv.core.Point(o.cols(), y), new org.opencv.core.Scalar(0, 255, 0), 1);
        return o; }
}
