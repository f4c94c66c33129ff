package io.github.stereostation.capture;

import io.github.stereostation.OpenCvNative;
import org.opencv.core.Mat;
import org.opencv.videoio.VideoCapture;
import org.opencv.videoio.Videoio;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * One camera through OpenCV's VideoCapture (V4L2 on Linux, the platform's default backend elsewhere). Resolution,
 * frame rate and pixel format are passed at open time, before streaming starts, which is the only moment V4L2
 * applies all of them reliably. Failures say what the user can do: no such device, no permission, busy in another
 * program (naming it), unplugged.
 */
public final class OpenCvCameraSource implements FrameSource {
    /** Driver timestamps further than this from System.nanoTime() are on another clock and are not used. */
    private static final long SAME_CLOCK_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** Longest wait for a device to open; USB cameras take well under a second. */
    private static final long OPEN_TIMEOUT_MILLIS = 5000;

    private final int index;
    private final String name;
    private final Path device;
    private final VideoCapture capture;
    private final CameraSettings actual;
    private long grabbedNanos;
    private long sequence;
    private boolean grabbed;

    private OpenCvCameraSource(int index, Path device, VideoCapture capture, CameraSettings actual) {
        this.index = index;
        this.device = device;
        this.name = "camera " + index + (device == null ? "" : " (" + device + ")");
        this.capture = capture;
        this.actual = actual;
    }

    /** The device node of a camera index on Linux, or null elsewhere. */
    static Path linuxDevice(int index) {
        return isLinux() ? Path.of("/dev/video" + index) : null;
    }

    static boolean isLinux() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");
    }

    /**
     * Opens camera {@code index} with the given settings.
     *
     * @throws SourceFailure DISCONNECTED when there is no such camera, BUSY when another program holds it
     */
    public static OpenCvCameraSource open(int index, CameraSettings wanted) throws SourceFailure {
        if (index < 0) {
            throw new SourceFailure(SourceStatus.State.DISCONNECTED, "camera index " + index + ": expected 0 or more");
        }
        Path device = linuxDevice(index);
        String what = "camera " + index + (device == null ? "" : " (" + device + ")");
        if (device != null) {
            if (!Files.exists(device)) {
                throw new SourceFailure(SourceStatus.State.DISCONNECTED, what + " is not attached: " + device
                        + " does not exist (`stereo-station cameras` lists the cameras found)");
            }
            if (!Files.isReadable(device) || !Files.isWritable(device)) {
                throw new SourceFailure(SourceStatus.State.DISCONNECTED, "no permission to use " + device
                        + ": add your user to the 'video' group (sudo usermod -aG video $USER) and log in again");
            }
        }
        OpenCvNative.load();
        VideoCapture cap = openBounded(index, device != null ? Videoio.CAP_V4L2 : Videoio.CAP_ANY, wanted, what);
        if (cap == null) {
            throw refused(what, device, wanted);
        }
        CameraSettings actual = new CameraSettings(
                positiveOr((int) cap.get(Videoio.CAP_PROP_FRAME_WIDTH), wanted.width()),
                positiveOr((int) cap.get(Videoio.CAP_PROP_FRAME_HEIGHT), wanted.height()),
                cap.get(Videoio.CAP_PROP_FPS) > 0 ? cap.get(Videoio.CAP_PROP_FPS) : wanted.fps(),
                fourccText((int) cap.get(Videoio.CAP_PROP_FOURCC), wanted.pixelFormat()),
                wanted.maxSkewMillis());
        return new OpenCvCameraSource(index, device, cap, actual);
    }

    /**
     * Opens on a daemon thread and waits at most {@link #OPEN_TIMEOUT_MILLIS}: a driver wedged in open() must not
     * hang the program. If the open completes after we gave up, that thread releases the device itself.
     *
     * @return the opened capture, or null when the device refused
     */
    private static VideoCapture openBounded(int index, int api, CameraSettings wanted, String what) throws SourceFailure {
        java.util.concurrent.atomic.AtomicBoolean abandoned = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.CompletableFuture<VideoCapture> result = new java.util.concurrent.CompletableFuture<>();
        Thread t = new Thread(() -> {
            VideoCapture cap = new VideoCapture();
            boolean opened;
            try {
                opened = cap.open(index, api);
                if (opened) {
                    apply(cap, wanted);
                }
            } catch (RuntimeException e) {
                opened = false;
            }
            if (!opened) {
                cap.release();
                cap = null;
            }
            synchronized (abandoned) {
                if (abandoned.get()) {
                    if (cap != null) {
                        cap.release();
                    }
                    return;
                }
                result.complete(cap);
            }
        }, "open " + what);
        t.setDaemon(true);
        t.start();
        try {
            return result.get(OPEN_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            synchronized (abandoned) {
                abandoned.set(true);
                if (result.isDone()) {
                    VideoCapture late = result.getNow(null);
                    if (late != null) {
                        late.release();
                    }
                }
            }
            throw new SourceFailure(SourceStatus.State.BUSY, what + " did not open within "
                    + OPEN_TIMEOUT_MILLIS / 1000 + " s: its driver is not answering (replug the camera)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SourceFailure(SourceStatus.State.DISCONNECTED, "interrupted while opening " + what, e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new SourceFailure(SourceStatus.State.DISCONNECTED, what + " failed to open: " + e.getCause(), e);
        }
    }

    private static int positiveOr(int v, int fallback) {
        return v > 0 ? v : fallback;
    }

    /**
     * Asks for the format, size and rate one property at a time, before streaming starts (V4L2 starts it at the
     * first grab). Not passed as open() parameters: there OpenCV fails the whole open when a camera refuses any
     * one of them (many refuse setting the rate), while here a refusal just leaves the camera's own choice,
     * which {@link #settings()} then reports.
     */
    private static void apply(VideoCapture cap, CameraSettings s) {
        if (!s.anyPixelFormat()) {
            cap.set(Videoio.CAP_PROP_FOURCC, fourcc(s.pixelFormat()));
        }
        cap.set(Videoio.CAP_PROP_FRAME_WIDTH, s.width());
        cap.set(Videoio.CAP_PROP_FRAME_HEIGHT, s.height());
        cap.set(Videoio.CAP_PROP_FPS, s.fps());
        // Two buffers: enough not to lose frames, few enough that grab() returns a fresh exposure.
        cap.set(Videoio.CAP_PROP_BUFFERSIZE, 2);
    }

    static int fourcc(String code) {
        return code.charAt(0) | code.charAt(1) << 8 | code.charAt(2) << 16 | code.charAt(3) << 24;
    }

    static String fourccText(int code, String fallback) {
        if (code <= 0) {
            return fallback;
        }
        StringBuilder sb = new StringBuilder(4);
        for (int i = 0; i < 4; i++) {
            char c = (char) ((code >> (8 * i)) & 0xff);
            if (c < 32 || c > 126) {
                return fallback;
            }
            sb.append(c);
        }
        return sb.toString();
    }

    private static SourceFailure refused(String what, Path device, CameraSettings wanted) {
        if (device != null) {
            List<DeviceHolders.Holder> holders = DeviceHolders.of(device);
            holders.removeIf(h -> h.pid() == ProcessHandle.current().pid());
            if (!holders.isEmpty()) {
                return new SourceFailure(SourceStatus.State.BUSY, what + " is in use by " + holders
                        + ": close that program, then try again");
            }
        }
        return new SourceFailure(SourceStatus.State.BUSY, what + " would not open: another program may be using it"
                + ", or it does not support " + wanted.width() + "x" + wanted.height() + " " + wanted.pixelFormat()
                + " (`stereo-station cameras` lists its modes)");
    }

    @Override
    public boolean grab() throws SourceFailure {
        grabbed = capture.grab();
        long host = System.nanoTime();
        if (!grabbed) {
            if (device != null && !Files.exists(device)) {
                throw new SourceFailure(SourceStatus.State.DISCONNECTED, name + " was unplugged");
            }
            throw new SourceFailure(SourceStatus.State.NO_FRAMES, name + " is open but delivered no frame");
        }
        grabbedNanos = captureTime(capture.get(Videoio.CAP_PROP_POS_MSEC), host);
        return true;
    }

    /**
     * V4L2 stamps each buffer when the exposure was taken, on CLOCK_MONOTONIC, the clock System.nanoTime() reads on
     * Linux; that is better than the host time after grab() returned (which includes USB and queueing delays).
     * Drivers that stamp with another clock (or not at all) are detected by distance and replaced by host time.
     */
    static long captureTime(double driverMillis, long hostNanos) {
        if (driverMillis > 0) {
            long driver = Math.round(driverMillis * 1e6);
            if (driver <= hostNanos && hostNanos - driver < SAME_CLOCK_NANOS) {
                return driver;
            }
        }
        return hostNanos;
    }

    @Override
    public TimedFrame retrieve() throws SourceFailure {
        if (!grabbed) {
            throw new IllegalStateException("retrieve() without a successful grab()");
        }
        Mat m = new Mat();
        if (!capture.retrieve(m) || m.empty()) {
            m.release();
            throw new SourceFailure(SourceStatus.State.NO_FRAMES, name + " delivered a frame that could not be decoded");
        }
        grabbed = false;
        return new TimedFrame(m, grabbedNanos, sequence++);
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
        return "OpenCV " + name + " " + actual.width() + "x" + actual.height() + " " + actual.pixelFormat();
    }

    public int index() {
        return index;
    }

    @Override
    public void close() {
        capture.release();
    }
}
