package io.github.stereostation.calibration;

/**
 * How far corresponding points are from the same row after rectification: |y_left - y_right| in rectified
 * pixels over {@code pointCount} points (mean, RMS, max).
 */
public record EpipolarError(double meanPx, double rmsPx, double maxPx, int pointCount) {

    static EpipolarError of(double[] dy, int n) {
        if (n == 0) {
            return new EpipolarError(0, 0, 0, 0);
        }
        double sum = 0;
        double sq = 0;
        double max = 0;
        for (int i = 0; i < n; i++) {
            double a = Math.abs(dy[i]);
            sum += a;
            sq += a * a;
            max = Math.max(max, a);
        }
        return new EpipolarError(sum / n, Math.sqrt(sq / n), max, n);
    }
}
