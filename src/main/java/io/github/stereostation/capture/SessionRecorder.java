package io.github.stereostation.capture;

import io.github.stereostation.OpenCvNative;
import io.github.stereostation.UserInputException;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Records a session to a folder (layout in README "Cameras and recording"): images are written by one writer
 * thread fed through a bounded queue, so capture never waits for the disk. A pair is either accepted (queued, and
 * then certainly written before {@link #close()} returns and listed in session.json) or refused at once when the
 * queue is full, with a warning that the disk cannot keep up. Nothing accepted is dropped later.
 * <p>
 * session.json is rewritten atomically after every pair, and a pair counts only once it is listed: when the
 * listing cannot be written (a full disk), the pair's files are removed again. So after a crash, kill -9 or a full
 * disk, the folder holds exactly the pairs session.json lists (at most the pair being written is in neither), and
 * every one replays: MJPEG videos are written under their final names as they grow ({@link MjpegAviWriter}).
 * A lock file keeps a second recorder out of the folder.
 */
public final class SessionRecorder implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SessionRecorder.class);
    private static final long WARN_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** Counters: offered = accepted + skipped; written catches up with accepted by close(). */
    public record Stats(long accepted, long written, long skipped, int queued) {
    }

    private record Job(Mat left, Mat right, long sequence, long leftNanos, long rightNanos) {
        void release() {
            if (left != null) {
                left.release();
                right.release();
            }
        }
    }

    private static final Job END = new Job(null, null, -1, 0, 0);

    private final Path dir;
    private final RecordingFormat format;
    private final String sourceDescription;
    private final CameraSettings settings;
    private final String startedAt = Instant.now().toString();
    private final BlockingQueue<Job> queue;
    private final Thread writer;
    private final List<SessionManifest.Entry> entries = new ArrayList<>();
    private volatile Consumer<String> warnings = LOG::warn;
    private volatile IOException failure;
    private volatile boolean failureReported;
    private volatile long written;
    private long accepted;
    private long skipped;
    private long lastWarnNanos;
    private long skippedAtLastWarn;
    private boolean closed;

    private MjpegAviWriter leftVideo;
    private MjpegAviWriter rightVideo;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private SessionRecorder(Path dir, RecordingFormat format, String sourceDescription, CameraSettings settings,
                            int queueCapacity, FileChannel lockChannel, FileLock lock) {
        this.dir = dir;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.format = format;
        this.sourceDescription = sourceDescription;
        this.settings = settings;
        this.queue = new ArrayBlockingQueue<>(queueCapacity + 1); // +1: room for the END marker
        this.writer = new Thread(this::writeLoop, "session-writer " + dir.getFileName());
        this.writer.setDaemon(true);
    }

    /**
     * Starts a recording into {@code dir}, which must not exist yet or be empty.
     *
     * @param queueCapacity pairs held in memory while the disk catches up (each 640x480 colour pair is ~1.8 MB)
     */
    public static SessionRecorder start(Path dir, RecordingFormat format, String sourceDescription,
                                        CameraSettings settings, int queueCapacity) throws IOException {
        Objects.requireNonNull(settings, "settings");
        if (queueCapacity < 1 || queueCapacity > MAX_QUEUE_PAIRS) {
            throw new io.github.stereostation.InvalidValueException(QUEUE, QUEUE + " " + queueCapacity + ": expected 1 to "
                    + MAX_QUEUE_PAIRS + " pairs (each 640x480 colour pair holds about 1.8 MB of memory)");
        }
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new UserInputException(dir + ": exists and is not a folder; choose a new folder to record into");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UserInputException(dir + ": cannot create the folder (" + e.getMessage() + ")", e);
        }
        FileChannel lockChannel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = lockChannel.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            lock = null; // held by a recorder in this process
        } catch (IOException | RuntimeException e) {
            lockChannel.close();
            throw e;
        }
        if (lock == null) {
            lockChannel.close();
            throw new UserInputException(dir + ": another recording is writing to this folder; choose a new folder");
        }
        try {
            try (Stream<Path> s = Files.list(dir)) {
                if (s.anyMatch(p -> !p.getFileName().toString().equals(LOCK_FILE))) {
                    throw new UserInputException(dir + ": folder is not empty; choose a new folder to record into");
                }
            }
            OpenCvNative.load();
            SessionRecorder r = new SessionRecorder(dir, format, sourceDescription, settings, queueCapacity,
                    lockChannel, lock);
            r.writeManifest();
            r.writer.start();
            return r;
        } catch (IOException | RuntimeException e) {
            lock.release();
            lockChannel.close();
            Files.deleteIfExists(dir.resolve(LOCK_FILE));
            throw e;
        }
    }

    /** Pairs the queue may hold: 1000 full-size pairs are gigabytes of memory waiting for a slow disk. */
    public static final int MAX_QUEUE_PAIRS = 1000;
    /** The value's name, as {@link io.github.stereostation.InvalidValueException#field()} gives it. */
    public static final String QUEUE = "recording queue";

    /** Held while a recorder writes to the folder; a second recorder finds it locked and stays out. */
    static final String LOCK_FILE = ".recording.lock";

    /** Where warnings go (default: the log). The CLI prints them; the UI shows them. */
    public SessionRecorder onWarning(Consumer<String> sink) {
        this.warnings = sink == null ? LOG::warn : sink;
        return this;
    }

    public Path folder() {
        return dir;
    }

    /**
     * Queues a copy of the pair without waiting, for live cameras. The caller keeps ownership of {@code frame}.
     *
     * @return true when the pair is accepted (it will be on disk and in session.json after close());
     *         false when the queue is full because the disk is slower than the cameras (a warning is issued)
     * @throws IOException when writing has already failed (disk full, folder removed)
     */
    public synchronized boolean offer(StereoFrame frame) throws IOException {
        checkOpen();
        Job job = copy(frame);
        if (queue.remainingCapacity() <= 1 || !queue.offer(job)) {
            job.release();
            skipped++;
            warnIfDue();
            return false;
        }
        accepted++;
        return true;
    }

    /** Queues a copy of the pair, waiting for room: for replays and generators, where waiting loses nothing. */
    public synchronized void put(StereoFrame frame) throws IOException {
        checkOpen();
        Job job = copy(frame);
        try {
            while (queue.remainingCapacity() <= 1) {
                if (failure != null) {
                    job.release();
                    throw reported(failure);
                }
                wait(5); // releases the lock so stats() stays responsive; the writer never takes this lock
            }
            queue.put(job);
        } catch (InterruptedException e) {
            job.release();
            Thread.currentThread().interrupt();
            throw new IOException("recording to " + dir + " interrupted", e);
        }
        accepted++;
    }

    private void checkOpen() throws IOException {
        if (closed) {
            throw new IllegalStateException("recorder closed");
        }
        if (failure != null) {
            throw reported(failure);
        }
    }

    /** A failure the caller has seen is not thrown again by close() (try-with-resources would suppress it into itself). */
    private IOException reported(IOException e) {
        failureReported = true;
        return e;
    }

    private static Job copy(StereoFrame f) {
        return new Job(f.left().clone(), f.right().clone(), f.sequence(), f.leftNanos(), f.rightNanos());
    }

    private void warnIfDue() {
        long now = System.nanoTime();
        if (skippedAtLastWarn == 0 || now - lastWarnNanos >= WARN_EVERY_NANOS) {
            warnings.accept("the disk cannot keep up with the cameras: " + skipped + " pair(s) not recorded so far"
                    + " (all " + (queue.size()) + " queue places full; try recording as mjpeg or a lower resolution)");
            lastWarnNanos = now;
            skippedAtLastWarn = skipped;
        }
    }

    public synchronized Stats stats() {
        return new Stats(accepted, written, skipped, queue.size());
    }

    private void writeLoop() {
        try {
            while (true) {
                Job job = queue.take();
                if (job == END) {
                    break;
                }
                try {
                    if (failure == null) {
                        write(job);
                    }
                } catch (IOException | RuntimeException e) {
                    // the next offer(), put() or close() throws it: a warning as well would say it twice
                    failure = e instanceof IOException io ? io
                            : new IOException("recording to " + dir + " failed: " + e.getMessage(), e);
                } finally {
                    job.release();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Writes the pair, then lists it; a pair that cannot be listed is removed again, so disk and list agree. */
    private void write(Job job) throws IOException {
        SessionManifest.Entry entry;
        if (format == RecordingFormat.PNG) {
            String l = String.format("left_%06d.png", written);
            String r = String.format("right_%06d.png", written);
            try {
                writePng(dir.resolve(l), job.left());
                writePng(dir.resolve(r), job.right());
            } catch (IOException | RuntimeException e) {
                removeQuietly(dir.resolve(l));
                throw e;
            }
            entry = new SessionManifest.Entry(job.sequence(), job.leftNanos(), job.rightNanos(), l, r);
        } else {
            writeVideoFrame(job);
            entry = new SessionManifest.Entry(job.sequence(), job.leftNanos(), job.rightNanos(), null, null);
        }
        synchronized (entries) {
            entries.add(entry);
        }
        try {
            writeManifest();
        } catch (IOException | RuntimeException e) {
            synchronized (entries) {
                entries.remove(entries.size() - 1);
            }
            if (entry.left() != null) {
                removeQuietly(dir.resolve(entry.left()));
                removeQuietly(dir.resolve(entry.right()));
            }
            throw e;
        }
        written++;
    }

    private static void removeQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // the listing decides what is recorded; a stray file the disk would not let us remove is not listed
        }
    }

    /** PNG through a temp name ending in .png (OpenCV picks the codec from the extension), then an atomic rename. */
    private static void writePng(Path target, Mat image) throws IOException {
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp.png");
        if (!Imgcodecs.imwrite(tmp.toString(), image)) {
            Files.deleteIfExists(tmp);
            throw new IOException("could not write " + target + why(target.getParent()));
        }
        move(tmp, target);
    }

    /** OpenCV only says that a write failed; the folder and its free space usually say why. */
    private static String why(Path dir) {
        if (!Files.isDirectory(dir)) {
            return ": the folder was removed";
        }
        try {
            long free = Files.getFileStore(dir).getUsableSpace();
            return free < (1 << 20) ? ": No space left on device (" + free / 1024 + " kB free)" : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static void move(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private void writeVideoFrame(Job job) throws IOException {
        Size size = job.left().size();
        if (!size.equals(job.right().size())) {
            throw new IOException("left and right images differ in size (" + size + " vs " + job.right().size()
                    + "); mjpeg recording needs equal sizes, record as png");
        }
        if (leftVideo == null) {
            leftVideo = new MjpegAviWriter(dir.resolve(LEFT_VIDEO), job.left().cols(), job.left().rows(),
                    settings.fps(), JPEG_QUALITY);
            rightVideo = new MjpegAviWriter(dir.resolve(RIGHT_VIDEO), job.right().cols(), job.right().rows(),
                    settings.fps(), JPEG_QUALITY);
        }
        leftVideo.append(job.left());
        rightVideo.append(job.right());
    }

    private static final String LEFT_VIDEO = "left.avi";
    private static final String RIGHT_VIDEO = "right.avi";
    /** OpenCV's VideoWriter default for MJPEG. */
    private static final int JPEG_QUALITY = 95;

    private void writeManifest() throws IOException {
        List<SessionManifest.Entry> snapshot;
        synchronized (entries) {
            snapshot = List.copyOf(entries);
        }
        boolean video = format == RecordingFormat.MJPEG_AVI;
        new SessionManifest(SessionManifest.FORMAT, SessionManifest.VERSION, sourceDescription, startedAt,
                format.key(), settings, video ? LEFT_VIDEO : null, video ? RIGHT_VIDEO : null, snapshot).write(dir);
    }

    /**
     * Writes every accepted pair, finishes the videos and writes the final session.json.
     *
     * @throws IOException when writing failed at some point; session.json then lists the pairs written before
     */
    @Override
    public void close() throws IOException {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            queue.put(END);
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while finishing the recording in " + dir, e);
        }
        IOException first = failureReported ? null : failure;
        try {
            try {
                if (leftVideo != null) {
                    try {
                        leftVideo.close(); // the index, for readers that need one
                    } finally {
                        rightVideo.close();
                    }
                }
            } finally {
                try {
                    lock.release();
                    lockChannel.close();
                } finally {
                    Files.deleteIfExists(dir.resolve(LOCK_FILE));
                }
            }
            if (failure == null) {
                writeManifest();
            }
        } catch (IOException | RuntimeException e) {
            if (first == null) {
                throw e;
            }
            first.addSuppressed(e);
        }
        if (first != null) {
            throw first; // the first failure is the cause; later ones follow from it
        }
    }
}
