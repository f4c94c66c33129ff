package io.github.stereostation.calibration;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the real data in ../shared/data and skips a test, with a message, when it is not there. */
final class SharedData {
    private SharedData() {
    }

    static Path require(String sub) {
        Path dir = Path.of("..", "shared", "data").resolve(sub);
        Assumptions.assumeTrue(Files.isDirectory(dir), "real data " + dir.toAbsolutePath() + " not present; skipping");
        return dir;
    }
}
