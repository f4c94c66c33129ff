package io.github.stereostation.capture;

import io.github.stereostation.OpenCvNative;
import io.github.stereostation.UserInputException;
import org.opencv.core.Mat;
import org.opencv.videoio.VideoCapture;
import org.opencv.videoio.Videoio;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Frames of a video file (this OpenCV build reads MJPEG AVI). Timestamps are the frame's position in the file,
 * index / fps, so two videos recorded at the same rate pair frame by frame. An MJPEG AVI without its index (a
 * recording cut short) is read frame by frame from its chunks.
 */
public final class VideoFileSource implements FrameSource {
    private final Path file;
    private final VideoCapture capture;
    private final java.util.List<MjpegAviFrames.Frame> chunks;
    private final CameraSettings settings;
    private final long periodNanos;
    private long index;
    private boolean grabbed;

    private VideoFileSource(Path file, VideoCapture capture, java.util.List<MjpegAviFrames.Frame> chunks,
                            CameraSettings settings) {
        this.file = file;
        this.capture = capture;
        this.chunks = chunks;
        this.settings = settings;
        this.periodNanos = settings.framePeriodNanos();
    }

    /**
     * @param fallback used for the frame rate when the file does not state one, and for the skew bound
     * @throws UserInputException when the file is missing or not a readable video
     */
    public static VideoFileSource open(Path file, CameraSettings fallback) {
        if (!Files.isRegularFile(file)) {
            throw new UserInputException(file + ": no such video file");
        }
        OpenCvNative.load();
        VideoCapture cap = new VideoCapture(file.toString(), Videoio.CAP_ANY);
        if (!cap.isOpened()) {
            cap.release();
            java.util.List<MjpegAviFrames.Frame> chunks;
            try {
                chunks = MjpegAviFrames.scan(file);
            } catch (java.io.IOException e) {
                chunks = java.util.List.of();
            }
            if (chunks.isEmpty()) {
                throw new UserInputException(file + ": not a video this build can read (expected an MJPEG AVI file)");
            }
            return new VideoFileSource(file, null, chunks, fallback);
        }
        double fps = cap.get(Videoio.CAP_PROP_FPS);
        int w = (int) cap.get(Videoio.CAP_PROP_FRAME_WIDTH);
        int h = (int) cap.get(Videoio.CAP_PROP_FRAME_HEIGHT);
        CameraSettings s = new CameraSettings(w > 0 ? w : fallback.width(), h > 0 ? h : fallback.height(),
                fps > 0 && fps < 1000 ? fps : fallback.fps(),
                OpenCvCameraSource.fourccText((int) cap.get(Videoio.CAP_PROP_FOURCC), CameraSettings.ANY_FORMAT),
                fallback.maxSkewMillis());
        return new VideoFileSource(file, cap, null, s);
    }

    /** Frames in the file as its header states (0 when unknown). */
    public long frameCount() {
        return capture == null ? chunks.size() : Math.max(0, (long) capture.get(Videoio.CAP_PROP_FRAME_COUNT));
    }

    @Override
    public boolean grab() {
        grabbed = capture == null ? index < chunks.size() : capture.grab();
        return grabbed;
    }

    @Override
    public TimedFrame retrieve() throws SourceFailure {
        if (!grabbed) {
            throw new IllegalStateException("retrieve() without a successful grab()");
        }
        grabbed = false;
        Mat m = capture == null ? decode(chunks.get((int) index)) : new Mat();
        if ((capture != null && !capture.retrieve(m)) || m.empty()) {
            m.release();
            throw new SourceFailure(SourceStatus.State.NO_FRAMES, file + ": frame " + index + " could not be decoded");
        }
        long i = index++;
        return new TimedFrame(m, i * periodNanos, i);
    }

    private Mat decode(MjpegAviFrames.Frame f) {
        try {
            org.opencv.core.MatOfByte bytes = new org.opencv.core.MatOfByte(MjpegAviFrames.read(file, f));
            Mat m = org.opencv.imgcodecs.Imgcodecs.imdecode(bytes, org.opencv.imgcodecs.Imgcodecs.IMREAD_COLOR);
            bytes.release();
            return m;
        } catch (java.io.IOException e) {
            return new Mat();
        }
    }

    @Override
    public CameraSettings settings() {
        return settings;
    }

    @Override
    public String describe() {
        return "video " + file.getFileName() + " " + settings.width() + "x" + settings.height();
    }

    @Override
    public void close() {
        if (capture != null) {
            capture.release();
        }
    }
}
