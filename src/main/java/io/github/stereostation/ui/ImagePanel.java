package io.github.stereostation.ui;

import javax.swing.JComponent;
import javax.swing.UIManager;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.Point;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Paints one ready-made image scaled to fit (aspect kept), a title, overlay lines, and a cross-hair at the
 * probed pixel. Reports hovered/clicked pixels in image coordinates. Does no image processing.
 */
public final class ImagePanel extends JComponent {
    private volatile String title;
    private volatile BufferedImage image;
    private volatile List<String> overlay = List.of();
    private volatile Point probe;
    private BiConsumer<Point, Boolean> pixelListener = (p, clicked) -> { };

    public ImagePanel(String title) {
        this.title = title;
        setPreferredSize(new Dimension(320, 240));
        setMinimumSize(new Dimension(160, 120));
        setOpaque(true);
        MouseAdapter mouse = new MouseAdapter() {
            @Override
            public void mouseMoved(MouseEvent e) {
                report(e, false);
            }

            @Override
            public void mouseClicked(MouseEvent e) {
                report(e, true);
            }
        };
        addMouseListener(mouse);
        addMouseMotionListener(mouse);
    }

    /** Called with the image pixel under the mouse (hover: false, click: true); null when outside the image. */
    public void onPixel(BiConsumer<Point, Boolean> listener) {
        this.pixelListener = listener;
    }

    public void setImage(BufferedImage img) {
        this.image = img;
        repaint();
    }

    /** Changes the title drawn above the image ("Disparity" or "Depth"). */
    public void setTitle(String t) {
        if (!t.equals(title)) {
            title = t;
            repaint();
        }
    }

    public String title() {
        return title;
    }

    public BufferedImage image() {
        return image;
    }

    public void setOverlay(List<String> lines) {
        this.overlay = List.copyOf(lines);
        repaint();
    }

    public void setProbe(Point p) {
        this.probe = p;
        repaint();
    }

    /** Where the image is drawn inside this component (fit, centred). */
    public Rectangle imageBounds() {
        BufferedImage img = image;
        int top = titleHeight();
        int w = getWidth();
        int h = getHeight() - top;
        if (img == null || w <= 0 || h <= 0) {
            return new Rectangle(0, top, Math.max(0, w), Math.max(0, h));
        }
        double s = Math.min((double) w / img.getWidth(), (double) h / img.getHeight());
        int dw = (int) Math.round(img.getWidth() * s);
        int dh = (int) Math.round(img.getHeight() * s);
        return new Rectangle((w - dw) / 2, top + (h - dh) / 2, dw, dh);
    }

    private int titleHeight() {
        return getFontMetrics(getFont() == null ? new Font(Font.SANS_SERIF, Font.PLAIN, 12) : getFont()).getHeight() + 4;
    }

    private void report(MouseEvent e, boolean clicked) {
        BufferedImage img = image;
        if (img == null) {
            return;
        }
        Rectangle r = imageBounds();
        if (!r.contains(e.getPoint()) || r.width == 0) {
            pixelListener.accept(null, clicked);
            return;
        }
        int x = (int) ((e.getX() - r.x) * (double) img.getWidth() / r.width);
        int y = (int) ((e.getY() - r.y) * (double) img.getHeight() / r.height);
        pixelListener.accept(new Point(Math.min(x, img.getWidth() - 1), Math.min(y, img.getHeight() - 1)), clicked);
    }

    @Override
    protected void paintComponent(Graphics g0) {
        Graphics2D g = (Graphics2D) g0.create();
        try {
            Color bg = UIManager.getColor("Panel.background");
            g.setColor(bg == null ? Color.DARK_GRAY : bg);
            g.fillRect(0, 0, getWidth(), getHeight());
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            Color fg = UIManager.getColor("Label.foreground");
            g.setColor(fg == null ? Color.WHITE : fg);
            FontMetrics fm = g.getFontMetrics();
            g.drawString(title, 4, fm.getAscent() + 2);
            BufferedImage img = image;
            Rectangle r = imageBounds();
            if (img == null) {
                String wait = "waiting for frames…";
                g.drawString(wait, r.x + (r.width - fm.stringWidth(wait)) / 2, r.y + r.height / 2);
                return;
            }
            g.drawImage(img, r.x, r.y, r.width, r.height, null);
            Point p = probe;
            if (p != null) {
                int px = r.x + (int) ((p.x + 0.5) * r.width / img.getWidth());
                int py = r.y + (int) ((p.y + 0.5) * r.height / img.getHeight());
                g.setStroke(new BasicStroke(1.5f));
                g.setColor(Color.WHITE);
                g.drawLine(px - 8, py, px + 8, py);
                g.drawLine(px, py - 8, px, py + 8);
                g.setColor(Color.BLACK);
                g.drawOval(px - 4, py - 4, 8, 8);
            }
            List<String> lines = overlay;
            if (!lines.isEmpty()) {
                int lh = fm.getHeight();
                int bw = lines.stream().mapToInt(fm::stringWidth).max().orElse(0) + 8;
                g.setColor(new Color(0, 0, 0, 150));
                g.fillRoundRect(r.x + 4, r.y + 4, bw, lh * lines.size() + 6, 8, 8);
                g.setColor(Color.WHITE);
                for (int i = 0; i < lines.size(); i++) {
                    g.drawString(lines.get(i), r.x + 8, r.y + 6 + fm.getAscent() + i * lh);
                }
            }
        } finally {
            g.dispose();
        }
    }
}
