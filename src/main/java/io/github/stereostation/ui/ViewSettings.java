package io.github.stereostation.ui;

/**
 * How the station draws its third view: what (disparity or depth) and with which palette, and whether the
 * left/right views show the rectified pair or the raw capture.
 */
public record ViewSettings(Quantity quantity, Palette palette, boolean showRectified) {

    public enum Quantity { DISPARITY, DEPTH }

    public enum Palette { COLOUR, GREY }

    public static ViewSettings defaults() {
        return new ViewSettings(Quantity.DISPARITY, Palette.COLOUR, true);
    }

    public ViewSettings withQuantity(Quantity q) {
        return new ViewSettings(q, palette, showRectified);
    }
}
