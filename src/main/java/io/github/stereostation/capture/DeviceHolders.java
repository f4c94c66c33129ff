package io.github.stereostation.capture;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds which programs hold a device file open, by reading the {@code /proc/PID/fd} links Linux keeps for every
 * process (only processes of the same user are visible, unless running as root). Used to turn "the camera would
 * not open" into "the camera is in use by zoom (pid 4121)". Returns an empty list where /proc does not exist.
 */
public final class DeviceHolders {
    private DeviceHolders() {
    }

    /** A process holding the file open. */
    public record Holder(long pid, String command) {
        @Override
        public String toString() {
            return command + " (pid " + pid + ")";
        }
    }

    public static List<Holder> of(Path device) {
        List<Holder> found = new ArrayList<>();
        Path proc = Path.of("/proc");
        if (!Files.isDirectory(proc)) {
            return found;
        }
        Path target;
        try {
            target = device.toRealPath();
        } catch (IOException e) {
            return found;
        }
        try (DirectoryStream<Path> pids = Files.newDirectoryStream(proc, p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path pidDir : pids) {
                if (holds(pidDir.resolve("fd"), target)) {
                    found.add(new Holder(Long.parseLong(pidDir.getFileName().toString()), command(pidDir)));
                }
            }
        } catch (IOException | SecurityException e) {
            // An unreadable /proc only means we cannot name the holder.
        }
        return found;
    }

    private static boolean holds(Path fdDir, Path target) {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(fdDir)) {
            for (Path fd : fds) {
                try {
                    if (Files.readSymbolicLink(fd).equals(target)) {
                        return true;
                    }
                } catch (IOException | UnsupportedOperationException e) {
                    // fd closed meanwhile, or not a link
                }
            }
        } catch (IOException | SecurityException e) {
            // another user's process, or it exited
        }
        return false;
    }

    private static String command(Path pidDir) {
        try {
            return Files.readString(pidDir.resolve("comm")).trim();
        } catch (IOException e) {
            return "process";
        }
    }
}
