package io.github.stereostation.ui;

import io.github.stereostation.cloud.PointCloud;

import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JComboBox;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JSpinner;
import javax.swing.SpinnerNumberModel;
import java.awt.BorderLayout;
import java.awt.FlowLayout;

/** The viewer with a small tool bar (colour mode, point size, reset): what a window or the station embeds. */
public final class CloudViewerPanel extends JPanel {
    private final PointCloudViewer viewer;

    public CloudViewerPanel(PointCloud cloud) {
        super(new BorderLayout());
        viewer = new PointCloudViewer(cloud);
        JComboBox<String> colours = new JComboBox<>(new String[]{"Image colours", "Depth colours"});
        colours.addActionListener(e -> viewer.setColourMode(colours.getSelectedIndex() == 0
                ? CloudRenderer.ColourMode.IMAGE : CloudRenderer.ColourMode.DEPTH));
        JSpinner size = new JSpinner(new SpinnerNumberModel(viewer.pointSizePx(), 1, 16, 1));
        size.addChangeListener(e -> viewer.setPointSizePx((Integer) size.getValue()));
        // keys change the viewer directly; keep the controls showing its state
        viewer.addPropertyChangeListener("pointSizePx", e -> size.setValue(viewer.pointSizePx()));
        viewer.addPropertyChangeListener("colourMode", e ->
                colours.setSelectedIndex(viewer.colourMode() == CloudRenderer.ColourMode.IMAGE ? 0 : 1));
        JButton reset = new JButton("Reset view");
        reset.addActionListener(e -> {
            viewer.resetView();
            viewer.requestFocusInWindow();
        });
        JPanel bar = new JPanel(new FlowLayout(FlowLayout.LEFT, 8, 4));
        bar.setBorder(BorderFactory.createEmptyBorder(2, 4, 2, 4));
        bar.add(colours);
        bar.add(new JLabel("Point size"));
        bar.add(size);
        bar.add(reset);
        add(bar, BorderLayout.NORTH);
        add(viewer, BorderLayout.CENTER);
    }

    public PointCloudViewer viewer() {
        return viewer;
    }
}
