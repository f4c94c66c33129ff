package io.github.stereostation.ui.wizard;

import io.github.stereostation.calibration.BoardCorners;

import javax.swing.JComponent;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.Font;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;

/**
 * One camera's live image with the detected corners drawn over it (rows in alternating colours, joined in
 * detection order so a flipped numbering shows), a title, and a green frame while the board is found.
 */
final class LiveView extends JComponent {
    private final String title;
    private BufferedImage image;
    private BoardCorners corners;
    private String placeholder = "waiting for frames";

    LiveView(String title) {
        this.title = title;
        setPreferredSize(new Dimension(400, 300));
    }

    void show(BufferedImage image, BoardCorners corners) {
        this.image = image;
        this.corners = corners;
        repaint();
    }

    /** No picture (the camera is gone): shows {@code text} instead of a stale frame. */
    void placeholder(String text) {
        this.placeholder = text;
        this.image = null;
        this.corners = null;
        repaint();
    }

    @Override
    protected void paintComponent(Graphics g0) {
        Graphics2D g = (Graphics2D) g0.create();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setColor(new Color(30, 30, 30));
            g.fillRect(0, 0, getWidth(), getHeight());
            int top = 18;
            g.setColor(Color.LIGHT_GRAY);
            g.setFont(g.getFont().deriveFont(Font.BOLD, 12f));
            g.drawString(title, 4, 13);
            if (image == null) {
                g.setFont(g.getFont().deriveFont(Font.PLAIN, 12f));
                drawWrapped(g, placeholder, 8, top + 20, getWidth() - 16);
                return;
            }
            double s = Math.min(getWidth() / (double) image.getWidth(), (getHeight() - top) / (double) image.getHeight());
            int w = (int) (image.getWidth() * s);
            int h = (int) (image.getHeight() * s);
            int x0 = (getWidth() - w) / 2;
            int y0 = top + (getHeight() - top - h) / 2;
            g.drawImage(image, x0, y0, w, h, null);
            if (corners != null) {
                drawCorners(g, corners, x0, y0, s);
                g.setColor(new Color(40, 200, 90));
                g.setStroke(new BasicStroke(3));
                g.drawRect(x0 + 1, y0 + 1, w - 3, h - 3);
            }
        } finally {
            g.dispose();
        }
    }

    private static void drawWrapped(Graphics2D g, String text, int x, int y, int width) {
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && g.getFontMetrics().stringWidth(line + " " + word) > width) {
                g.drawString(line.toString(), x, y);
                y += g.getFontMetrics().getHeight();
                line.setLength(0);
            }
            line.append(line.length() > 0 ? " " : "").append(word);
        }
        g.drawString(line.toString(), x, y);
    }

    static void drawCorners(Graphics2D g, BoardCorners c, double x0, double y0, double s) {
        Path2D path = new Path2D.Double();
        for (int i = 0; i < c.count(); i++) {
            double x = x0 + (c.x(i) + 0.5) * s;
            double y = y0 + (c.y(i) + 0.5) * s;
            if (i == 0) {
                path.moveTo(x, y);
            } else {
                path.lineTo(x, y);
            }
        }
        g.setStroke(new BasicStroke(1.2f));
        g.setColor(new Color(255, 200, 0, 170));
        g.draw(path);
        double r = Math.max(2.5, 3 * s);
        for (int i = 0; i < c.count(); i++) {
            double x = x0 + (c.x(i) + 0.5) * s;
            double y = y0 + (c.y(i) + 0.5) * s;
            g.setColor(i == 0 ? Color.RED : (c.ids()[i] / Math.max(1, rowLength(c))) % 2 == 0
                    ? new Color(0, 220, 255) : new Color(255, 80, 220));
            g.draw(new Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r));
        }
    }

    /** Corners per row, guessed from where the numbering jumps back to the left. */
    private static int rowLength(BoardCorners c) {
        for (int i = 1; i < c.count(); i++) {
            if (c.x(i) < c.x(i - 1) - 1e-3 && Math.abs(c.y(i) - c.y(0)) > Math.abs(c.y(i - 1) - c.y(0))) {
                return i;
            }
        }
        return c.count();
    }
}
