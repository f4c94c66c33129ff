package io.github.stereostation.ui;


import javax.swing.JComponent;
import javax.swing.UIManager;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.FontMetrics;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.util.Locale;

/**
 * The scale beside the disparity/depth view: the palette as a bar with ticks labelled in metres when the rig
 * is calibrated (disparity ticks are converted to the distance they mean), else in pixels of disparity.
 */
public final class ColourLegend extends JComponent {
    private volatile StationView view;
    private final ImagePanel image;

    /** A legend drawn under {@code image}, exactly as wide as the picture in it (same parent, same x). */
    public ColourLegend(ImagePanel image) {
        this.image = image;
        setPreferredSize(new Dimension(160, 42));
    }

    public void show(StationView v) {
        this.view = v;
        repaint();
    }

    /** The label text at fraction t (0 = low end of the palette) for the given view. */
    static String label(StationView v, double t) {
        double value = v.scaleLow() + t * (v.scaleHigh() - v.scaleLow());
        if (v.settings().quantity() == ViewSettings.Quantity.DEPTH) {
            // depth is drawn near = high end of the palette
            double metres = v.scaleHigh() - t * (v.scaleHigh() - v.scaleLow());
            return String.format(Locale.ROOT, "%.2f m", metres);
        }
        if (v.geometry() != null) {
            double m = v.geometry().depthMetres(value);
            return Double.isNaN(m) ? "∞" : String.format(Locale.ROOT, "%.2f m", m);
        }
        return String.format(Locale.ROOT, "%.0f px", value);
    }

    @Override
    protected void paintComponent(Graphics g0) {
        Graphics2D g = (Graphics2D) g0.create();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            StationView v = view;
            java.awt.Rectangle pic = image.imageBounds();
            int x0 = Math.max(0, pic.x);
            int w = Math.min(getWidth() - x0, pic.width);
            int barH = 14;
            if (v == null || w <= 0) {
                return;
            }
            boolean grey = v.settings().palette() == ViewSettings.Palette.GREY;
            for (int i = 0; i < w; i++) {
                int k = (int) Math.round(255.0 * i / Math.max(1, w - 1));
                g.setColor(grey ? new Color(k, k, k) : new Color(DepthColours.turbo(k)));
                g.drawLine(x0 + i, 2, x0 + i, 2 + barH);
            }
            Color fg = UIManager.getColor("Label.foreground");
            g.setColor(fg == null ? Color.BLACK : fg);
            FontMetrics fm = g.getFontMetrics();
            int ticks = 5;
            for (int i = 0; i < ticks; i++) {
                double t = (double) i / (ticks - 1);
                int x = x0 + (int) Math.round(t * (w - 1));
                g.drawLine(x, 2 + barH, x, 6 + barH);
                String s = label(v, t);
                int sx = Math.max(x0, Math.min(x0 + w - fm.stringWidth(s), x - fm.stringWidth(s) / 2));
                g.drawString(s, sx, 8 + barH + fm.getAscent());
            }
        } finally {
            g.dispose();
        }
    }
}
