package io.github.stereostation.calibration;

import io.github.stereostation.InvalidValueException;
import io.github.stereostation.OpenCvNative;
import io.github.stereostation.UserInputException;
import org.opencv.core.Mat;
import org.opencv.imgcodecs.Imgcodecs;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds calibration images on disk, pairs them and detects the board in each. Images where the board is not
 * found, or that cannot be read, are listed (with the reason) and left out; the rest go on to calibration.
 */
public final class CalibrationImages {
    private static final List<String> IMAGE_EXT = List.of(".png", ".jpg", ".jpeg", ".bmp", ".tif", ".tiff", ".pgm", ".ppm");
    /** The name of the left images' pattern, as {@link InvalidValueException#field()} gives it. */
    public static final String LEFT_PATTERN = "left image pattern";

    /** A left and a right image taken at the same moment. */
    public record ImagePair(Path left, Path right) {
        public String name() {
            return left.getFileName() + "+" + right.getFileName();
        }
    }

    /** Views where the board was found in both images, and the images that were skipped and why. */
    public record Detected(List<ViewPair> views, List<String> skipped) {
    }

    /** Views where a single camera found the board, and the images that were skipped and why. */
    public record DetectedMono(List<MonoView> views, List<String> skipped) {
    }

    private CalibrationImages() {
    }

    /**
     * {@code left*} and {@code right*} images of a folder (or, when there are none, images whose names contain
     * "left" and "right"), paired in sorted name order.
     */
    public static List<ImagePair> inFolder(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new UserInputException(dir + ": not a folder");
        }
        List<Path> left = list(dir, "left");
        List<Path> right = list(dir, "right");
        if (left.isEmpty() && right.isEmpty()) {
            // Also accept names such as cam_left_01.png / cam_right_01.png.
            left = listContaining(dir, "left");
            right = listContaining(dir, "right");
        }
        if (left.isEmpty() && right.isEmpty()) {
            throw new UserInputException(dir + ": no left*/right* images found (name them left01.png, right01.png, ... or give patterns for the left and right images)");
        }
        return pair(left, right, dir + " left*", dir + " right*");
    }

    /** Images matching two globs such as {@code cam/l_*.png} (the folder part is taken literally). */
    public static List<ImagePair> fromGlobs(String leftGlob, String rightGlob) {
        List<Path> left = glob(leftGlob);
        List<Path> right = glob(rightGlob);
        if (left.isEmpty()) {
            throw new InvalidValueException(LEFT_PATTERN, "left image pattern " + leftGlob + " matches no image");
        }
        return pair(left, right, "left image pattern " + leftGlob, "right image pattern " + rightGlob);
    }

    /** All images of a folder (for one camera), sorted by name. */
    public static List<Path> imagesIn(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new UserInputException(dir + ": not a folder");
        }
        List<Path> all = list(dir, "");
        if (all.isEmpty()) {
            throw new UserInputException(dir + ": holds no images");
        }
        return all;
    }

    private static List<ImagePair> pair(List<Path> left, List<Path> right, String leftWhat, String rightWhat) {
        if (left.size() != right.size()) {
            throw new UserInputException(leftWhat + " has " + left.size() + " images but " + rightWhat + " has "
                    + right.size() + "; every left image needs its right partner");
        }
        List<ImagePair> pairs = new ArrayList<>();
        for (int i = 0; i < left.size(); i++) {
            pairs.add(new ImagePair(left.get(i), right.get(i)));
        }
        return pairs;
    }

    private static List<Path> list(Path dir, String prefix) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> {
                String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                return n.startsWith(prefix) && IMAGE_EXT.stream().anyMatch(n::endsWith) && Files.isRegularFile(p);
            }).sorted().toList();
        } catch (IOException e) {
            throw new UserInputException(dir + ": cannot list (" + e.getMessage() + ")");
        }
    }

    private static List<Path> listContaining(Path dir, String word) {
        return list(dir, "").stream()
                .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).contains(word)).toList();
    }

    private static List<Path> glob(String glob) {
        Path g = Path.of(glob);
        Path dir = g.getParent() == null ? Path.of(".") : g.getParent();
        if (!Files.isDirectory(dir)) {
            throw new UserInputException(glob + ": folder " + dir + " does not exist");
        }
        PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + g.getFileName());
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> m.matches(p.getFileName()) && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            throw new UserInputException(glob + ": cannot list " + dir + " (" + e.getMessage() + ")");
        }
    }

    /** Detects the board in every pair; a pair whose images differ in size is an error, a pair without a board is skipped. */
    public static Detected detect(List<ImagePair> pairs, BoardDetector detector) {
        OpenCvNative.load();
        List<ViewPair> views = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        int[] size = null;
        for (ImagePair p : pairs) {
            Mat l;
            Mat r;
            try {
                l = read(p.left());
            } catch (UserInputException e) {
                skipped.add(e.getMessage());
                continue;
            }
            try {
                r = read(p.right());
            } catch (UserInputException e) {
                l.release();
                skipped.add(e.getMessage());
                continue;
            }
            try {
                if (l.cols() != r.cols() || l.rows() != r.rows()) {
                    throw new UserInputException(p.left() + " is " + l.cols() + "x" + l.rows() + " but " + p.right()
                            + " is " + r.cols() + "x" + r.rows() + "; left and right images must have one size");
                }
                if (size == null) {
                    size = new int[]{l.cols(), l.rows()};
                } else if (size[0] != l.cols() || size[1] != l.rows()) {
                    throw new UserInputException(p.left() + " is " + l.cols() + "x" + l.rows() + " but earlier images are "
                            + size[0] + "x" + size[1] + "; all calibration images must have one size");
                }
                Optional<BoardCorners> lc = detector.detect(l);
                Optional<BoardCorners> rc = detector.detect(r);
                if (lc.isEmpty() || rc.isEmpty()) {
                    String which = lc.isEmpty() && rc.isEmpty() ? p.left() + " and " + p.right()
                            : lc.isEmpty() ? p.left().toString() : p.right().toString();
                    skipped.add(which + ": no " + detector.board().toText() + " board found");
                    continue;
                }
                views.add(new ViewPair(p.name(), lc.get(), rc.get()));
            } finally {
                l.release();
                r.release();
            }
        }
        return new Detected(views, skipped);
    }

    public static DetectedMono detectMono(List<Path> images, BoardDetector detector) {
        OpenCvNative.load();
        List<MonoView> views = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Path p : images) {
            Mat m;
            try {
                m = read(p);
            } catch (UserInputException e) {
                skipped.add(e.getMessage());
                continue;
            }
            try {
                Optional<BoardCorners> c = detector.detect(m);
                if (c.isPresent()) {
                    views.add(new MonoView(p.getFileName().toString(), c.get()));
                } else {
                    skipped.add(p + ": no " + detector.board().toText() + " board found");
                }
            } finally {
                m.release();
            }
        }
        return new DetectedMono(views, skipped);
    }

    /** Reads an image, failing with the file's name when it is missing or not an image. */
    public static Mat read(Path file) {
        OpenCvNative.load();
        if (!Files.isRegularFile(file)) {
            throw new UserInputException(file + ": no such image file");
        }
        Mat m = Imgcodecs.imread(file.toString(), Imgcodecs.IMREAD_COLOR);
        if (m.empty()) {
            m.release();
            throw new UserInputException(file + ": not a readable image (corrupt or unsupported format)");
        }
        return m;
    }
}
