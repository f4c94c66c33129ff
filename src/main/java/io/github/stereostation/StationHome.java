package io.github.stereostation;

import java.nio.file.Path;

/**
 * Where the installation's own files live (config/station.yaml, config/presets, models/, calibration/): the folder
 * the launcher names in the system property {@value #PROPERTY}, else the working directory (tests, an IDE). Paths a
 * user types are never resolved here; they stay relative to the folder the user is in.
 */
public final class StationHome {
    public static final String PROPERTY = "stereostation.home";

    private StationHome() {
    }

    /** The installation folder, or the working directory's relative root when none is set. */
    public static Path folder() {
        String home = System.getProperty(PROPERTY);
        return home == null || home.isBlank() ? Path.of("") : Path.of(home);
    }

    /** A default file or folder of the installation, e.g. {@code path("config", "station.yaml")}. */
    public static Path path(String first, String... more) {
        return folder().resolve(Path.of(first, more));
    }
}
