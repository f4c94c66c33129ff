package io.github.stereostation.pipeline;

/** The last N samples of one figure (a stage's time, the latency), for a mean that follows the live rate. */
final class RollingWindow {
    private final double[] values;
    private int next;
    private int count;
    private double last;

    RollingWindow(int size) {
        values = new double[size];
    }

    synchronized void add(double v) {
        values[next] = v;
        next = (next + 1) % values.length;
        count = Math.min(count + 1, values.length);
        last = v;
    }

    synchronized double mean() {
        if (count == 0) {
            return Double.NaN;
        }
        double s = 0;
        for (int i = 0; i < count; i++) {
            s += values[i];
        }
        return s / count;
    }

    synchronized double max() {
        if (count == 0) {
            return Double.NaN;
        }
        double m = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < count; i++) {
            m = Math.max(m, values[i]);
        }
        return m;
    }

    synchronized double last() {
        return count == 0 ? Double.NaN : last;
    }
}
