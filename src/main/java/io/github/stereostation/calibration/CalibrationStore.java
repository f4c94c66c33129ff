package io.github.stereostation.calibration;

import io.github.stereostation.UserInputException;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Pattern;

/**
 * Where the wizard keeps calibrations: {@code NAME.yaml} in one folder (the station's {@code calibration/}).
 * Saving over an existing file first keeps the old one as {@code NAME.yaml.bak}; the new file is written
 * atomically, so the name always holds a complete calibration.
 */
public final class CalibrationStore {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    public static final String EXTENSION = ".yaml";
    public static final String BACKUP_SUFFIX = ".bak";

    private final Path folder;

    public CalibrationStore(Path folder) {
        this.folder = folder;
    }

    public Path folder() {
        return folder;
    }

    /** The file a calibration of this name is saved to; a name that is not a plain file name is the user's error. */
    public Path fileFor(String name) {
        String n = name == null ? "" : name.strip();
        if (n.toLowerCase(java.util.Locale.ROOT).endsWith(EXTENSION)) {
            n = n.substring(0, n.length() - EXTENSION.length());
        }
        if (!NAME.matcher(n).matches()) {
            throw new UserInputException("calibration name '" + name + "': use 1-64 letters, digits, '.', '-' or '_', "
                    + "starting with a letter or digit");
        }
        return folder.resolve(n + EXTENSION);
    }

    /** The backup kept for a calibration file. */
    public static Path backupOf(Path file) {
        return file.resolveSibling(file.getFileName() + BACKUP_SUFFIX);
    }

    /**
     * When {@code file} exists, copies it to its backup ({@link #backupOf}) atomically, so the name keeps the old
     * calibration until a new one replaces it and the old one stays at hand.
     */
    public static void keepBackup(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return;
        }
        Path bak = backupOf(file);
        Path folder = file.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(folder, "." + bak.getFileName() + ".", ".tmp");
        try {
            Files.copy(file, tmp, StandardCopyOption.REPLACE_EXISTING);
            try {
                Files.move(tmp, bak, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, bak, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Saves the result under {@code name}, keeping any previous file as its backup; returns the file written. */
    public Path save(SessionResult result, String name) throws IOException {
        Path file = fileFor(name);
        Files.createDirectories(folder);
        keepBackup(file);
        result.save(file);
        return file;
    }
}
