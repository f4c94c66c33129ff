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
 * partial file: write a temp file in the same folder, flush it to disk, then rename it over the target.
 */
public final class AtomicFiles {
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

    /** Streams content into a temp file beside the target, then moves it into place. */
    public static void write(Path target, Content content) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new UserInputException(target + ": the folder " + dir + " does not exist");
        }
        Path tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
        try {
            try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                content.writeTo(out);
            }
            moveIntoPlace(tmp, abs);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    /**
     * Moves a finished file (written beside the target, e.g. a verified download) over the target in one step,
     * after flushing it to disk.
     */
    public static void moveIntoPlace(Path finished, Path target) throws IOException {
        Path abs = target.toAbsolutePath();
        try (var ch = java.nio.channels.FileChannel.open(finished, java.nio.file.StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        keepOrdinaryPermissions(finished, abs);
        try {
            Files.move(finished, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(finished, abs, StandardCopyOption.REPLACE_EXISTING);
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
