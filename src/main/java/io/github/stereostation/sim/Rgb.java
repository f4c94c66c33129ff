package io.github.stereostation.sim;

/** A linear colour with components in 0..1. */
public record Rgb(double r, double g, double b) {
    public static final Rgb GREY = new Rgb(0.5, 0.5, 0.5);
    public static final Rgb WHITE = new Rgb(1, 1, 1);
    public static final Rgb BLACK = new Rgb(0, 0, 0);
}
