package io.github.stereostation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** OpenCV's native library is unpacked once per version into the cache and loaded from there afterwards. */
class OpenCvNativeTest {

    @Test
    void theLibraryIsUnpackedOnceThenReusedAndAnIncompleteCopyIsReplaced(@TempDir Path cache) throws Exception {
        Path lib = OpenCvNative.cachedLibrary(cache);
        assertThat(lib).isNotNull().isRegularFile();
        assertThat(lib.getParent().getFileName().toString()).startsWith("opencv-4.");
        long size = Files.size(lib);
        assertThat(size).isGreaterThan(1_000_000);

        FileTime old = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(lib, old);
        assertThat(OpenCvNative.cachedLibrary(cache)).isEqualTo(lib);
        assertThat(Files.getLastModifiedTime(lib)).as("not unpacked again").isEqualTo(old);

        // a copy cut short (a crash of an older version, a full disk) is replaced by a whole one
        try (var ch = Files.newByteChannel(lib, java.nio.file.StandardOpenOption.WRITE)) {
            ch.truncate(size / 2);
        }
        assertThat(OpenCvNative.cachedLibrary(cache)).isEqualTo(lib);
        assertThat(Files.size(lib)).isEqualTo(size);
        assertNoPartFiles(cache);
    }

    @Test
    void twoLoadersStartingTogetherEachGetAWholeLibrary(@TempDir Path cache) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Path>> runs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                runs.add(pool.submit(() -> OpenCvNative.cachedLibrary(cache)));
            }
            Path first = runs.get(0).get();
            for (Future<Path> f : runs) {
                Path p = f.get();
                assertThat(p).isEqualTo(first);
            }
            assertThat(Files.size(first)).isEqualTo(Files.size(OpenCvNative.cachedLibrary(cache)));
        } finally {
            pool.shutdownNow();
        }
        assertNoPartFiles(cache);
    }

    @Test
    void theLoadedLibraryWorks() {
        OpenCvNative.load();
        assertThat(Core.VERSION).startsWith("4.");
    }

    private static void assertNoPartFiles(Path cache) throws IOException {
        try (Stream<Path> files = Files.walk(cache)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".part"));
        }
    }
}
