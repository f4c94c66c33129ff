package io.github.stereostation.cli;

import picocli.CommandLine;

/** Reads the version Maven wrote into the jar manifest (falls back to "dev" when run from classes). */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = StereoStation.class.getPackage().getImplementationVersion();
        return new String[]{"stereo-station " + (v == null ? "dev" : v),
                "Java " + System.getProperty("java.version") + ", " + System.getProperty("os.name")};
    }
}
