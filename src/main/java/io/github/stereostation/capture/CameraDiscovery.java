package io.github.stereostation.capture;

import com.github.sarxos.webcam.Webcam;
import io.github.stereostation.OpenCvNative;
import org.opencv.videoio.VideoCapture;
import org.opencv.videoio.Videoio;

import java.awt.Dimension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Lists attached cameras with their names and the modes they accept, within a time budget. Every probe runs on
 * a daemon thread: a driver that hangs in native code costs the budget, never the caller's thread, and never
 * keeps the program from exiting.
 */
public final class CameraDiscovery {
    private static final Pattern VIDEO_NODE = Pattern.compile("video(\\d+)");
    /** Sizes worth asking a webcam for: the common UVC ones, small to large. */
    private static final int[][] SIZES = {{320, 240}, {640, 480}, {800, 600}, {1280, 720}, {1920, 1080}};
    private static final String[] FORMATS = {"MJPG", "YUYV"};

    private CameraDiscovery() {
    }

    /** What was found, plus notes on what could not be checked in time (or at all). */
    public record Result(List<CameraInfo> cameras, List<String> notes, long elapsedMillis) {
        public Result {
            cameras = List.copyOf(cameras);
            notes = List.copyOf(notes);
        }

        public List<CameraInfo> byDriver(String driver) {
            return cameras.stream().filter(c -> c.driver().equals(driver)).toList();
        }
    }

    /**
     * Asks OpenCV (V4L2 device nodes on Linux, indices 0-4 elsewhere) and, if {@code withWebcamCapture},
     * webcam-capture, in parallel; returns after at most {@code budget} plus a few milliseconds.
     */
    public static Result discover(Duration budget, boolean withOpenCv, boolean withWebcamCapture) {
        long start = System.nanoTime();
        long deadline = start + budget.toNanos();
        List<String> notes = Collections.synchronizedList(new ArrayList<>());
        // Both drivers reach Linux cameras through V4L2 device nodes: with none, there is nothing to ask them about,
        // and skipping their native start-up keeps "no camera" answers instant.
        if (OpenCvCameraSource.isLinux()
                && linuxCaptureNodes(Path.of("/sys/class/video4linux"), Path.of("/dev")).isEmpty()) {
            notes.add("no video device nodes (/dev/video*): no camera is attached, or its kernel driver is not loaded");
            return new Result(List.of(), notes, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        }
        List<Probe> probes = new ArrayList<>();
        if (withOpenCv) {
            probes.add(new Probe("OpenCV/V4L2", d -> probeOpenCv(d, notes)));
        }
        if (withWebcamCapture) {
            probes.add(new Probe("webcam-capture", d -> probeWebcamCapture(d, notes)));
        }
        return run(probes, start, deadline, notes);
    }

    /** One driver's way of listing cameras, given the deadline (System.nanoTime()) it should try to keep. */
    record Probe(String name, java.util.function.LongFunction<List<CameraInfo>> work) {
    }

    /** Runs the probes in parallel on daemon threads and collects what finished by the deadline. */
    static Result run(List<Probe> probes, long start, long deadline, List<String> notes) {
        List<CompletableFuture<List<CameraInfo>>> running = new ArrayList<>();
        for (Probe p : probes) {
            running.add(daemon(() -> p.work().apply(deadline)));
        }
        List<CameraInfo> all = new ArrayList<>();
        for (int i = 0; i < probes.size(); i++) {
            all.addAll(await(running.get(i), deadline, probes.get(i).name(), notes));
        }
        return new Result(all, notes, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }

    private static <T> CompletableFuture<T> daemon(java.util.function.Supplier<T> work) {
        CompletableFuture<T> f = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                f.complete(work.get());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        }, "camera-discovery");
        t.setDaemon(true);
        t.start();
        return f;
    }

    private static List<CameraInfo> await(CompletableFuture<List<CameraInfo>> f, long deadline, String what,
                                          List<String> notes) {
        try {
            return f.get(Math.max(0, deadline - System.nanoTime()) + TimeUnit.MILLISECONDS.toNanos(50), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            notes.add(what + " did not answer within the time budget (a driver may be hanging)");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            notes.add(what + " failed: " + (c.getMessage() == null ? c.toString() : c.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return List.of();
    }

    /** Capture-capable V4L2 nodes (index file 0; metadata nodes of the same camera have index 1), by number. */
    static List<Integer> linuxCaptureNodes(Path sysClass, Path dev) {
        Set<Integer> found = new LinkedHashSet<>();
        if (Files.isDirectory(sysClass)) {
            try (Stream<Path> s = Files.list(sysClass)) {
                for (Path p : s.sorted().toList()) {
                    Matcher m = VIDEO_NODE.matcher(p.getFileName().toString());
                    if (m.matches() && !"1".equals(readTrim(p.resolve("index")))) {
                        found.add(Integer.parseInt(m.group(1)));
                    }
                }
            } catch (IOException e) {
                // fall through to /dev
            }
        }
        if (found.isEmpty() && Files.isDirectory(dev)) {
            try (Stream<Path> s = Files.list(dev)) {
                s.map(p -> VIDEO_NODE.matcher(p.getFileName().toString())).filter(Matcher::matches)
                        .map(m -> Integer.parseInt(m.group(1))).sorted().forEach(found::add);
            } catch (IOException e) {
                // nothing listed
            }
        }
        return found.stream().sorted().toList();
    }

    private static String readTrim(Path p) {
        try {
            return Files.readString(p).trim();
        } catch (IOException e) {
            return null;
        }
    }

    private static List<CameraInfo> probeOpenCv(long deadline, List<String> notes) {
        boolean linux = OpenCvCameraSource.isLinux();
        List<Integer> indices = linux
                ? linuxCaptureNodes(Path.of("/sys/class/video4linux"), Path.of("/dev"))
                : List.of(0, 1, 2, 3, 4);
        if (indices.isEmpty()) {
            return List.of();
        }
        OpenCvNative.load();
        List<CameraInfo> found = new ArrayList<>();
        for (int index : indices) {
            if (System.nanoTime() > deadline) {
                notes.add("OpenCV: time budget ran out before /dev/video" + index + " was probed");
                break;
            }
            String device = linux ? "/dev/video" + index : "";
            String name = linux ? readTrim(Path.of("/sys/class/video4linux/video" + index + "/name")) : null;
            VideoCapture cap = new VideoCapture();
            try {
                if (!cap.open(index, linux ? Videoio.CAP_V4L2 : Videoio.CAP_ANY)) {
                    if (linux) {
                        List<DeviceHolders.Holder> holders = DeviceHolders.of(Path.of(device));
                        notes.add(device + (name == null ? "" : " (" + name + ")") + (holders.isEmpty()
                                ? " would not open (busy, or not a capture device)" : " is in use by " + holders));
                    }
                    continue;
                }
                found.add(new CameraInfo("opencv", index, device, name == null ? "camera " + index : name,
                        probeModes(cap, deadline, notes, device)));
            } finally {
                cap.release();
            }
        }
        return found;
    }

    /** Asks for each common size and format and keeps what the driver actually switched to. */
    private static List<CameraMode> probeModes(VideoCapture cap, long deadline, List<String> notes, String device) {
        Set<CameraMode> modes = new LinkedHashSet<>();
        modes.add(current(cap));
        outer:
        for (String fmt : FORMATS) {
            for (int[] size : SIZES) {
                if (System.nanoTime() > deadline) {
                    notes.add(device + ": mode list incomplete (time budget ran out)");
                    break outer;
                }
                cap.set(Videoio.CAP_PROP_FOURCC, OpenCvCameraSource.fourcc(fmt));
                cap.set(Videoio.CAP_PROP_FRAME_WIDTH, size[0]);
                cap.set(Videoio.CAP_PROP_FRAME_HEIGHT, size[1]);
                CameraMode got = current(cap);
                if (got.width() == size[0] && got.height() == size[1] && got.pixelFormat().equals(fmt)) {
                    modes.add(got);
                }
            }
        }
        return new ArrayList<>(modes);
    }

    private static CameraMode current(VideoCapture cap) {
        return new CameraMode((int) cap.get(Videoio.CAP_PROP_FRAME_WIDTH), (int) cap.get(Videoio.CAP_PROP_FRAME_HEIGHT),
                cap.get(Videoio.CAP_PROP_FPS),
                OpenCvCameraSource.fourccText((int) cap.get(Videoio.CAP_PROP_FOURCC), CameraSettings.ANY_FORMAT));
    }

    private static List<CameraInfo> probeWebcamCapture(long deadline, List<String> notes) {
        long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
        List<Webcam> cams;
        try {
            cams = WebcamCaptureSource.discover(Duration.ofMillis(left));
        } catch (SourceFailure e) {
            notes.add(e.getMessage());
            return List.of();
        }
        List<CameraInfo> found = new ArrayList<>();
        for (int i = 0; i < cams.size(); i++) {
            Webcam w = cams.get(i);
            List<CameraMode> modes = new ArrayList<>();
            Dimension[] sizes = w.getViewSizes();
            if (sizes != null) {
                for (Dimension d : sizes) {
                    modes.add(new CameraMode(d.width, d.height, 0, CameraSettings.ANY_FORMAT));
                }
            }
            found.add(new CameraInfo("webcam", i, "", w.getName(), modes));
        }
        return found;
    }
}
