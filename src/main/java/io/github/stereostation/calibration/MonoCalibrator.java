package io.github.stereostation.calibration;

import io.github.stereostation.UserInputException;
import io.github.stereostation.geometry.CameraIntrinsics;
import org.opencv.calib3d.Calib3d;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.core.TermCriteria;

import java.util.ArrayList;
import java.util.List;

/** Intrinsic calibration of one camera from board views ({@code calibrateCamera}, 5 distortion terms). */
public final class MonoCalibrator {
    /** Fewer views than this leave the intrinsics poorly determined. */
    public static final int MIN_VIEWS = 4;

    private MonoCalibrator() {
    }

    public static MonoCalibration calibrate(List<MonoView> views, BoardSpec board) {
        if (views.size() < MIN_VIEWS) {
            throw new UserInputException("only " + views.size() + " usable views; a calibration needs at least " + MIN_VIEWS);
        }
        List<BoardCorners> corners = views.stream().map(MonoView::corners).toList();
        Fit fit = fit(corners, board);
        return new MonoCalibration(board, fit.intrinsics, fit.rmsPx, views.stream().map(MonoView::name).toList(),
                fit.viewRmsPx, Coverage.of(corners, board));
    }

    /** The result of one {@code calibrateCamera} run. */
    /** {@code flags}: the calibrateCamera flags of the accepted fit (which distortion terms were fixed). */
    record Fit(CameraIntrinsics intrinsics, double rmsPx, double[] viewRmsPx, int flags) {
    }

    /**
     * Calibrates with the full 5-term model, and falls back to fewer radial terms (k3, then k2 fixed at 0)
     * when the fitted distortion folds back inside the image. That happens when the views leave the image
     * edges uncovered: the polynomial then fits the centre and runs wild at the edges (k3 of -9 and +43
     * were measured on six views covering 11 % of the image), which ruins rectification there.
     */
    static Fit fit(List<BoardCorners> views, BoardSpec board) {
        int[] ladder = {0, Calib3d.CALIB_FIX_K3, Calib3d.CALIB_FIX_K3 | Calib3d.CALIB_FIX_K2};
        Fit fit = null;
        for (int flags : ladder) {
            fit = fit(views, board, flags);
            if (radialMonotonicInImage(fit.intrinsics())) {
                return fit;
            }
        }
        return fit;
    }

    /**
     * True when the radial distortion r -> r (1 + k1 r^2 + k2 r^4 + k3 r^6) keeps increasing out to the
     * image's farthest corner, i.e. the lens model is one-to-one over the whole image.
     */
    static boolean radialMonotonicInImage(CameraIntrinsics c) {
        double[] d = c.distortion();
        double k1 = d[0];
        double k2 = d.length > 1 ? d[1] : 0;
        double k3 = d.length > 4 ? d[4] : 0;
        double edge = 0;
        for (double[] p : new double[][]{{0, 0}, {c.width(), 0}, {0, c.height()}, {c.width(), c.height()}}) {
            edge = Math.max(edge, Math.hypot((p[0] - c.cxPx()) / c.fxPx(), (p[1] - c.cyPx()) / c.fyPx()));
        }
        // Walk outwards in undistorted radius until the distorted radius reaches the image corner.
        for (double r = 0; r < 10 * edge; r += edge / 500) {
            double r2 = r * r;
            double slope = 1 + 3 * k1 * r2 + 5 * k2 * r2 * r2 + 7 * k3 * r2 * r2 * r2;
            if (slope <= 0) {
                return false;
            }
            if (r * (1 + k1 * r2 + k2 * r2 * r2 + k3 * r2 * r2 * r2) >= edge) {
                return true;
            }
        }
        return false;
    }

    static Fit fit(List<BoardCorners> views, BoardSpec board, int flags) {
        BoardCorners first = views.get(0);
        int w = first.imageWidth();
        int h = first.imageHeight();
        List<Mat> objects = new ArrayList<>();
        List<Mat> images = new ArrayList<>();
        List<Mat> rvecs = new ArrayList<>();
        List<Mat> tvecs = new ArrayList<>();
        Mat k = new Mat();
        Mat d = new Mat();
        Mat stdIntrinsics = new Mat();
        Mat stdExtrinsics = new Mat();
        Mat perViewErrors = new Mat();
        try {
            for (BoardCorners c : views) {
                if (c.imageWidth() != w || c.imageHeight() != h) {
                    throw new UserInputException("views differ in image size: " + w + "x" + h + " and "
                            + c.imageWidth() + "x" + c.imageHeight());
                }
                objects.add(board.objectPoints(c.ids()));
                images.add(c.imagePoints());
            }
            // Per-view errors straight from the optimiser: the rvecs/tvecs that calibrateCamera hands back
            // were measured here to differ from its final state (1-4 px reprojection vs 0.16 px overall RMS).
            double rms = Calib3d.calibrateCameraExtended(objects, images, new Size(w, h), k, d, rvecs, tvecs,
                    stdIntrinsics, stdExtrinsics, perViewErrors, flags,
                    new TermCriteria(TermCriteria.COUNT + TermCriteria.EPS, 100, 1e-12));
            double[] perView = MatValues.values(perViewErrors);
            return new Fit(MatValues.intrinsics(w, h, k, d), rms, perView, flags);
        } finally {
            MatValues.release(objects);
            MatValues.release(images);
            MatValues.release(rvecs);
            MatValues.release(tvecs);
            MatValues.release(k, d, stdIntrinsics, stdExtrinsics, perViewErrors);
        }
    }
}
