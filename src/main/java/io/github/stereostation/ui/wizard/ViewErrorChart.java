package io.github.stereostation.ui.wizard;

import io.github.stereostation.calibration.ViewError;

import javax.swing.JComponent;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.Font;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Per-view reprojection errors as a bar chart (left camera blue, right orange), with the overall mean as a
 * dashed line. Clicking a bar selects that view and tells the listener its name.
 */
final class ViewErrorChart extends JComponent {
    private List<ViewError> errors = List.of();
    private int selected = -1;
    private final Consumer<String> onSelect;

    ViewErrorChart(Consumer<String> onSelect) {
        this.onSelect = onSelect;
        setPreferredSize(new Dimension(500, 180));
        addMouseListener(new MouseAdapter() {
            @Override
            public void mousePressed(MouseEvent e) {
                int i = indexAt(e.getX());
                if (i >= 0) {
                    select(i);
                }
            }
        });
    }

    void show(List<ViewError> errors) {
        this.errors = List.copyOf(errors);
        selected = -1;
        repaint();
    }

    void select(int i) {
        selected = i;
        repaint();
        onSelect.accept(errors.get(i).name());
    }

    String selectedName() {
        return selected >= 0 && selected < errors.size() ? errors.get(selected).name() : null;
    }

    private static final int LEFT = 44;
    private static final int BOTTOM = 20;

    private double slot() {
        return errors.isEmpty() ? 1 : (getWidth() - LEFT - 8) / (double) errors.size();
    }

    private int indexAt(int x) {
        int i = (int) Math.floor((x - LEFT) / slot());
        return i >= 0 && i < errors.size() ? i : -1;
    }

    private double max() {
        double m = 0.1;
        for (ViewError e : errors) {
            m = Math.max(m, e.leftRmsPx());
            if (!Double.isNaN(e.rightRmsPx())) {
                m = Math.max(m, e.rightRmsPx());
            }
        }
        return m * 1.15;
    }

    @Override
    protected void paintComponent(Graphics g0) {
        Graphics2D g = (Graphics2D) g0.create();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, getWidth(), getHeight());
            g.setFont(g.getFont().deriveFont(Font.PLAIN, 11f));
            int plotH = getHeight() - BOTTOM - 6;
            double max = max();
            g.setColor(Color.GRAY);
            g.drawLine(LEFT, 6, LEFT, 6 + plotH);
            g.drawLine(LEFT, 6 + plotH, getWidth() - 4, 6 + plotH);
            for (int t = 0; t <= 4; t++) {
                double v = max * t / 4;
                int y = 6 + plotH - (int) (plotH * t / 4.0);
                g.drawString(String.format(Locale.ROOT, "%.2f", v), 4, y + 4);
            }
            if (errors.isEmpty()) {
                g.drawString("no calibration yet", LEFT + 10, 6 + plotH / 2);
                return;
            }
            double slot = slot();
            double sum = 0;
            int n = 0;
            for (int i = 0; i < errors.size(); i++) {
                ViewError e = errors.get(i);
                int x = LEFT + (int) (i * slot);
                int bw = Math.max(1, (int) (slot * 0.4));
                if (i == selected) {
                    g.setColor(new Color(255, 240, 170));
                    g.fillRect(x, 6, (int) slot, plotH);
                }
                int hl = (int) (plotH * e.leftRmsPx() / max);
                g.setColor(new Color(60, 110, 200));
                g.fillRect(x + (int) (slot * 0.1), 6 + plotH - hl, bw, hl);
                sum += e.leftRmsPx();
                n++;
                if (!Double.isNaN(e.rightRmsPx())) {
                    int hr = (int) (plotH * e.rightRmsPx() / max);
                    g.setColor(new Color(230, 130, 40));
                    g.fillRect(x + (int) (slot * 0.5), 6 + plotH - hr, bw, hr);
                    sum += e.rightRmsPx();
                    n++;
                }
                if (errors.size() <= 30 || i % 5 == 0) {
                    g.setColor(Color.DARK_GRAY);
                    g.drawString(e.name().replace("view-", ""), x + 2, getHeight() - 6);
                }
            }
            int ym = 6 + plotH - (int) (plotH * (sum / n) / max);
            g.setColor(Color.RED);
            g.setStroke(new java.awt.BasicStroke(1, java.awt.BasicStroke.CAP_BUTT, java.awt.BasicStroke.JOIN_MITER, 1,
                    new float[]{4, 4}, 0));
            g.drawLine(LEFT, ym, getWidth() - 4, ym);
        } finally {
            g.dispose();
        }
    }
}
