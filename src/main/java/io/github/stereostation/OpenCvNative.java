package io.github.stereostation;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Properties;

/**
 * The one place that loads OpenCV's native library (shipped inside org.openpnp:opencv).
 * Every entry point that touches {@code org.opencv} calls {@link #load()} first; it is cheap after the first call.
 *
 * <p>The library (63 MB on Linux x86-64) is unpacked from the jar once per OpenCV version into a per-user cache,
 * {@code $XDG_CACHE_HOME/stereo-station/opencv-<version>/} (default {@code ~/.cache/...}), and loaded from there
 * on later runs: unpacking it on every start cost each one-shot command about half a second. The copy is written
 * to a temporary file beside the target and renamed into place, so processes starting together never load a
 * half-written file. Where the cache cannot be used, the openpnp loader unpacks a private copy as before.
 */
public final class OpenCvNative {
    /** Overrides the cache folder (tests; a read-only home). */
    public static final String CACHE_PROPERTY = "stereostation.opencv.cache";
    private static final String POM = "/META-INF/maven/org.openpnp/opencv/pom.properties";

    private static volatile boolean loaded;
    private static volatile Path loadedFrom;

    private OpenCvNative() {
    }

    public static void load() {
        if (loaded) {
            return;
        }
        synchronized (OpenCvNative.class) {
            if (!loaded) {
                Path cached = null;
                try {
                    cached = cachedLibrary(cacheRoot());
                } catch (IOException | RuntimeException e) {
                    // no usable cache (read-only home, unknown platform): unpack a private copy below
                }
                if (cached != null) {
                    try {
                        System.load(cached.toString());
                        loadedFrom = cached;
                    } catch (UnsatisfiedLinkError e) {
                        cached = null; // a damaged copy: the private one below still works
                    }
                }
                if (cached == null) {
                    nu.pattern.OpenCV.loadLocally();
                }
                loaded = true;
            }
        }
    }

    /** The cached library file this process loaded, or null when it used the openpnp loader (or none yet). */
    public static Path loadedFrom() {
        return loadedFrom;
    }

    /**
     * The cached copy of the library for this platform under {@code root}, unpacked first if missing or
     * incomplete; null on a platform the jar has no library for.
     */
    static Path cachedLibrary(Path root) throws IOException {
        String version = openpnpVersion();
        String resource = resourcePath(version);
        URL url = OpenCvNative.class.getResource(resource);
        if (version == null || resource == null || url == null) {
            return null;
        }
        URLConnection connection = url.openConnection();
        long size = connection.getContentLengthLong();
        Path dir = root.resolve("opencv-" + version);
        Path target = dir.resolve(resource.substring(resource.lastIndexOf('/') + 1));
        if (Files.isRegularFile(target) && (size < 0 || Files.size(target) == size)) {
            return target;
        }
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, target.getFileName().toString(), ".part");
        try {
            try (InputStream in = connection.getInputStream()) {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            }
            if (size >= 0 && Files.size(tmp) != size) {
                throw new IOException(resource + ": unpacked " + Files.size(tmp) + " bytes of " + size);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        return target;
    }

    static Path cacheRoot() {
        String override = System.getProperty(CACHE_PROPERTY);
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("stereo-station");
    }

    /** The org.openpnp:opencv version on the class path, e.g. "4.9.0-0", or null. */
    private static String openpnpVersion() throws IOException {
        try (InputStream in = OpenCvNative.class.getResourceAsStream(POM)) {
            if (in == null) {
                return null;
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        }
    }

    /** Where the openpnp jar keeps the library for this OS and CPU, or null for a platform it does not ship. */
    private static String resourcePath(String version) {
        if (version == null) {
            return null;
        }
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        String osDir = os.contains("linux") ? "linux" : os.contains("mac") ? "osx" : os.contains("win") ? "windows" : null;
        String archDir = switch (arch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "ARMv8";
            case "arm" -> "ARMv7";
            case "x86", "i386", "i686" -> "x86_32";
            default -> null;
        };
        if (osDir == null || archDir == null) {
            return null;
        }
        // "4.9.0-0" -> opencv_java490
        String digits = version.split("-")[0].replace(".", "");
        return "/nu/pattern/opencv/" + osDir + "/" + archDir + "/" + System.mapLibraryName("opencv_java" + digits);
    }
}
