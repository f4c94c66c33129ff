package io.github.stereostation.depth;

import io.github.stereostation.io.AtomicFiles;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Prints evaluation rows as a text table and writes them as CSV or JSON (chosen by the file extension). */
public final class EvaluationTable {
    private EvaluationTable() {
    }

    /** Rows of every scene plus one mean row per configuration (in first-seen order). */
    public static List<Evaluation.Row> withMeans(List<Evaluation.Row> rows) {
        List<Evaluation.Row> all = new ArrayList<>(rows);
        for (String c : configurations(rows)) {
            all.add(Evaluation.mean(rows, c));
        }
        return all;
    }

    static Set<String> configurations(List<Evaluation.Row> rows) {
        Set<String> names = new LinkedHashSet<>();
        rows.forEach(r -> names.add(r.configuration()));
        return names;
    }

    public static void print(List<Evaluation.Row> rowsWithMeans, PrintWriter out) {
        int cw = Math.max(13, rowsWithMeans.stream().mapToInt(r -> r.configuration().length()).max().orElse(0));
        int sw = Math.max(10, rowsWithMeans.stream().mapToInt(r -> r.scene().length()).max().orElse(0));
        String fmt = "%-" + sw + "s  %-" + cw + "s %5s %7s %7s %7s %7s %8s %6s %6s %7s %7s %9s%n";
        out.printf(Locale.ROOT, fmt, "scene", "configuration", "ndisp", "bad-1%", "bad-2%", "bad-4%", "EPE px",
                "density%", "meas%", "fill%", "b2@50%", "b2@90%", "ms");
        String last = null;
        for (Evaluation.Row r : rowsWithMeans) {
            if (last != null && !last.equals(r.scene()) && r.scene().equals("mean")) {
                out.println();
            }
            last = r.scene();
            DisparityMetrics m = r.metrics();
            out.printf(Locale.ROOT, fmt, r.scene(), r.configuration(),
                    r.numDisparities() > 0 ? Integer.toString(r.numDisparities()) : "",
                    f2(m.bad1()), f2(m.bad2()), f2(m.bad4()), f2(m.epe()), f2(m.density()),
                    f1(r.coverage().measured()), f1(r.coverage().filled()), f2(r.confident().bad2Best50()),
                    f2(r.confident().bad2Best90()), String.format(Locale.ROOT, "%.1f", r.millis()));
        }
        out.flush();
    }

    private static String f2(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String f1(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /**
     * One line per configuration: mean bad-2 on the clean scenes and under each defect, and the change.
     *
     * @param clean     mean rows of the clean run
     * @param perDefect mean rows of each defect's run, in the order given
     */
    public static void printDefects(List<Evaluation.Row> clean, java.util.Map<CameraDefect, List<Evaluation.Row>> perDefect,
                                    PrintWriter out) {
        int cw = Math.max(13, clean.stream().mapToInt(r -> r.configuration().length()).max().orElse(0));
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-" + cw + "s %8s", "mean bad-2%", "clean"));
        for (CameraDefect d : perDefect.keySet()) {
            head.append(String.format(Locale.ROOT, " %14s", d.label()));
        }
        out.println(head);
        for (Evaluation.Row c : clean) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-" + cw + "s %8.2f",
                    c.configuration(), c.metrics().bad2()));
            for (List<Evaluation.Row> rows : perDefect.values()) {
                for (Evaluation.Row r : rows) {
                    if (r.configuration().equals(c.configuration())) {
                        double b = r.metrics().bad2();
                        line.append(String.format(Locale.ROOT, " %6.2f (%+5.2f)", b, b - c.metrics().bad2()));
                    }
                }
            }
            out.println(line);
        }
        for (CameraDefect d : perDefect.keySet()) {
            out.println("  " + d.label() + ": " + d.description());
        }
        out.flush();
    }

    /** The mean rows only (one per configuration). */
    public static List<Evaluation.Row> means(List<Evaluation.Row> rows) {
        List<Evaluation.Row> out = new ArrayList<>();
        for (String c : configurations(rows)) {
            out.add(Evaluation.mean(rows, c));
        }
        return out;
    }

    /** Writes CSV (default) or JSON when the name ends in .json; atomically. */
    public static void write(Path file, List<Evaluation.Row> rowsWithMeans) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String text = name.endsWith(".json") ? json(rowsWithMeans) : csv(rowsWithMeans);
        AtomicFiles.write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    static String csv(List<Evaluation.Row> rows) {
        StringBuilder sb = new StringBuilder("scene,configuration,ndisp,bad1,bad2,bad4,epe,density,evaluated_pixels,"
                + "measured,filled,bad2_best50,bad2_best90,ms\n");
        for (Evaluation.Row r : rows) {
            DisparityMetrics m = r.metrics();
            sb.append(String.format(Locale.ROOT, "%s,%s,%d,%.4f,%.4f,%.4f,%.4f,%.4f,%d,%.4f,%.4f,%.4f,%.4f,%.2f%n",
                    r.scene(), r.configuration(), r.numDisparities(), m.bad1(), m.bad2(), m.bad4(), m.epe(),
                    m.density(), m.evaluatedPixels(), r.coverage().measured(), r.coverage().filled(),
                    r.confident().bad2Best50(), r.confident().bad2Best90(), r.millis()));
        }
        return sb.toString();
    }

    static String json(List<Evaluation.Row> rows) {
        StringBuilder sb = new StringBuilder("[\n");
        for (int i = 0; i < rows.size(); i++) {
            Evaluation.Row r = rows.get(i);
            DisparityMetrics m = r.metrics();
            sb.append(String.format(Locale.ROOT, "  {\"scene\": \"%s\", \"configuration\": \"%s\", \"ndisp\": %d, "
                            + "\"bad1\": %s, \"bad2\": %s, \"bad4\": %s, \"epe\": %s, \"density\": %s, "
                            + "\"evaluatedPixels\": %d, \"measured\": %s, \"filled\": %s, \"bad2Best50\": %s, "
                            + "\"bad2Best90\": %s, \"ms\": %.2f}%s%n",
                    esc(r.scene()), esc(r.configuration()), r.numDisparities(), num(m.bad1()), num(m.bad2()),
                    num(m.bad4()), num(m.epe()), num(m.density()), m.evaluatedPixels(),
                    num(r.coverage().measured()), num(r.coverage().filled()), num(r.confident().bad2Best50()),
                    num(r.confident().bad2Best90()), r.millis(),
                    i + 1 < rows.size() ? "," : ""));
        }
        return sb.append("]\n").toString();
    }

    private static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : "null";
    }

    private static String esc(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
