package io.github.stereostation.ui.wizard;

import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JTextField;
import java.awt.Color;
import java.awt.GridBagConstraints;
import java.awt.GridBagLayout;
import java.awt.Insets;

/** Step 4: name the calibration, save it under the calibration folder and make it the active one. */
final class SaveStep extends JPanel {
    final JTextField name = new JTextField("stereo", 24);
    final JButton save = new JButton("Save and use");
    final JLabel folder = new JLabel();
    final JLabel message = new JLabel(" ");
    final JLabel summary = new JLabel(" ");

    SaveStep() {
        super(new GridBagLayout());
        setBorder(BorderFactory.createEmptyBorder(16, 16, 16, 16));
        GridBagConstraints c = new GridBagConstraints();
        c.insets = new Insets(6, 4, 6, 4);
        c.anchor = GridBagConstraints.WEST;
        c.gridx = 0;
        c.gridy = 0;
        c.gridwidth = 2;
        add(new JLabel("<html><b>Step 4 of 4 - Save</b></html>"), c);
        c.gridy = 1;
        add(summary, c);
        c.gridwidth = 1;
        c.gridy = 2;
        add(new JLabel("Folder"), c);
        c.gridx = 1;
        add(folder, c);
        c.gridx = 0;
        c.gridy = 3;
        add(new JLabel("Name"), c);
        c.gridx = 1;
        add(name, c);
        c.gridy = 4;
        add(save, c);
        c.gridx = 0;
        c.gridy = 5;
        c.gridwidth = 2;
        add(message, c);
        c.gridy = 6;
        add(new JLabel("<html><i>An existing file of that name is kept as NAME.yaml.bak. The file is OpenCV YAML: "
                + "OpenCV and ROS tools read it too.</i></html>"), c);
    }

    void show(String text, boolean problem) {
        message.setText(text);
        message.setForeground(problem ? new Color(170, 20, 20) : new Color(20, 120, 40));
    }
}
