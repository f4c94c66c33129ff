package io.github.stereostation.depth;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the real Middlebury scenes shared beside the repository; tests skip with a message without them. */
public final class SharedData {
    /** ../shared/data beside the repo root; -Dstereostation.sharedData=DIR points elsewhere (worktrees). */
    public static final Path DATA = Path.of(System.getProperty("stereostation.sharedData",
            Path.of("..", "shared", "data").toString()));
    public static final Path STEREO_GT = DATA.resolve("stereo-gt");

    private SharedData() {
    }

    public static Path stereoGt() {
        Assumptions.assumeTrue(Files.isDirectory(STEREO_GT),
                "skipped: shared Middlebury scenes not found at " + STEREO_GT.toAbsolutePath());
        return STEREO_GT;
    }

    public static Path scene(String name) {
        Path p = stereoGt().resolve(name);
        Assumptions.assumeTrue(Files.isDirectory(p), "skipped: shared scene " + p + " not found");
        return p;
    }
}
