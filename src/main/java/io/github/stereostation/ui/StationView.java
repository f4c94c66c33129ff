package io.github.stereostation.ui;

import io.github.stereostation.geometry.DisparityToDepth;


import java.awt.image.BufferedImage;

/**
 * One finished frame ready to paint: images built on a pipeline thread plus the raw numbers behind the
 * third view so that hovering a pixel can read its disparity and distance. Plain Java, no native memory.
 *
 * @param left          left view as shown (rectified or raw)
 * @param right         right view as shown
 * @param map           disparity or depth drawn with the chosen palette; black = no value
 * @param disparity     disparity in pixels, row-major, NaN = none
 * @param depthMetres   depth in metres, row-major, NaN = unknown; null when uncalibrated
 * @param settings      how {@code map} was drawn
 * @param scaleLow      value drawn at the low end of the palette (px or m, as {@code settings} says)
 * @param scaleHigh     value drawn at the high end
 * @param geometry      disparity → metres, or null when uncalibrated
 * @param sequence      the pair's sequence number
 * @param rectified     whether left/right were rectified
 * @param measurement   measured and filled shares of the pixels (from the matcher's confidence; without one,
 *                      every pixel with a disparity counts as measured)
 */
public record StationView(BufferedImage left, BufferedImage right, BufferedImage map, float[] disparity,
                          float[] depthMetres, int width, int height, ViewSettings settings, double scaleLow,
                          double scaleHigh, DisparityToDepth geometry, long sequence, boolean rectified,
                          io.github.stereostation.depth.DisparityMap.Coverage measurement) {

    /** Disparity in pixels at (x, y) of the map, NaN outside or where there is none. */
    public double disparityAt(int x, int y) {
        if (x < 0 || y < 0 || x >= width || y >= height) {
            return Double.NaN;
        }
        return disparity[y * width + x];
    }

    /** Distance in metres at (x, y), NaN when unknown or uncalibrated. */
    public double depthAt(int x, int y) {
        if (depthMetres == null || x < 0 || y < 0 || x >= width || y >= height) {
            return Double.NaN;
        }
        return depthMetres[y * width + x];
    }

    /** Share of pixels with a disparity, 0..1. */
    public double coverage() {
        int n = 0;
        for (float v : disparity) {
            if (!Float.isNaN(v)) {
                n++;
            }
        }
        return disparity.length == 0 ? 0 : (double) n / disparity.length;
    }
}
