package io.github.stereostation.io;

import io.github.stereostation.UserInputException;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes files so that the target name holds either the old content or the complete new content, never a
 * partial file: write a temp file in the same folder, flush it to disk, then rename it over the target. A missing
 * folder is created.
 * <p>
 * A job that writes several files opens a {@link Unit} on its thread: files written while it is open stay under
 * hidden temp names until {@link Unit#commit()} renames them all into place, and a unit closed without commit
 * removes them (and the folders it created), so the set appears together or not at all. A unit also keeps the
 * job's inputs safe: a write over one of them is refused.
 */
public final class AtomicFiles {
    private static final ThreadLocal<Unit> UNIT = new ThreadLocal<>();

    private AtomicFiles() {
    }

    /** Something that writes the whole content to a stream. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    public static void write(Path target, byte[] bytes) throws IOException {
        write(target, out -> out.write(bytes));
    }

    /** Streams content into a temp file beside the target, then moves it into place (at commit, inside a unit). */
    public static void write(Path target, Content content) throws IOException {
        write(target, content, UNIT.get());
    }

    /**
     * Writes at once even inside a unit: for a file that must reach its name now, such as a recording's listing
     * that says which pairs are safely on disk.
     */
    public static void writeNow(Path target, Content content) throws IOException {
        write(target, content, null);
    }

    private static void write(Path target, Content content, Unit unit) throws IOException {
        Path abs = target.toAbsolutePath().normalize();
        if (unit != null) {
            unit.refuseInput(abs);
        }
        Path dir = abs.getParent();
        if (dir == null) {
            throw new UserInputException(target + ": not a file name");
        }
        if (Files.isDirectory(abs)) {
            throw new UserInputException(target + ": is a folder; give a file name");
        }
        createFolders(dir, unit);
        Path tmp = Files.createTempFile(dir, "." + shortened(abs.getFileName().toString()) + ".", ".tmp");
        try {
            try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                content.writeTo(out);
            }
            force(tmp);
            keepOrdinaryPermissions(tmp, abs);
            if (unit != null) {
                Path earlier = unit.pending.put(abs, tmp);
                if (earlier != null) {
                    Files.deleteIfExists(earlier);
                }
            } else {
                move(tmp, abs);
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    /** Temp names carry the target's name for whoever finds one; a name near the 255-byte limit is cut. */
    private static String shortened(String name) {
        return name.length() > 200 ? name.substring(0, 200) : name;
    }

    private static void createFolders(Path dir, Unit unit) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        if (Files.exists(dir)) {
            throw new UserInputException(dir + ": is a file, not a folder");
        }
        java.util.ArrayDeque<Path> missing = new java.util.ArrayDeque<>();
        for (Path d = dir; d != null && !Files.exists(d); d = d.getParent()) {
            missing.push(d);
        }
        for (Path d : missing) {
            Files.createDirectory(d);
            if (unit != null) {
                unit.createdFolders.push(d);
            }
        }
    }

    private static void move(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Opens a unit on this thread (one at a time).
     *
     * @param inputs files the job reads, and folders whose images it reads: never written over
     */
    public static Unit unit(java.util.Collection<Path> inputs) {
        if (UNIT.get() != null) {
            throw new IllegalStateException("a unit of files is already open on this thread");
        }
        Unit u = new Unit(inputs);
        UNIT.set(u);
        return u;
    }

    /** The files of one job: renamed into place together by {@link #commit()}, or removed by {@link #close()}. */
    public static final class Unit implements AutoCloseable {
        private final java.util.Map<Path, Path> pending = new java.util.LinkedHashMap<>();
        private final java.util.ArrayDeque<Path> createdFolders = new java.util.ArrayDeque<>();
        private final java.util.Set<Path> inputFiles = new java.util.HashSet<>();
        private final java.util.Set<Path> inputFolders = new java.util.HashSet<>();

        private Unit(java.util.Collection<Path> inputs) {
            for (Path p : inputs) {
                Path abs = p.toAbsolutePath().normalize();
                if (Files.isDirectory(abs)) {
                    inputFolders.add(abs);
                } else if (Files.isRegularFile(abs)) {
                    inputFiles.add(abs);
                }
            }
        }

        private void refuseInput(Path target) {
            if (!Files.exists(target)) {
                return;
            }
            boolean input = inputFiles.stream().anyMatch(f -> same(f, target))
                    || (isImage(target) && target.getParent() != null
                    && inputFolders.stream().anyMatch(d -> same(d, target.getParent())));
            if (input) {
                throw new UserInputException(target + ": is one of the inputs; choose another name or folder for the output");
            }
        }

        private static boolean same(Path a, Path b) {
            try {
                return a.equals(b) || Files.isSameFile(a, b);
            } catch (IOException e) {
                return false;
            }
        }

        private static boolean isImage(Path p) {
            String n = p.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
            return n.matches(".*\\.(png|jpe?g|bmp|tiff?|pfm|webp|avi)$");
        }

        /** Renames every file into place. */
        public void commit() throws IOException {
            try {
                for (var e : pending.entrySet()) {
                    move(e.getValue(), e.getKey());
                }
                pending.clear();
                createdFolders.clear();
            } finally {
                UNIT.remove();
            }
        }

        /** Without a commit: removes the temp files and the folders this unit created. */
        @Override
        public void close() {
            if (UNIT.get() == this) {
                UNIT.remove();
            }
            for (Path tmp : pending.values()) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    // a hidden temp file left behind never stands under the target's name
                }
            }
            pending.clear();
            while (!createdFolders.isEmpty()) {
                try {
                    Files.deleteIfExists(createdFolders.pop());
                } catch (IOException e) {
                    // not empty: something else was put there meanwhile; keep it
                }
            }
        }
    }

    /**
     * Moves a finished file (written beside the target, e.g. a verified download) over the target in one step,
     * after flushing it to disk.
     */
    public static void moveIntoPlace(Path finished, Path target) throws IOException {
        Path abs = target.toAbsolutePath();
        force(finished);
        keepOrdinaryPermissions(finished, abs);
        move(finished, abs);
    }

    /** Flushes a file's bytes to the disk, so that a crash after the rename cannot leave it short. */
    private static void force(Path file) throws IOException {
        try (var ch = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }

    /**
     * Temp files are created owner-only (0600); a saved calibration or cloud should be as readable as any file
     * the user makes, so take the replaced file's permissions, or rw-r--r-- for a new one.
     */
    private static void keepOrdinaryPermissions(Path tmp, Path target) throws IOException {
        if (!tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        var perms = Files.exists(target) ? Files.getPosixFilePermissions(target)
                : java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--");
        Files.setPosixFilePermissions(tmp, perms);
    }
}
