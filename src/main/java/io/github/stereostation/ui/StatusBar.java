package io.github.stereostation.ui;

import javax.swing.BorderFactory;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.UIManager;
import java.awt.BorderLayout;
import java.awt.Color;

/** The bottom line: the source's and the loop's state in plain words (faults in red) and the probed pixel. */
public final class StatusBar extends JPanel {
    private final JLabel status = new JLabel("starting…");
    private final JLabel probe = new JLabel(" ");

    public StatusBar() {
        super(new BorderLayout(12, 0));
        setBorder(BorderFactory.createEmptyBorder(3, 8, 3, 8));
        add(status, BorderLayout.CENTER);
        add(probe, BorderLayout.EAST);
    }

    public void setStatus(String text, boolean fault) {
        if (!text.equals(status.getText())) {
            status.setText(text);
            status.setToolTipText(WindowText.wrap(text)); // the whole line, when the window cuts it short
        }
        Color normal = UIManager.getColor("Label.foreground");
        status.setForeground(fault ? new Color(0xD0, 0x30, 0x30) : normal);
    }

    public String statusText() {
        return status.getText();
    }

    public void setProbe(String text) {
        probe.setText(text);
    }
}
