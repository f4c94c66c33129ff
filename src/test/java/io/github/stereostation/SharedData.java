package io.github.stereostation;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one way tests reach the real data shared beside the repository ({@code ../shared/data}; the system property
 * {@code stereostation.sharedData} points elsewhere): each call skips the test, saying what is missing, when the
 * data is not there.
 */
public final class SharedData {
    public static final Path DATA = Path.of(System.getProperty("stereostation.sharedData",
            Path.of("..", "shared", "data").toString()));
    /** Model weights shared beside the data ({@code ../shared/models}). */
    public static final Path MODELS = DATA.resolveSibling("models");

    private SharedData() {
    }

    /** The file or folder {@code sub} (such as "faces/astronaut.png") of the shared data; skips the test without it. */
    public static Path require(String sub) {
        Path p = DATA.resolve(sub);
        Assumptions.assumeTrue(Files.exists(p), "skipped: shared data " + p.toAbsolutePath() + " not present");
        return p;
    }

    /** The Middlebury scenes with ground truth. */
    public static Path stereoGt() {
        return require("stereo-gt");
    }

    /** One Middlebury scene, such as "cones". */
    public static Path scene(String name) {
        return require("stereo-gt/" + name);
    }
}
