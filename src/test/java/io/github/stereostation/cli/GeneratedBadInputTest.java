package io.github.stereostation.cli;

import io.github.stereostation.OpenCvNative;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input generated from the commands' own option specs: for every option, values of its type that are garbage
 * or out of range; for every file it reads, a missing, empty, truncated, folder or wrong-format file; for every
 * file it writes, a folder, an input file and a folder that does not exist yet. Each case starts from a command
 * line that works on a small synthetic fixture and changes one thing. Whatever happens, the command must end in
 * exit 0 or 2, never a bug (1) or a stack trace; on exit 2 it prints one line, writes no file and changes none.
 * Every case runs in this JVM (a few seconds for all of them).
 */
class GeneratedBadInputTest {
    @TempDir
    static Path tmp;
    static Path fixture;
    static final ExecutorService RUNNER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "bad-input-case");
        t.setDaemon(true);
        return t;
    });

    record Outcome(int code, String err, String out) {
    }

    @BeforeAll
    static void fixture() throws Exception {
        OpenCvNative.load();
        System.setProperty("stereostation.log", tmp.resolve("error.log").toString());
        fixture = Files.createDirectories(tmp.resolve("fixture"));
        Outcome o = run(List.of("sim", "--out", fixture.resolve("scene").toString(), "--width", "64", "--height", "48",
                "--supersampling", "1"));
        assertThat(o.code()).as(o.err()).isZero();
        o = run(List.of("sim", "--out", fixture.resolve("raw").toString(), "--raw", "--width", "64", "--height", "48",
                "--supersampling", "1"));
        assertThat(o.code()).as(o.err()).isZero();
        Files.writeString(fixture.resolve("notes.txt"), "not an image, not a calibration, not a point cloud\n");
        Files.createFile(fixture.resolve("empty.dat"));
        Files.createDirectories(fixture.resolve("a-folder"));
        try (Stream<Path> s = Files.walk(fixture)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                PRISTINE.put(fixture.relativize(p), Files.readAllBytes(p));
            }
        }
    }

    @AfterAll
    static void stop() {
        RUNNER.shutdownNow();
    }

    /** A command line that works on the fixture; each case changes one option or file of it. */
    static Map<String, List<String>> bases() {
        String s = fixture.resolve("scene").toString();
        String raw = fixture.resolve("raw").toString();
        Map<String, List<String>> b = new LinkedHashMap<>();
        b.put("disparity", List.of(s + "/im0.png", s + "/im1.png", "-o", "@OUT", "--preset", "fast"));
        b.put("eval", List.of(s, "--preset", "fast", "--out", "@OUT/table.csv"));
        b.put("cloud", List.of(s + "/im0.png", "--disparity", s + "/disp0GT.pfm", "--calib-txt", s + "/calib.txt",
                "--out", "@OUT/c.ply"));
        b.put("rectify", List.of("--calibration", raw + "/calibration-truth.yml", raw + "/im0.png", raw + "/im1.png",
                "--out", "@OUT/r"));
        b.put("rectify-uncalibrated", List.of(s + "/im0.png", s + "/im1.png", "--out", "@OUT/ru"));
        b.put("board", List.of("--board", "chess:9x6:25", "--out", "@OUT/b.pdf"));
        b.put("calibrate", List.of(s, "--board", "chess:9x6:25", "--out", "@OUT/rig.yaml"));
        b.put("sim", List.of("--out", "@OUT/s", "--width", "48", "--height", "32", "--supersampling", "1"));
        b.put("record", List.of("--source", "replay:" + s, "--out", "@OUT/rec", "--frames", "1"));
        b.put("snapshot", List.of("--source", "replay:" + s, "--out", "@OUT/snap"));
        b.put("fuse", List.of("--mono", s + "/disp0GT.pfm", "--disparity", s + "/disp0GT.pfm", "--calib", s + "/calib.txt",
                "--left", s + "/im0.png", "--out", "@OUT/f.ply"));
        b.put("mono", List.of(s + "/im0.png", "--out", "@OUT/m.ply"));
        b.put("cameras", List.of("--timeout-ms", "100"));
        b.put("refine-rectification", List.of("--calibration", raw + "/calibration-truth.yml", "--source", "replay:" + raw,
                "--out", "@OUT/refined.yaml"));
        b.put("models", List.of("--folder", "@OUT/models"));
        return b;
    }

    /** Outputs by their option names, as the command line knows them; every other file or folder option is read. */
    static final List<String> OUTPUT_OPTIONS = StereoStation.OUTPUT_OPTIONS;

    record Case(String command, String what, List<String> args) {
    }

    static List<Case> cases(String command, List<String> base, CommandLine cl) {
        List<Case> cases = new ArrayList<>();
        cases.add(new Case(command, "as given", base));
        for (OptionSpec o : cl.getCommandSpec().options()) {
            if (o.usageHelp() || o.versionHelp() || o.arity().max() == 0) {
                continue;
            }
            String name = o.longestName();
            for (String v : valuesFor(o, name, base)) {
                cases.add(new Case(command, name + " " + (v.isEmpty() ? "''" : v), with(base, o.names(), v)));
            }
        }
        int index = 0;
        for (var p : cl.getCommandSpec().positionalParameters()) {
            int at = positionalIndex(base, cl, index++);
            if (at < 0 || !Path.class.equals(p.type()) && !isPathList(p)) {
                continue;
            }
            for (String v : inputFiles(base.get(at))) {
                List<String> args = new ArrayList<>(base);
                args.set(at, v);
                cases.add(new Case(command, p.paramLabel() + " " + shortName(v), args));
            }
        }
        return cases;
    }

    static boolean isPathList(ArgSpec a) {
        return List.class.isAssignableFrom(a.type()) && a.auxiliaryTypes().length > 0 && a.auxiliaryTypes()[0] == Path.class;
    }

    /** Where the n-th positional parameter sits in the base command line (options and their values skipped). */
    static int positionalIndex(List<String> base, CommandLine cl, int n) {
        int seen = 0;
        for (int i = 0; i < base.size(); i++) {
            String a = base.get(i);
            if (a.startsWith("-")) {
                OptionSpec o = cl.getCommandSpec().findOption(a);
                if (o != null && o.arity().max() > 0) {
                    i++;
                }
                continue;
            }
            if (seen++ == n) {
                return i;
            }
        }
        return -1;
    }

    static List<String> valuesFor(OptionSpec o, String name, List<String> base) {
        Class<?> t = o.type();
        if (t == int.class || t == Integer.class || t == long.class || t == Long.class) {
            return List.of("x", "-1", "100000", "99999999999");
        }
        if (t == double.class || t == Double.class) {
            return List.of("x", "-1", "NaN", "1e300");
        }
        if (t == Path.class) {
            if (OUTPUT_OPTIONS.stream().anyMatch(n -> List.of(o.names()).contains(n))) {
                return outputValues(o, base);
            }
            String given = valueIn(base, o.names());
            return inputFiles(given != null ? given : fixture.resolve("scene/calib.txt").toString());
        }
        if (t == String.class || List.class.isAssignableFrom(t)) {
            if (name.equals("--source")) {
                return List.of("garbage", "replay:" + fixture.resolve("nothing-here"), "replay:" + fixture.resolve("a-folder"),
                        "video:" + fixture.resolve("notes.txt"));
            }
            return List.of("", "garbage", "../x");
        }
        return List.of("x");
    }

    /** A folder where a file goes (or a file where a folder goes), an input file, and a folder not there yet. */
    static List<String> outputValues(OptionSpec o, List<String> base) {
        boolean folder = o.paramLabel().equals("DIR");
        String input = fixture.resolve("scene/im0.png").toString();
        List<String> v = new ArrayList<>();
        v.add(folder ? fixture.resolve("notes.txt").toString() : fixture.resolve("a-folder").toString());
        v.add(folder ? fixture.resolve("scene").toString() : input);
        String given = valueIn(base, o.names());
        String leaf = given == null ? "x" + (folder ? "" : ".ply") : Path.of(given).getFileName().toString();
        v.add("@OUT/new/deeper/" + leaf);
        return v;
    }

    static List<String> inputFiles(String valid) {
        List<String> v = new ArrayList<>();
        v.add(fixture.resolve("does-not-exist").toString());
        v.add(fixture.resolve("empty.dat").toString());
        v.add(fixture.resolve("a-folder").toString());
        v.add(fixture.resolve("notes.txt").toString());
        Path p = Path.of(valid);
        if (Files.isRegularFile(p)) {
            v.add("@TRUNCATED:" + valid);
        }
        return v;
    }

    static String valueIn(List<String> base, String[] names) {
        for (int i = 0; i + 1 < base.size(); i++) {
            if (List.of(names).contains(base.get(i))) {
                return base.get(i + 1);
            }
        }
        return null;
    }

    static List<String> with(List<String> base, String[] names, String value) {
        List<String> args = new ArrayList<>(base);
        for (int i = 0; i + 1 < args.size(); i++) {
            if (List.of(names).contains(args.get(i))) {
                args.set(i + 1, value);
                return args;
            }
        }
        args.add(names[names.length - 1]);
        args.add(value);
        return args;
    }

    static String shortName(String v) {
        return v.startsWith("@") ? v.replaceAll("^@TRUNCATED:.*", "truncated") : Path.of(v).getFileName().toString();
    }

    @Test
    void everyCommandEndsCleanlyOnBadInputAndLosesNothing() throws Exception {
        CommandLine root = StereoStation.commandLine();
        Map<String, int[]> table = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        int n = 0;
        long t0 = System.nanoTime();
        for (var e : bases().entrySet()) {
            CommandLine cl = root.getSubcommands().get(e.getKey());
            assertThat(cl).as(e.getKey()).isNotNull();
            for (Case c : cases(e.getKey(), e.getValue(), cl)) {
                Path out = tmp.resolve("case-" + n++);
                Files.createDirectories(out);
                String problem = check(c, out);
                int[] row = table.computeIfAbsent(c.command(), k -> new int[2]);
                row[0]++;
                if (problem == null) {
                    row[1]++;
                } else {
                    failures.add(c.command() + " " + c.what() + ": " + problem);
                }
            }
        }
        StringBuilder report = new StringBuilder(String.format(Locale.ROOT, "%-22s %6s %6s%n", "command", "tried", "clean"));
        table.forEach((k, v) -> report.append(String.format(Locale.ROOT, "%-22s %6d %6d%n", k, v[0], v[1])));
        report.append(String.format(Locale.ROOT, "%d cases in %.1f s%n", n, (System.nanoTime() - t0) / 1e9));
        System.out.print(report);
        failures.forEach(f -> System.out.println("  " + f));
        assertThat(failures).as(report.toString()).isEmpty();
    }

    /** Runs one case; returns what went wrong, or null when it ended cleanly. */
    static String check(Case c, Path out) throws Exception {
        List<String> args = new ArrayList<>();
        args.add(c.command());
        for (String a : c.args()) {
            if (a.startsWith("@TRUNCATED:")) {
                Path whole = Path.of(a.substring("@TRUNCATED:".length()));
                byte[] bytes = Files.readAllBytes(whole);
                Path cut = out.resolveSibling(out.getFileName() + "-cut-" + whole.getFileName());
                Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));
                a = cut.toString();
            }
            args.add(a.replace("@OUT", out.toString()));
        }
        Map<Path, String> before = hashes(fixture);
        Outcome o;
        try {
            o = RUNNER.submit(() -> run(args)).get(30, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            return "still running after 30 s";
        }
        String err = o.err().strip();
        if (o.code() != 0 && o.code() != 2) {
            return "exit " + o.code() + ": " + firstLine(err);
        }
        if (err.contains("\tat ") || err.contains("Exception in") || err.contains("Caused by")) {
            return "stack trace: " + firstLine(err);
        }
        Map<Path, String> after = hashes(fixture);
        String changed = diff(before, after, o.code() == 0 ? inputsOf(c) : null);
        restore(before, after); // keep the fixture as it was for the next case
        if (!changed.isEmpty()) {
            return "changed the fixture's files: " + changed;
        }
        if (o.code() == 2) {
            if (err.lines().count() != 1 || !err.startsWith("error: ")) {
                return "not one error line: " + err.replace("\n", " | ");
            }
            List<Path> left = files(out);
            if (!left.isEmpty()) {
                return "exit 2 but left " + left;
            }
        }
        return null;
    }

    static Outcome run(List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream sysOut = new ByteArrayOutputStream();
        ByteArrayOutputStream sysErr = new ByteArrayOutputStream();
        System.setOut(new PrintStream(sysOut, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(sysErr, true, StandardCharsets.UTF_8));
        int code;
        try {
            CommandLine cl = StereoStation.commandLine();
            cl.setOut(new PrintWriter(out, true));
            cl.setErr(new PrintWriter(err, true));
            code = cl.execute(args.toArray(String[]::new));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        return new Outcome(code, err + sysErr.toString(StandardCharsets.UTF_8), out + sysOut.toString(StandardCharsets.UTF_8));
    }

    static Map<Path, String> hashes(Path dir) throws IOException {
        Map<Path, String> h = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.toList()) {
                h.put(dir.relativize(p), Files.isRegularFile(p) ? sha(p) : "folder");
            }
        }
        return h;
    }

    static String sha(Path p) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * After a failure: every file changed, added or removed. After a success ({@code inputs} given): only files the
     * command read, named or inside a folder it read, may not change (new files beside them are fine, and an output
     * the user named may replace an old file).
     */
    static String diff(Map<Path, String> a, Map<Path, String> b, List<Path> inputs) {
        List<String> d = new ArrayList<>();
        for (var e : b.entrySet()) {
            if (e.getValue().equals(a.get(e.getKey()))) {
                continue;
            }
            boolean existed = a.containsKey(e.getKey());
            Path abs = fixture.resolve(e.getKey());
            if (inputs == null || existed && !e.getValue().equals("folder")
                    && (inputs.contains(abs) || inputs.contains(abs.getParent()))) {
                d.add((existed ? "changed " : "new ") + e.getKey());
            }
        }
        a.keySet().stream().filter(k -> !b.containsKey(k)).forEach(k -> d.add("removed " + k));
        return String.join(", ", d);
    }

    /** The fixture files and folders a case reads: its arguments but the values of output options. */
    static List<Path> inputsOf(Case c) {
        List<Path> in = new ArrayList<>();
        for (int i = 0; i < c.args().size(); i++) {
            String a = c.args().get(i);
            if (OUTPUT_OPTIONS.contains(a)) {
                i++;
                continue;
            }
            String path = a.startsWith("replay:") ? a.substring(7) : a;
            if (path.startsWith(fixture.toString())) {
                in.add(Path.of(path).normalize());
            }
        }
        return in;
    }

    static final Map<Path, byte[]> PRISTINE = new TreeMap<>();

    /** Puts the fixture back as it was made: removes new files, restores changed and removed ones. */
    static void restore(Map<Path, String> before, Map<Path, String> after) throws IOException {
        if (PRISTINE.isEmpty()) {
            throw new IllegalStateException("no pristine copy of the fixture");
        }
        for (var e : before.entrySet()) {
            if (!e.getValue().equals("folder") && !e.getValue().equals(after.get(e.getKey()))) {
                Path abs = fixture.resolve(e.getKey());
                Files.createDirectories(abs.getParent());
                Files.write(abs, PRISTINE.get(e.getKey()));
            }
        }
        removeNew(before, after);
    }

    static void removeNew(Map<Path, String> before, Map<Path, String> after) throws IOException {
        List<Path> added = after.keySet().stream().filter(k -> !before.containsKey(k))
                .sorted(java.util.Comparator.comparingInt(Path::getNameCount).reversed()).toList();
        for (Path p : added) {
            Path abs = fixture.resolve(p);
            if (Files.isDirectory(abs)) {
                try (Stream<Path> s = Files.walk(abs)) {
                    for (Path q : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(q);
                    }
                }
            } else {
                Files.deleteIfExists(abs);
            }
        }
    }

    static List<Path> files(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(dir::relativize).toList();
        }
    }

    static String firstLine(String s) {
        return s.lines().findFirst().orElse("");
    }
}
