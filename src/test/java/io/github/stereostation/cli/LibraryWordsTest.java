package io.github.stereostation.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Library messages speak of the value ("block size 4 must be odd"); the CLI puts the flag the user typed in
 * front of them, and never blames a flag for a value that came from elsewhere.
 */
class LibraryWordsTest {

    private static String[] run(String... args) {
        StringWriter err = new StringWriter();
        var cl = StereoStation.commandLine();
        cl.setOut(new PrintWriter(new StringWriter(), true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new String[]{String.valueOf(code), err.toString().strip()};
    }

    @Test
    void theCommandLinePutsTheTypedFlagBeforeTheLibrarysWords(@TempDir Path tmp) {
        Path out = tmp.resolve("board.png");
        String[] r = run("board", "--board", "chess:9x6:25", "--dpi", "20", "--out", out.toString());
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[1]).isEqualTo("error: --dpi: resolution 20.0 dpi must be between 50 and 2400");
        r = run("board", "--board", "chess:9x6", "--out", out.toString());
        assertThat(r[1]).startsWith("error: --board: board 'chess:9x6': too few fields");
        assertThat(out).doesNotExist();
    }

    @Test
    void aValueFromTheSettingsFileIsNotBlamedOnAFlag(@TempDir Path tmp) throws IOException {
        Path settings = Files.writeString(tmp.resolve("station.yaml"), "matcher:\n  blockSize: 4\n");
        Path img = tmp.resolve("a.png");
        DepthCommandsBadInputTest.noise(img, 96, 64, 1);
        String[] r = run("disparity", img.toString(), img.toString(), "-o", tmp.toString(), "--config",
                settings.toString());
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[1]).contains("block size 4 must be odd").doesNotContain("--");
    }

    /** A string literal outside the CLI that names a flag ("--dpi") is a library message in the CLI's words. */
    @Test
    void noLibraryMessageNamesACommandLineFlag() throws IOException {
        Path main = Path.of("src/main/java/io/github/stereostation");
        Pattern flag = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*?(?<![\\w-])--[a-z][a-z-]+(?:[^\"\\\\]|\\\\.)*\"");
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(main)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                if (f.startsWith(main.resolve("cli"))) {
                    continue;
                }
                List<String> lines = Files.readAllLines(f);
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i).strip();
                    if (line.startsWith("*") || line.startsWith("//") || line.startsWith("/*")) {
                        continue;
                    }
                    Matcher m = flag.matcher(line);
                    while (m.find()) {
                        found.add(main.relativize(f) + ":" + (i + 1) + " " + m.group());
                    }
                }
            }
        }
        assertThat(found).isEmpty();
    }
}
