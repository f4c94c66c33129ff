package io.github.stereostation;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packages' arrows as docs/architecture.md draws them, checked on the compiled classes with the JDK's
 * {@code jdeps}: no package cycle, every arrow down the page's rows, {@code depth} and {@code cloud} never reach up
 * into {@code ui}, {@code cli} or {@code pipeline}, {@code capture} does not know the synthetic rig ({@code source}
 * chooses between them), and no command imports another.
 */
class ArchitectureTest {
    private static final String BASE = "io.github.stereostation";
    private static final Path CLASSES = Path.of("target", "classes");
    private static final Pattern EDGE = Pattern.compile("^\\s+(\\S+)\\s+->\\s+(\\S+)\\s+\\S+\\s*$");

    /** Class-level arrows inside the project, package of the user -> package of the used -> the classes. */
    private static Map<String, Map<String, Set<String>>> arrows;
    /** Every class-level arrow inside the project, same package included: {user, used}. */
    private static List<String[]> classArrows;

    @BeforeAll
    static void readClasses() {
        assertThat(CLASSES.resolve("io/github/stereostation")).as("compiled classes (run through Maven)").isDirectory();
        ToolProvider jdeps = ToolProvider.findFirst("jdeps")
                .orElseThrow(() -> new AssertionError("this JDK has no jdeps tool"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int rc = jdeps.run(new PrintWriter(out), new PrintWriter(err), "-verbose:class", "-filter:none", "-e",
                Pattern.quote(BASE) + "\\..*", CLASSES.toString());
        assertThat(rc).as("jdeps: " + err).isZero();
        arrows = parse(out.toString());
        classArrows = new ArrayList<>();
        for (String line : out.toString().split("\n")) {
            Matcher m = EDGE.matcher(line);
            if (m.matches() && m.group(2).startsWith(BASE + ".")) {
                classArrows.add(new String[]{m.group(1), m.group(2)});
            }
        }
        assertThat(arrows).as("jdeps found the project's own arrows").containsKeys("cli", "pipeline", "depth");
    }

    /** "io.github.stereostation.depth.Foo$Bar" -> "depth"; the base package itself is "(base)". */
    static String packageOf(String className) {
        String pkg = className.substring(0, className.lastIndexOf('.'));
        return pkg.equals(BASE) ? "(base)" : pkg.substring(BASE.length() + 1);
    }

    static Map<String, Map<String, Set<String>>> parse(String jdepsOutput) {
        Map<String, Map<String, Set<String>>> g = new TreeMap<>();
        for (String line : jdepsOutput.split("\n")) {
            Matcher m = EDGE.matcher(line);
            if (!m.matches() || !m.group(2).startsWith(BASE + ".")) {
                continue;
            }
            String from = packageOf(m.group(1));
            String to = packageOf(m.group(2));
            if (!from.equals(to)) {
                g.computeIfAbsent(from, k -> new TreeMap<>()).computeIfAbsent(to, k -> new TreeSet<>())
                        .add(simple(m.group(1)) + " -> " + simple(m.group(2)));
            }
        }
        return g;
    }

    private static String simple(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    @Test
    void noPackageCycle() {
        List<List<String>> cycles = cycles(arrows);
        StringBuilder why = new StringBuilder();
        for (List<String> c : cycles) {
            why.append("\npackages ").append(c).append(" form a cycle:");
            for (String a : c) {
                for (String b : c) {
                    Set<String> uses = arrows.getOrDefault(a, Map.of()).get(b);
                    if (uses != null) {
                        why.append("\n  ").append(a).append(" -> ").append(b).append(": ")
                                .append(String.join(", ", uses.stream().limit(3).toList()))
                                .append(uses.size() > 3 ? ", …" : "");
                    }
                }
            }
        }
        assertThat(cycles).as(why.toString()).isEmpty();
    }

    /** The rows of docs/architecture.md's picture: a package imports only packages on lower rows. */
    static final Map<String, Integer> LAYERS = Map.ofEntries(
            Map.entry("(base)", 0), Map.entry("config", 1), Map.entry("io", 1), Map.entry("geometry", 1),
            Map.entry("capture", 2), Map.entry("cloud", 2), Map.entry("calibration", 3),
            Map.entry("depth", 4), Map.entry("sim", 5), Map.entry("models", 5), Map.entry("source", 6),
            Map.entry("pipeline", 7),
            Map.entry("ui.wizard", 8), Map.entry("ui", 9), Map.entry("cli", 10));

    @Test
    void everyArrowPointsDownTheLayersOfTheArchitecturePage() {
        List<String> up = new ArrayList<>();
        arrows.forEach((from, tos) -> tos.forEach((to, uses) -> {
            Integer a = LAYERS.get(from);
            Integer b = LAYERS.get(to);
            // a package not on the page yet is held to the cycle rule only, until the page places it
            if (a != null && b != null && b >= a) {
                up.add(from + " (row " + a + ") -> " + to + " (row " + b + "): "
                        + String.join(", ", uses.stream().limit(3).toList()));
            }
        }));
        assertThat(up).as("arrows that do not point down (docs/architecture.md)").isEmpty();
    }

    @Test
    void depthAndCloudNeverReachUpIntoUiCliOrPipeline() {
        assertNoArrows(List.of("depth", "cloud"), List.of("ui", "cli", "pipeline"));
    }

    @Test
    void noCommandImportsAnotherCommand() {
        Set<String> found = new TreeSet<>();
        for (String[] a : classArrows) {
            String from = outer(a[0]);
            String to = outer(a[1]);
            if (isCommand(from) && isCommand(to) && !from.equals(to)) {
                found.add(simple(from) + " -> " + simple(to));
            }
        }
        assertThat(found).as("commands are thin shells over library classes, never over each other").isEmpty();
    }

    private static String outer(String className) {
        int dollar = className.indexOf('$');
        return dollar < 0 ? className : className.substring(0, dollar);
    }

    private static boolean isCommand(String className) {
        return className.startsWith(BASE + ".cli.") && className.endsWith("Command");
    }

    @Test
    void captureDoesNotKnowTheSyntheticRig() {
        assertNoArrows(List.of("capture"), List.of("sim", "source"));
    }

    private static void assertNoArrows(List<String> lower, List<String> upper) {
        List<String> found = new ArrayList<>();
        arrows.forEach((from, tos) -> tos.forEach((to, uses) -> {
            if (within(from, lower) && within(to, upper)) {
                found.add(from + " -> " + to + ": " + String.join(", ", uses));
            }
        }));
        assertThat(found).as("arrows pointing up").isEmpty();
    }

    /** A package or one of its sub-packages ("ui.wizard" is within "ui"). */
    private static boolean within(String pkg, List<String> roots) {
        return roots.stream().anyMatch(r -> pkg.equals(r) || pkg.startsWith(r + "."));
    }

    /** The strongly connected components of more than one package (Tarjan), each sorted. */
    static List<List<String>> cycles(Map<String, Map<String, Set<String>>> g) {
        Set<String> nodes = new TreeSet<>(g.keySet());
        g.values().forEach(t -> nodes.addAll(t.keySet()));
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<List<String>> out = new ArrayList<>();
        int[] next = {0};
        for (String n : nodes) {
            if (!index.containsKey(n)) {
                connect(n, g, index, low, stack, onStack, out, next);
            }
        }
        return out;
    }

    private static void connect(String v, Map<String, Map<String, Set<String>>> g, Map<String, Integer> index,
                                Map<String, Integer> low, Deque<String> stack, Set<String> onStack,
                                List<List<String>> out, int[] next) {
        index.put(v, next[0]);
        low.put(v, next[0]);
        next[0]++;
        stack.push(v);
        onStack.add(v);
        for (String w : g.getOrDefault(v, Map.of()).keySet()) {
            if (!index.containsKey(w)) {
                connect(w, g, index, low, stack, onStack, out, next);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            List<String> component = new ArrayList<>();
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                component.add(w);
            } while (!w.equals(v));
            if (component.size() > 1) {
                component.sort(null);
                out.add(component);
            }
        }
    }

    @Test
    void theCycleFinderFindsACycleAndOnlyACycle() {
        String sample = """
                   io.github.stereostation.a.X -> io.github.stereostation.b.Y   classes
                   io.github.stereostation.b.Y -> io.github.stereostation.c.Z   classes
                   io.github.stereostation.c.Z -> io.github.stereostation.a.X   classes
                   io.github.stereostation.c.Z -> io.github.stereostation.d.W   classes
                   io.github.stereostation.d.W -> java.lang.Object              java.base
                """;
        assertThat(cycles(parse(sample))).containsExactly(List.of("a", "b", "c"));
        assertThat(cycles(parse(sample.replace("io.github.stereostation.c.Z -> io.github.stereostation.a.X",
                "io.github.stereostation.c.Z -> io.github.stereostation.d.X")))).isEmpty();
    }
}
