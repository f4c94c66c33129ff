package io.github.stereostation.capture;

import com.github.sarxos.webcam.Webcam;
import com.github.sarxos.webcam.WebcamException;
import io.github.stereostation.OpenCvNative;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

import java.awt.Dimension;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One camera through webcam-capture (com.github.sarxos). On Linux its default driver needs Debian's
 * {@code libv4l-0}; without it device discovery throws. The driver chooses the pixel format itself (no MJPG
 * selection), so prefer {@link OpenCvCameraSource} for two cameras on one USB bus. Timestamps are host time when
 * the image arrived.
 */
public final class WebcamCaptureSource implements FrameSource {
    private final Webcam webcam;
    private final int index;
    private final CameraSettings actual;
    private BufferedImage latched;
    private long latchedNanos;
    private long sequence;

    /**
     * BridJ (webcam-capture's native bridge) logs a failed library load through java.util.logging, a dozen lines
     * and a stack trace before our one line; the failure reaches us as an exception and is said there, with the
     * package to install. Held here because java.util.logging keeps loggers only weakly.
     */
    private static final java.util.logging.Logger BRIDJ_LOG = java.util.logging.Logger.getLogger("org.bridj");

    static {
        BRIDJ_LOG.setLevel(java.util.logging.Level.OFF);
    }

    private WebcamCaptureSource(Webcam webcam, int index, CameraSettings actual) {
        this.webcam = webcam;
        this.index = index;
        this.actual = actual;
    }

    /**
     * Lists cameras through webcam-capture within a bounded time.
     *
     * @throws SourceFailure DISCONNECTED when discovery fails or times out (message says why)
     */
    public static List<Webcam> discover(Duration timeout) throws SourceFailure {
        try {
            return Webcam.getWebcams(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new SourceFailure(SourceStatus.State.DISCONNECTED,
                    "webcam-capture found no camera within " + timeout.toMillis() + " ms"
                            + " (on Linux it needs libv4l-0: sudo apt-get install libv4l-0)");
        } catch (RuntimeException | LinkageError e) {
            throw new SourceFailure(SourceStatus.State.DISCONNECTED, "webcam-capture could not list cameras ("
                    + e.getMessage() + "); on Linux it needs libv4l-0: sudo apt-get install libv4l-0", e);
        }
    }

    /** Opens camera {@code index} of webcam-capture's list at the requested size (the nearest it offers). */
    public static WebcamCaptureSource open(int index, CameraSettings wanted, Duration discoveryTimeout)
            throws SourceFailure {
        List<Webcam> cams = discover(discoveryTimeout);
        if (index < 0 || index >= cams.size()) {
            throw new SourceFailure(SourceStatus.State.DISCONNECTED, "webcam-capture camera " + index
                    + " is not attached (" + cams.size() + " found; `stereo-station cameras` lists them)");
        }
        Webcam cam = cams.get(index);
        Dimension want = nearest(new Dimension(wanted.width(), wanted.height()), cam.getViewSizes());
        if (cam.getViewSizes() == null || cam.getViewSizes().length == 0) {
            cam.setCustomViewSizes(want);
        }
        try {
            cam.setViewSize(want);
            if (!cam.open()) {
                throw new SourceFailure(SourceStatus.State.BUSY,
                        "webcam-capture camera " + index + " (" + cam.getName() + ") would not open: is another program using it?");
            }
        } catch (WebcamException | IllegalArgumentException e) {
            cam.close();
            throw new SourceFailure(SourceStatus.State.BUSY, "webcam-capture camera " + index + " (" + cam.getName()
                    + ") would not open: " + e.getMessage(), e);
        }
        Dimension got = cam.getViewSize();
        double fps = cam.getFPS() > 0 ? cam.getFPS() : wanted.fps();
        CameraSettings actual = new CameraSettings(got.width, got.height, fps, CameraSettings.ANY_FORMAT, wanted.maxSkewMillis());
        return new WebcamCaptureSource(cam, index, actual);
    }

    /** The offered size closest to the wanted one (the wanted one when nothing is offered). */
    static Dimension nearest(Dimension want, Dimension[] offered) {
        if (offered == null || offered.length == 0) {
            return want;
        }
        return Arrays.stream(offered)
                .min(java.util.Comparator.comparingInt(d -> Math.abs(d.width - want.width) + Math.abs(d.height - want.height)))
                .orElse(want);
    }

    @Override
    public boolean grab() throws SourceFailure {
        if (!webcam.isOpen()) {
            throw new SourceFailure(SourceStatus.State.DISCONNECTED, "webcam-capture camera " + index + " was closed or unplugged");
        }
        BufferedImage img;
        try {
            img = webcam.getImage();
        } catch (WebcamException e) {
            throw new SourceFailure(SourceStatus.State.DISCONNECTED, "webcam-capture camera " + index + " failed: " + e.getMessage(), e);
        }
        latchedNanos = System.nanoTime();
        if (img == null) {
            throw new SourceFailure(SourceStatus.State.NO_FRAMES, "webcam-capture camera " + index + " delivered no frame");
        }
        latched = img;
        return true;
    }

    @Override
    public TimedFrame retrieve() {
        if (latched == null) {
            throw new IllegalStateException("retrieve() without a successful grab()");
        }
        Mat m = toBgrMat(latched);
        latched = null;
        return new TimedFrame(m, latchedNanos, sequence++);
    }

    /** Copies a BufferedImage of any type into a new BGR CV_8UC3 Mat. */
    static Mat toBgrMat(BufferedImage img) {
        OpenCvNative.load();
        BufferedImage bgr = img;
        if (img.getType() != BufferedImage.TYPE_3BYTE_BGR) {
            bgr = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
            Graphics2D g = bgr.createGraphics();
            try {
                g.drawImage(img, 0, 0, null);
            } finally {
                g.dispose();
            }
        }
        byte[] data = ((DataBufferByte) bgr.getRaster().getDataBuffer()).getData();
        Mat m = new Mat(bgr.getHeight(), bgr.getWidth(), CvType.CV_8UC3);
        m.put(0, 0, data);
        return m;
    }

    @Override
    public boolean live() {
        return true;
    }

    @Override
    public CameraSettings settings() {
        return actual;
    }

    @Override
    public String describe() {
        return "webcam-capture camera " + index + " (" + webcam.getName() + ") " + actual.width() + "x" + actual.height();
    }

    @Override
    public void close() {
        webcam.close();
    }
}
