package io.github.stereostation.capture;

import io.github.stereostation.OpenCvNative;
import io.github.stereostation.UserInputException;
import org.opencv.core.Mat;
import org.opencv.imgcodecs.Imgcodecs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Plays back a folder: either a recorded session (session.json, exact images and timestamps), or a plain folder
 * of image pairs. In a plain folder a file whose name contains "left" pairs with the file named the same with
 * "right" instead (left01.jpg + right01.jpg, chair01_left.jpg + chair01_right.jpg), and a Middlebury scene's
 * im0.png + im1.png is one pair; plain pairs get timestamps of sequence / fps. Images keep their type (PNG 16-bit and
 * grey images stay so). Delivers as fast as it is read.
 */
public final class ReplaySource implements StereoSource {
    private static final List<String> IMAGE_EXT = List.of(".png", ".jpg", ".jpeg", ".bmp", ".tif", ".tiff", ".pgm", ".ppm");

    private record Item(Path left, Path right, long sequence, long leftNanos, long rightNanos) {
    }

    private final Path folder;
    private final List<Item> items;
    private final CameraSettings settings;
    private final String description;
    private final VideoFileSource leftVideo;
    private final VideoFileSource rightVideo;
    private final boolean stills;
    private final ReplayControl control = new ReplayControl();
    private int position;
    private long clockChanges = -1;
    private long clockStartNanos;
    private long clockStartMediaNanos;
    private volatile boolean ended;

    private ReplaySource(Path folder, List<Item> items, CameraSettings settings, String description,
                         VideoFileSource leftVideo, VideoFileSource rightVideo) {
        this.folder = folder;
        this.items = items;
        this.settings = settings;
        this.description = description;
        this.leftVideo = leftVideo;
        this.rightVideo = rightVideo;
        this.stills = !Files.isRegularFile(folder.resolve(SessionManifest.FILE_NAME));
    }

    /**
     * Opens a session folder or a folder of pairs.
     *
     * @param fallback frame rate for plain folders (timestamps), and settings when the folder records none
     */
    public static ReplaySource open(Path folder, CameraSettings fallback) {
        if (!Files.isDirectory(folder)) {
            throw new UserInputException(folder + ": no such folder to replay");
        }
        OpenCvNative.load();
        if (Files.isRegularFile(folder.resolve(SessionManifest.FILE_NAME))) {
            return openSession(folder, SessionManifest.read(folder));
        }
        return openPairs(folder, fallback);
    }

    private static ReplaySource openSession(Path folder, SessionManifest m) {
        CameraSettings s = m.camera() != null ? m.camera() : CameraSettings.defaults();
        String what = "replay of session " + folder.getFileName() + " (" + m.frames().size() + " pairs)";
        List<Item> items = new ArrayList<>();
        if (RecordingFormat.parse(m.imageFormat()) == RecordingFormat.PNG) {
            for (SessionManifest.Entry e : m.frames()) {
                if (e.left() == null || e.right() == null) {
                    throw new UserInputException(folder.resolve(SessionManifest.FILE_NAME) + ": frame " + e.sequence()
                            + " names no left/right image");
                }
                Path l = inside(folder, e.left());
                Path r = inside(folder, e.right());
                items.add(new Item(l, r, e.sequence(), e.leftNanos(), e.rightNanos()));
            }
            return new ReplaySource(folder, items, s, what, null, null);
        }
        for (SessionManifest.Entry e : m.frames()) {
            items.add(new Item(null, null, e.sequence(), e.leftNanos(), e.rightNanos()));
        }
        if (items.isEmpty()) {
            return new ReplaySource(folder, items, s, what, null, null);
        }
        VideoFileSource lv = VideoFileSource.open(inside(folder, nonNull(m.leftVideo(), "left.avi")), s);
        VideoFileSource rv;
        try {
            rv = VideoFileSource.open(inside(folder, nonNull(m.rightVideo(), "right.avi")), s);
        } catch (RuntimeException e) {
            lv.close();
            throw e;
        }
        return new ReplaySource(folder, items, s, what, lv, rv);
    }

    private static String nonNull(String v, String d) {
        return v == null ? d : v;
    }

    /**
     * Resolves a name from session.json, refusing names that climb out of the session folder, by their text or
     * through a symbolic link.
     */
    private static Path inside(Path folder, String name) {
        Path base = folder.toAbsolutePath().normalize();
        Path p = base.resolve(name).normalize();
        boolean outside = !p.startsWith(base);
        if (!outside && Files.exists(p)) {
            try {
                outside = !p.toRealPath().startsWith(base.toRealPath());
            } catch (IOException e) {
                outside = true;
            }
        }
        if (outside) {
            throw new UserInputException(folder.resolve(SessionManifest.FILE_NAME) + ": file name '" + name
                    + "' points outside the session folder");
        }
        return folder.resolve(name).normalize();
    }

    private static ReplaySource openPairs(Path folder, CameraSettings fallback) {
        List<Path[]> pairs = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(folder)) {
            files = s.filter(Files::isRegularFile).filter(ReplaySource::isImage).sorted().toList();
        } catch (IOException e) {
            throw new UserInputException(folder + ": cannot list the folder (" + e.getMessage() + ")", e);
        }
        for (Path f : files) {
            String name = f.getFileName().toString();
            String lower = name.toLowerCase(Locale.ROOT);
            int at = lower.lastIndexOf("left");
            if (at >= 0) {
                String partner = name.substring(0, at) + matchCase(name.substring(at, at + 4), "right")
                        + name.substring(at + 4);
                Path r = f.resolveSibling(partner);
                if (Files.isRegularFile(r)) {
                    pairs.add(new Path[]{f, r});
                }
            } else if (lower.startsWith("im0.")) {
                Path r = f.resolveSibling("im1" + name.substring(3));
                if (Files.isRegularFile(r)) {
                    pairs.add(new Path[]{f, r});
                }
            }
        }
        if (pairs.isEmpty()) {
            throw new UserInputException(folder + ": no session.json and no image pairs (expected left*/right* files"
                    + " such as left01.png + right01.png, or im0.png + im1.png)");
        }
        // The settings of a plain folder are what its images are; the frame rate is the caller's choice.
        Mat first = Imgcodecs.imread(pairs.get(0)[0].toString(), Imgcodecs.IMREAD_UNCHANGED);
        if (first.empty()) {
            first.release();
            throw new UserInputException(pairs.get(0)[0] + ": not a readable image");
        }
        CameraSettings actual = new CameraSettings(first.cols(), first.rows(), fallback.fps(), CameraSettings.ANY_FORMAT,
                fallback.maxSkewMillis());
        first.release();
        long period = fallback.framePeriodNanos();
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            items.add(new Item(pairs.get(i)[0], pairs.get(i)[1], i, i * period, i * period));
        }
        return new ReplaySource(folder, items, actual, "replay of " + folder.getFileName() + " (" + items.size()
                + " pairs)", null, null);
    }

    private static String matchCase(String like, String word) {
        if (like.equals(like.toUpperCase(Locale.ROOT))) {
            return word.toUpperCase(Locale.ROOT);
        }
        if (Character.isUpperCase(like.charAt(0))) {
            return Character.toUpperCase(word.charAt(0)) + word.substring(1);
        }
        return word;
    }

    private static boolean isImage(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return IMAGE_EXT.stream().anyMatch(n::endsWith);
    }

    /** The folder replayed. */
    public Path folder() {
        return folder;
    }

    /** Pairs in the replay. */
    public int size() {
        return items.size();
    }

    /** Pause, step, loop and speed of this replay. */
    public ReplayControl control() {
        return control;
    }

    /** Whether it can start again from its first pair (a session recorded as images, or a folder of pairs). */
    public boolean canLoop() {
        return leftVideo == null;
    }

    /** Index of the next pair (0-based), for a position display. */
    public synchronized int position() {
        return position;
    }

    @Override
    public StereoFrame next() throws IOException {
        if (!control.awaitTurn()) {
            throw new SourceFailure(SourceStatus.State.ENDED, description + ": stopped");
        }
        Item it;
        synchronized (this) {
            if (position >= items.size() && control.loop() && canLoop() && !items.isEmpty()) {
                position = 0;
                clockChanges = -1; // a new pass starts a new clock
            }
            if (position >= items.size()) {
                ended = true;
                return null;
            }
            ended = false;
            it = items.get(position++);
        }
        waitForRecordedTime(it);
        if (leftVideo != null) {
            TimedFrame l = leftVideo.read();
            TimedFrame r = rightVideo.read();
            if (l == null || r == null) {
                if (l != null) {
                    l.close();
                }
                if (r != null) {
                    r.close();
                }
                throw new SourceFailure(SourceStatus.State.ENDED, folder + ": the videos end at frame "
                        + (position - 1) + " but session.json lists " + items.size() + " pairs");
            }
            return new StereoFrame(l.image(), r.image(), it.leftNanos(), it.rightNanos(), it.sequence());
        }
        Mat l = read(it.left());
        Mat r;
        try {
            r = read(it.right());
        } catch (IOException e) {
            l.release();
            throw e;
        }
        return new StereoFrame(l, r, it.leftNanos(), it.rightNanos(), it.sequence());
    }

    /** With a paced control, waits until the pair's recorded time (divided by the speed) has come. */
    private void waitForRecordedTime(Item it) {
        if (!control.paced()) {
            return;
        }
        long media = it.leftNanos();
        long changes = control.changes();
        if (changes != clockChanges) {
            clockChanges = changes;
            clockStartNanos = System.nanoTime();
            clockStartMediaNanos = media;
            return;
        }
        long due = clockStartNanos + (long) ((media - clockStartMediaNanos) / control.speed());
        long wait;
        // a gap longer than a second in the recording is not waited out
        while ((wait = due - System.nanoTime()) > 0 && wait < 1_000_000_000L && control.changes() == changes) {
            java.util.concurrent.locks.LockSupport.parkNanos(Math.min(wait, 50_000_000L));
        }
    }

    private static Mat read(Path p) throws IOException {
        if (!Files.isRegularFile(p)) {
            throw new SourceFailure(SourceStatus.State.ENDED, p + ": image missing from the replay folder");
        }
        Mat m = Imgcodecs.imread(p.toString(), Imgcodecs.IMREAD_UNCHANGED);
        if (m.empty()) {
            m.release();
            throw new SourceFailure(SourceStatus.State.ENDED, p + ": not a readable image");
        }
        return m;
    }

    @Override
    public String describe() {
        return description;
    }

    /** A folder of image pairs holds stills; a recorded session holds video frames. */
    @Override
    public boolean deliversStills() {
        return stills;
    }

    @Override
    public SourceStatus status() {
        return ended ? SourceStatus.of(SourceStatus.State.ENDED, description + " ended after " + items.size() + " pairs")
                : SourceStatus.of(SourceStatus.State.OK, description);
    }

    @Override
    public Optional<CameraSettings> settings() {
        return Optional.of(settings);
    }

    @Override
    public void close() {
        control.release();
        if (leftVideo != null) {
            leftVideo.close();
            rightVideo.close();
        }
    }
}
