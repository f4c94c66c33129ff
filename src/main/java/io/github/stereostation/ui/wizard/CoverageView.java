package io.github.stereostation.ui.wizard;

import io.github.stereostation.calibration.CoverageMap;

import javax.swing.JComponent;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.Font;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.util.List;
import java.util.Locale;

/**
 * The coverage bars (X, Y, size, skew; green when full) and, below them, a map per camera of the image
 * cells where corners have been collected (darker = more corners, red outline = still empty).
 */
final class CoverageView extends JComponent {
    private static final String[] NAMES = {"X", "Y", "Size", "Skew"};
    private double[] bars = new double[4];
    private List<CoverageMap> maps = List.of();
    private String status = "";

    CoverageView() {
        setPreferredSize(new Dimension(220, 300));
    }

    void show(double[] bars, List<CoverageMap> maps, String status) {
        this.bars = bars.clone();
        this.maps = List.copyOf(maps);
        this.status = status;
        repaint();
    }

    @Override
    protected void paintComponent(Graphics g0) {
        Graphics2D g = (Graphics2D) g0.create();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(getBackground() == null ? Color.WHITE : getBackground());
            g.fillRect(0, 0, getWidth(), getHeight());
            g.setFont(g.getFont().deriveFont(Font.PLAIN, 12f));
            int y = 6;
            int barX = 44;
            int barW = getWidth() - barX - 44;
            for (int k = 0; k < 4; k++) {
                g.setColor(Color.DARK_GRAY);
                g.drawString(NAMES[k], 6, y + 13);
                g.setColor(new Color(225, 225, 225));
                g.fillRect(barX, y + 2, barW, 14);
                g.setColor(bars[k] >= 1 ? new Color(40, 170, 80) : new Color(230, 150, 30));
                g.fillRect(barX, y + 2, (int) (barW * Math.min(1, bars[k])), 14);
                g.setColor(Color.DARK_GRAY);
                g.drawRect(barX, y + 2, barW, 14);
                g.drawString(String.format(Locale.ROOT, "%3.0f%%", 100 * bars[k]), barX + barW + 4, y + 14);
                y += 22;
            }
            g.drawString(status, 6, y + 12);
            y += 22;
            int n = Math.max(1, maps.size());
            int mapW = (getWidth() - 12 - (n - 1) * 8) / n;
            for (int m = 0; m < maps.size(); m++) {
                CoverageMap map = maps.get(m);
                int mapH = (int) (mapW * 0.75);
                int mx = 6 + m * (mapW + 8);
                g.setColor(Color.DARK_GRAY);
                g.drawString(maps.size() == 1 ? "Image" : m == 0 ? "Left" : "Right", mx, y + 10);
                int my = y + 14;
                int max = 1;
                for (int c : map.counts()) {
                    max = Math.max(max, c);
                }
                double cw = mapW / (double) map.columns();
                double ch = mapH / (double) map.rows();
                for (int r = 0; r < map.rows(); r++) {
                    for (int c = 0; c < map.columns(); c++) {
                        int count = map.count(c, r);
                        int cx = mx + (int) (c * cw);
                        int cy = my + (int) (r * ch);
                        int cwi = (int) ((c + 1) * cw) - (int) (c * cw);
                        int chi = (int) ((r + 1) * ch) - (int) (r * ch);
                        if (count == 0) {
                            g.setColor(new Color(250, 225, 225));
                        } else {
                            int shade = (int) (200 - 150 * Math.min(1.0, count / (double) max));
                            g.setColor(new Color(shade / 3, shade, shade / 2 + 40));
                        }
                        g.fillRect(cx, cy, cwi, chi);
                        g.setColor(Color.WHITE);
                        g.drawRect(cx, cy, cwi, chi);
                    }
                }
                g.setColor(Color.GRAY);
                g.drawRect(mx, my, mapW, mapH);
            }
        } finally {
            g.dispose();
        }
    }
}
