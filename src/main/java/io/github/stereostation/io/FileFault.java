package io.github.stereostation.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns what the file system or the machine reports (missing file, no permission, full disk, a name too long)
 * into one line that names the file and says what to do. Java's own messages are the bare path or a C errno text.
 */
public final class FileFault {
    private FileFault() {
    }

    /** One line for a fault of the file system or the machine, or empty when {@code t} is not one. */
    public static Optional<String> describe(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof UncheckedIOException u && u.getCause() != null) {
                continue;
            }
            if (c instanceof IOException io) {
                return Optional.of(describe(io));
            }
            if (c instanceof OutOfMemoryError) {
                return Optional.of("not enough memory (the Java heap holds " + (Runtime.getRuntime().maxMemory() >> 20)
                        + " MB): use smaller images, or give Java more with STEREO_STATION_JAVA_OPTS=-Xmx8g");
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return Optional.empty();
    }

    private static String describe(IOException e) {
        if (e instanceof FileSystemException fs) {
            String file = fs.getFile() == null ? "" : fs.getFile() + ": ";
            String reason = fs.getReason() == null ? "" : fs.getReason();
            if (e instanceof NoSuchFileException) {
                return file + "no such file or folder" + other(fs);
            }
            if (e instanceof AccessDeniedException) {
                return file + "permission denied" + other(fs) + "; check its permissions or choose another place";
            }
            if (e instanceof FileAlreadyExistsException) {
                return file + "already exists" + other(fs);
            }
            if (e instanceof NotDirectoryException) {
                return file + "is not a folder";
            }
            if (e instanceof DirectoryNotEmptyException) {
                return file + "is a folder that is not empty";
            }
            return file + plain(reason.isEmpty() ? String.valueOf(e.getMessage()) : reason);
        }
        return plain(String.valueOf(e.getMessage()));
    }

    private static String other(FileSystemException fs) {
        return fs.getOtherFile() == null ? "" : " (" + fs.getOtherFile() + ")";
    }

    /** The C library's texts, with the advice a user needs. */
    private static String plain(String message) {
        String m = oneLine(message);
        String lower = m.toLowerCase(Locale.ROOT);
        if (lower.contains("no space left")) {
            return m + "; free some space or choose another folder";
        }
        if (lower.contains("file name too long")) {
            return m + "; choose a shorter name";
        }
        if (lower.contains("read-only file system")) {
            return m + "; choose a folder you can write to";
        }
        if (lower.contains("is a directory")) {
            return m + "; give a file name, not a folder";
        }
        return m;
    }

    /** Messages go on one line: native libraries and OpenCV put newlines in theirs. */
    public static String oneLine(String message) {
        if (message == null) {
            return "";
        }
        return message.strip().replaceAll("\\s*\\R\\s*", "; ");
    }
}
