package io.github.stereostation.ui.wizard;

import io.github.stereostation.calibration.CalibrationSession;
import io.github.stereostation.calibration.CapturedView;
import io.github.stereostation.calibration.SessionResult;

import javax.swing.BorderFactory;
import javax.swing.ImageIcon;
import javax.swing.JButton;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JProgressBar;
import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.GridLayout;

/**
 * Step 3: calibrate in the background with a progress bar; then the RMS errors, baseline and epipolar
 * error, the per-view errors as a bar chart (click a bar to see the view, then remove it and calibrate again),
 * and the rectified live view with guide lines.
 */
final class ResultStep extends JPanel {
    final JButton calibrate = new JButton("Calibrate");
    final JButton removeSelected = new JButton("Remove selected view and recalibrate");
    final JProgressBar progress = new JProgressBar();
    final JLabel status = new JLabel(" ");
    final JLabel figures = new JLabel(" ");
    final JLabel preview = new JLabel();
    final ViewErrorChart chart;
    final RectifiedView rectified = new RectifiedView();
    private CalibrationSession session;

    ResultStep() {
        super(new BorderLayout(6, 6));
        setBorder(BorderFactory.createEmptyBorder(8, 8, 8, 8));
        chart = new ViewErrorChart(this::showView);
        JPanel top = new JPanel(new BorderLayout(6, 4));
        top.add(new JLabel("<html><b>Step 3 of 4 - Calibrate and check</b></html>"), BorderLayout.NORTH);
        JPanel bar = new JPanel();
        bar.add(calibrate);
        progress.setPreferredSize(new Dimension(160, 18));
        bar.add(progress);
        bar.add(status);
        top.add(bar, BorderLayout.CENTER);
        top.add(figures, BorderLayout.SOUTH);
        add(top, BorderLayout.NORTH);

        JPanel middle = new JPanel(new BorderLayout(6, 6));
        JPanel chartBox = new JPanel(new BorderLayout());
        chartBox.setBorder(BorderFactory.createTitledBorder("Per-view RMS error (px): left blue, right orange; click a bar"));
        chartBox.add(chart, BorderLayout.CENTER);
        middle.add(chartBox, BorderLayout.CENTER);
        JPanel viewBox = new JPanel(new BorderLayout());
        viewBox.setBorder(BorderFactory.createTitledBorder("Selected view"));
        preview.setPreferredSize(new Dimension(180, 140));
        viewBox.add(preview, BorderLayout.CENTER);
        removeSelected.setEnabled(false);
        viewBox.add(removeSelected, BorderLayout.SOUTH);
        middle.add(viewBox, BorderLayout.EAST);
        add(middle, BorderLayout.CENTER);

        JPanel rect = new JPanel(new GridLayout(1, 1));
        rect.setBorder(BorderFactory.createTitledBorder("Rectified live view: rows must line up along the guides"));
        rect.add(rectified);
        add(rect, BorderLayout.SOUTH);
    }

    void attach(CalibrationSession s) {
        session = s;
        refresh();
    }

    private void showView(String name) {
        if (session == null) {
            return;
        }
        for (CapturedView v : session.views()) {
            if (v.name().equals(name)) {
                preview.setIcon(new ImageIcon(CaptureStep.thumbnail(v, 170)));
                preview.setText(null);
                removeSelected.setEnabled(true);
                return;
            }
        }
        preview.setIcon(null);
        preview.setText(name + " (deleted)");
        removeSelected.setEnabled(false);
    }

    /** Shows the session's calibration state (event thread). */
    void refresh() {
        if (session == null) {
            return;
        }
        boolean busy = session.isCalibrating();
        progress.setIndeterminate(busy);
        progress.setValue(busy ? 0 : 100);
        calibrate.setEnabled(!busy && session.canCalibrate());
        calibrate.setText(session.result() == null ? "Calibrate " + session.viewCount() + " views" : "Calibrate again");
        SessionResult r = session.result();
        if (busy) {
            status.setText("Calibrating " + session.viewCount() + " views...");
            status.setForeground(Color.DARK_GRAY);
        } else if (session.calibrationError() != null) {
            status.setText(session.calibrationError());
            status.setForeground(new Color(170, 20, 20));
        } else if (r != null && r.problem() != null) {
            status.setText(r.problem());
            status.setForeground(new Color(170, 20, 20));
        } else if (r != null) {
            status.setText("Calibration good: go on to save it");
            status.setForeground(new Color(20, 120, 40));
        } else if (!session.canCalibrate()) {
            status.setText("Take at least " + session.minViews() + " views first");
            status.setForeground(new Color(170, 20, 20));
        } else {
            status.setText(" ");
        }
        if (r != null) {
            figures.setText("<html>" + String.join("<br>", r.summary()) + "</html>");
            chart.show(r.viewErrors());
        } else if (!busy) {
            figures.setText(" ");
        }
        if (!(r instanceof SessionResult.Stereo)) {
            rectified.show(null, null);
        }
    }

    void showLive(WizardFeed.Live live) {
        if (live.rectifiedLeft() != null) {
            rectified.show(live.rectifiedLeft(), live.rectifiedRight());
        }
    }
}
