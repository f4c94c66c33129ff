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
        String fmt = "%-" + sw + "s  %-" + cw + "s %5s %7s %7s %7s %7s %8s %9s%n";
        out.printf(Locale.ROOT, fmt, "scene", "configuration", "ndisp", "bad-1%", "bad-2%", "bad-4%", "EPE px",
                "density%", "ms");
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
                    String.format(Locale.ROOT, "%.1f", r.millis()));
        }
        out.flush();
    }

    private static String f2(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    /** Writes CSV (default) or JSON when the name ends in .json; atomically. */
    public static void write(Path file, List<Evaluation.Row> rowsWithMeans) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String text = name.endsWith(".json") ? json(rowsWithMeans) : csv(rowsWithMeans);
        AtomicFiles.write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    static String csv(List<Evaluation.Row> rows) {
        StringBuilder sb = new StringBuilder("scene,configuration,ndisp,bad1,bad2,bad4,epe,density,evaluated_pixels,ms\n");
        for (Evaluation.Row r : rows) {
            DisparityMetrics m = r.metrics();
            sb.append(String.format(Locale.ROOT, "%s,%s,%d,%.4f,%.4f,%.4f,%.4f,%.4f,%d,%.2f%n", r.scene(),
                    r.configuration(), r.numDisparities(), m.bad1(), m.bad2(), m.bad4(), m.epe(), m.density(),
                    m.evaluatedPixels(), r.millis()));
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
                            + "\"evaluatedPixels\": %d, \"ms\": %.2f}%s%n",
                    esc(r.scene()), esc(r.configuration()), r.numDisparities(), num(m.bad1()), num(m.bad2()),
                    num(m.bad4()), num(m.epe()), num(m.density()), m.evaluatedPixels(), r.millis(),
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
