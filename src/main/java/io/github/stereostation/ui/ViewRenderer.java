package io.github.stereostation.ui;

import io.github.stereostation.depth.DisparityImages;
import io.github.stereostation.geometry.DisparityToDepth;
import io.github.stereostation.pipeline.FrameJob;
import io.github.stereostation.pipeline.FrameSink;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

import java.awt.image.BufferedImage;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The pipeline's last step for the window: turns a finished job into a {@link StationView} (images and the
 * numbers under them) on the pipeline's thread, then hands it to the window, which only paints. The colour
 * scale follows the scene slowly (robust range, smoothed) so colours do not flicker from frame to frame.
 */
public final class ViewRenderer implements FrameSink {
    private final Supplier<ViewSettings> settings;
    private final Consumer<StationView> publish;
    private final Mat scaled = new Mat();
    private final Mat coloured = new Mat();
    private final Mat invalid = new Mat();
    private double smoothHigh = Double.NaN;
    private double smoothLow = Double.NaN;

    public ViewRenderer(Supplier<ViewSettings> settings, Consumer<StationView> publish) {
        this.settings = settings;
        this.publish = publish;
    }

    @Override
    public void accept(FrameJob job) {
        publish.accept(render(job));
    }

    /** Builds the view for one job (public for snapshots and tests). */
    public StationView render(FrameJob job) {
        ViewSettings s = settings.get();
        boolean rectified = s.showRectified() && job.isRectified();
        BufferedImage left = MatImages.toImage(rectified ? job.left() : job.frame().left());
        BufferedImage right = MatImages.toImage(rectified ? job.right() : job.frame().right());
        Mat d = job.disparity();
        int w = left.getWidth();
        int h = left.getHeight();
        float[] disparity = new float[w * h];
        float[] depth = null;
        BufferedImage map;
        double low = 0;
        double high = 1;
        DisparityToDepth geometry = job.geometry();
        ViewSettings.Quantity quantity = s.quantity();
        if (d == null) {
            java.util.Arrays.fill(disparity, Float.NaN);
            map = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        } else {
            d.get(0, 0, disparity);
            Mat depthMat = job.depthMetres();
            if (depthMat != null) {
                depth = new float[w * h];
                depthMat.get(0, 0, depth);
            }
            if (depth == null || geometry == null) {
                quantity = ViewSettings.Quantity.DISPARITY; // no metres without a calibration
            }
            double[] range = Percentiles.of(disparity, 0.02, 0.99);
            smoothLow = smooth(smoothLow, range[0]);
            smoothHigh = smooth(smoothHigh, Math.max(range[1], smoothLow + 1));
            Mat source;
            if (quantity == ViewSettings.Quantity.DISPARITY) {
                low = 0;
                high = Math.max(1, smoothHigh);
                d.convertTo(scaled, CvType.CV_8U, 255.0 / high);
                source = d;
            } else {
                // near objects bright/warm: map depth from [near, far] onto [255, 0]
                double near = geometry.depthMetres(Math.max(smoothHigh, 1e-3));
                double far = geometry.depthMetres(Math.max(smoothLow, smoothHigh / 20));
                if (!(far > near)) {
                    far = near * 2;
                }
                low = near;
                high = far;
                depthMat.convertTo(scaled, CvType.CV_8U, -255.0 / (far - near), 255.0 * far / (far - near));
                source = depthMat;
            }
            if (s.palette() == ViewSettings.Palette.COLOUR) {
                DisparityImages.colourise(scaled, coloured);
            } else {
                Imgproc.cvtColor(scaled, coloured, Imgproc.COLOR_GRAY2BGR);
            }
            DisparityImages.holeMask(source, invalid);
            coloured.setTo(new Scalar(0, 0, 0), invalid);
            map = MatImages.toImage(coloured);
        }
        ViewSettings used = s.quantity() == quantity ? s : s.withQuantity(quantity);
        byte[] conf = null;
        Mat c = job.confidence();
        if (d != null && c != null && c.cols() == w && c.rows() == h) {
            conf = new byte[w * h];
            c.get(0, 0, conf);
        }
        io.github.stereostation.depth.DisparityMap.Coverage measurement =
                io.github.stereostation.depth.DisparityMap.coverage(disparity, conf);
        return new StationView(left, right, map, disparity, depth, w, h, used, low, high, geometry,
                job.sequence(), rectified, measurement);
    }

    private static double smooth(double previous, double now) {
        if (Double.isNaN(now)) {
            return previous;
        }
        return Double.isNaN(previous) ? now : previous * 0.8 + now * 0.2;
    }

    @Override
    public void close() {
        scaled.release();
        coloured.release();
        invalid.release();
    }
}
