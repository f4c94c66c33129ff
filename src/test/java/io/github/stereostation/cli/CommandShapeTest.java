package io.github.stereostation.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Commands are thin shells over the library (../shared/DESIGN.md): no command uses another command (the root
 * {@link StereoStation} lists them, nothing else), and no file in the cli package runs over 250 lines. A job that
 * grows a command past that belongs in a library class the window can call too.
 */
class CommandShapeTest {
    private static final Path CLI = Path.of("src", "main", "java", "io", "github", "stereostation", "cli");
    private static final int MAX_LINES = 250;

    private static List<Path> sources() throws IOException {
        try (Stream<Path> files = Files.list(CLI)) {
            return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }

    private static String className(Path file) {
        String n = file.getFileName().toString();
        return n.substring(0, n.length() - ".java".length());
    }

    @Test
    void noCommandUsesAnotherCommand() throws IOException {
        List<Path> files = sources();
        List<String> commands = files.stream().map(CommandShapeTest::className).filter(n -> n.endsWith("Command")).toList();
        assertThat(commands).contains("CloudCommand", "TwoShotCommand", "BenchCommand", "DisparityCommand");
        List<String> found = new ArrayList<>();
        for (Path f : files) {
            String self = className(f);
            if (self.equals("StereoStation")) {
                continue;
            }
            String code = Files.readString(f);
            for (String other : commands) {
                if (!other.equals(self) && Pattern.compile("\\b" + other + "\\b").matcher(code).find()) {
                    found.add(self + " uses " + other);
                }
            }
        }
        assertThat(found).as("commands using commands").isEmpty();
    }

    @Test
    void noFileInTheCliPackageIsOver250Lines() throws IOException {
        List<String> tooLong = new ArrayList<>();
        for (Path f : sources()) {
            long lines;
            try (Stream<String> s = Files.lines(f)) {
                lines = s.count();
            }
            if (lines > MAX_LINES) {
                tooLong.add(f.getFileName() + ": " + lines + " lines");
            }
        }
        assertThat(tooLong).as("cli files over " + MAX_LINES + " lines").isEmpty();
    }
}
