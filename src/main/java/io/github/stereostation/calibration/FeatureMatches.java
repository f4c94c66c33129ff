package io.github.stereostation.calibration;

/**
 * Point matches between the left and the right view of a pair: match i is left ({@code left[2i]},
 * {@code left[2i+1]}) and right ({@code right[2i]}, {@code right[2i+1]}), pixels.
 */
public record FeatureMatches(float[] left, float[] right) {

    public FeatureMatches {
        if (left.length != right.length || left.length % 2 != 0) {
            throw new IllegalArgumentException("need as many left as right points, got " + left.length / 2
                    + " and " + right.length / 2);
        }
    }

    public static final FeatureMatches NONE = new FeatureMatches(new float[0], new float[0]);

    public int count() {
        return left.length / 2;
    }

    /** Row difference y_left - y_right of each match, pixels. */
    public double[] rowDifferences() {
        double[] dy = new double[count()];
        for (int i = 0; i < dy.length; i++) {
            dy[i] = left[2 * i + 1] - right[2 * i + 1];
        }
        return dy;
    }
}
