package io.github.stereostation.io;

import io.github.stereostation.UserInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A unit of files appears whole at commit or not at all, never lands on an input, and cleans up what it made. */
class AtomicFilesTest {

    static void text(Path p, String s) throws IOException {
        AtomicFiles.write(p, s.getBytes(StandardCharsets.UTF_8));
    }

    static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> !p.equals(dir)).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void filesOfAUnitAppearOnlyAtCommitAndTogether(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("a.txt"), "old a");
        try (AtomicFiles.Unit unit = AtomicFiles.unit(List.of())) {
            text(dir.resolve("a.txt"), "new a");
            text(dir.resolve("sub/b.txt"), "new b");
            text(dir.resolve("sub/b.txt"), "newer b"); // written twice: the last one counts, no temp left
            assertThat(Files.readString(dir.resolve("a.txt"))).isEqualTo("old a");
            assertThat(dir.resolve("sub/b.txt")).doesNotExist();
            unit.commit();
        }
        assertThat(Files.readString(dir.resolve("a.txt"))).isEqualTo("new a");
        assertThat(Files.readString(dir.resolve("sub/b.txt"))).isEqualTo("newer b");
        assertThat(names(dir)).containsExactly("a.txt", "sub", "sub/b.txt");
    }

    @Test
    void aUnitClosedWithoutCommitLeavesTheFolderAsItWas(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("a.txt"), "old a");
        try (AtomicFiles.Unit unit = AtomicFiles.unit(List.of())) {
            text(dir.resolve("a.txt"), "new a");
            text(dir.resolve("x/y/c.txt"), "c");
        }
        assertThat(names(dir)).containsExactly("a.txt");
        assertThat(Files.readString(dir.resolve("a.txt"))).isEqualTo("old a");
        // outside a unit, a write lands at once again
        text(dir.resolve("d.txt"), "d");
        assertThat(dir.resolve("d.txt")).hasContent("d");
    }

    @Test
    void inputsAreNeverWrittenOver(@TempDir Path dir) throws IOException {
        Path shots = Files.createDirectories(dir.resolve("shots"));
        Files.writeString(shots.resolve("left01.png"), "image");
        Files.writeString(shots.resolve("rig.yaml"), "older calibration");
        Path named = Files.writeString(dir.resolve("in.pfm"), "named input");
        try (AtomicFiles.Unit unit = AtomicFiles.unit(List.of(shots, named))) {
            assertThatThrownBy(() -> text(shots.resolve("left01.png"), "x")).isInstanceOf(UserInputException.class)
                    .hasMessageContaining("left01.png").hasMessageContaining("inputs");
            assertThatThrownBy(() -> text(dir.resolve("./shots/../in.pfm"), "x")).isInstanceOf(UserInputException.class);
            text(shots.resolve("rig.yaml"), "new calibration"); // not an image: a result beside the shots
            unit.commit();
        }
        assertThat(shots.resolve("left01.png")).hasContent("image");
        assertThat(named).hasContent("named input");
        assertThat(shots.resolve("rig.yaml")).hasContent("new calibration");
    }

    @Test
    void aFolderWhereAFileGoesIsOneLine(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("taken"));
        assertThatThrownBy(() -> text(dir.resolve("taken"), "x")).isInstanceOf(UserInputException.class)
                .hasMessageContaining("is a folder");
        assertThat(names(dir)).containsExactly("taken");
    }
}
