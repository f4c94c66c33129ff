package io.github.stereostation.ui;

import javax.swing.BorderFactory;
import javax.swing.BoxLayout;
import javax.swing.JButton;
import javax.swing.JPanel;
import javax.swing.JTextArea;
import javax.swing.UIManager;
import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.Component;
import java.awt.FlowLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * The strip above the views where {@link Notice}s stay until closed: full text, wrapped to the window's width,
 * with the notice's buttons and a close button. A notice equal to one already showing is not added twice; at
 * most {@link #MAX_SHOWN} show at once (the oldest goes first). Event thread only.
 */
public final class NotificationArea extends JPanel {
    static final int MAX_SHOWN = 3;
    private static final Color ERROR_BACKGROUND = new Color(0xF8, 0xD7, 0xDA);
    private static final Color ERROR_TEXT = new Color(0x72, 0x1C, 0x24);
    private static final Color INFO_BACKGROUND = new Color(0xD9, 0xEA, 0xF7);
    private static final Color INFO_TEXT = new Color(0x0C, 0x34, 0x5E);

    private final List<Shown> shown = new ArrayList<>();

    private record Shown(Notice notice, JPanel strip) {
    }

    public NotificationArea() {
        setLayout(new BoxLayout(this, BoxLayout.Y_AXIS));
        setOpaque(false);
    }

    /** Shows a notice (event thread). */
    public void show(Notice n) {
        if (shown.stream().anyMatch(s -> s.notice().text().equals(n.text()))) {
            return;
        }
        if (shown.size() >= MAX_SHOWN) {
            remove(shown.remove(0).strip());
        }
        JPanel strip = new JPanel(new BorderLayout(8, 0));
        strip.setBackground(n.error() ? ERROR_BACKGROUND : INFO_BACKGROUND);
        strip.setBorder(BorderFactory.createCompoundBorder(BorderFactory.createEmptyBorder(2, 6, 2, 6),
                BorderFactory.createEmptyBorder(4, 8, 4, 4)));
        strip.setAlignmentX(Component.LEFT_ALIGNMENT);
        JTextArea text = new JTextArea(n.text());
        text.setLineWrap(true);
        text.setWrapStyleWord(true);
        text.setEditable(false);
        text.setOpaque(false);
        text.setForeground(n.error() ? ERROR_TEXT : INFO_TEXT);
        text.setFont(UIManager.getFont("Label.font"));
        text.setBorder(BorderFactory.createEmptyBorder());
        strip.add(text, BorderLayout.CENTER);
        JPanel buttons = new JPanel(new FlowLayout(FlowLayout.RIGHT, 4, 0));
        buttons.setOpaque(false);
        Shown entry = new Shown(n, strip);
        for (Notice.Action a : n.actions()) {
            JButton b = new JButton(a.label());
            b.addActionListener(e -> {
                dismiss(entry);
                a.run().run();
            });
            buttons.add(b);
        }
        JButton close = new JButton("✕");
        close.setToolTipText("Close this message");
        close.addActionListener(e -> dismiss(entry));
        buttons.add(close);
        strip.add(buttons, BorderLayout.EAST);
        shown.add(entry);
        add(strip);
        revalidate();
        repaint();
    }

    private void dismiss(Shown s) {
        shown.remove(s);
        remove(s.strip());
        revalidate();
        repaint();
    }

    /** The notices showing now, oldest first. */
    public List<Notice> notices() {
        return shown.stream().map(Shown::notice).toList();
    }

    @Override
    public java.awt.Dimension getMaximumSize() {
        return new java.awt.Dimension(Integer.MAX_VALUE, getPreferredSize().height);
    }
}
