package io.github.stereostation.ui.wizard;

import javax.swing.JComponent;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.Font;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;

/**
 * The rectified pair side by side with horizontal guide lines across both: after a good calibration every
 * feature sits on the same row in both images.
 */
final class RectifiedView extends JComponent {
    private BufferedImage left;
    private BufferedImage right;

    RectifiedView() {
        setPreferredSize(new Dimension(640, 240));
    }

    void show(BufferedImage left, BufferedImage right) {
        this.left = left;
        this.right = right;
        repaint();
    }

    @Override
    protected void paintComponent(Graphics g0) {
        Graphics2D g = (Graphics2D) g0.create();
        try {
            g.setColor(new Color(30, 30, 30));
            g.fillRect(0, 0, getWidth(), getHeight());
            if (left == null || right == null) {
                g.setColor(Color.LIGHT_GRAY);
                g.setFont(g.getFont().deriveFont(Font.PLAIN, 12f));
                g.drawString("The rectified live view appears here after a stereo calibration", 10, 20);
                return;
            }
            double s = Math.min(getWidth() / (2.0 * left.getWidth()), getHeight() / (double) left.getHeight());
            int w = (int) (left.getWidth() * s);
            int h = (int) (left.getHeight() * s);
            int x0 = (getWidth() - 2 * w) / 2;
            int y0 = (getHeight() - h) / 2;
            g.drawImage(left, x0, y0, w, h, null);
            g.drawImage(right, x0 + w, y0, w, h, null);
            g.setColor(new Color(0, 255, 80, 170));
            for (int i = 1; i < 16; i++) {
                int y = y0 + h * i / 16;
                g.drawLine(x0, y, x0 + 2 * w, y);
            }
        } finally {
            g.dispose();
        }
    }
}
