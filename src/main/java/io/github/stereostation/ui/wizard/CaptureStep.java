package io.github.stereostation.ui.wizard;

import io.github.stereostation.calibration.CalibrationSession;
import io.github.stereostation.calibration.CapturedView;
import io.github.stereostation.calibration.CoverageMap;
import io.github.stereostation.calibration.FrameCheck;

import javax.swing.BorderFactory;
import javax.swing.BoxLayout;
import javax.swing.ImageIcon;
import javax.swing.JButton;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JProgressBar;
import javax.swing.JScrollPane;
import javax.swing.JTextArea;
import javax.swing.ScrollPaneConstants;
import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.FlowLayout;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.GridLayout;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Step 2: both live views with the corners drawn, the hint in large type, the "hold still" progress, the
 * coverage bars and maps, and the views taken as thumbnails, each with a delete button.
 */
final class CaptureStep extends JPanel {
    final LiveView left = new LiveView("Left camera");
    final LiveView right = new LiveView("Right camera");
    final JTextArea hint = new JTextArea("Show the board to the cameras", 2, 40);
    final JProgressBar stillness = new JProgressBar(0, 100);
    final CoverageView coverage = new CoverageView();
    final JButton capture = new JButton("Capture now (Space)");
    final JButton clear = new JButton("Delete all views");
    private final JPanel strip = new JPanel(new FlowLayout(FlowLayout.LEFT, 4, 2));
    private final JPanel views = new JPanel(new GridLayout(1, 2, 6, 0));
    private List<Integer> shownIds = List.of();
    private CalibrationSession session;

    CaptureStep() {
        super(new BorderLayout(6, 6));
        setBorder(BorderFactory.createEmptyBorder(8, 8, 8, 8));
        JPanel top = new JPanel(new BorderLayout(6, 2));
        JLabel title = new JLabel("<html><b>Step 2 of 4 - Capture views</b>: hold the board still in new places, "
                + "distances and tilts; views are taken automatically.</html>");
        top.add(title, BorderLayout.NORTH);
        hint.setFont(hint.getFont().deriveFont(Font.BOLD, 15f));
        hint.setEditable(false);
        hint.setFocusable(false);
        hint.setLineWrap(true);
        hint.setWrapStyleWord(true);
        hint.setOpaque(true);
        hint.setBorder(BorderFactory.createEmptyBorder(4, 8, 4, 8));
        top.add(hint, BorderLayout.CENTER);
        stillness.setStringPainted(true);
        stillness.setString("hold still");
        stillness.setPreferredSize(new Dimension(140, 22));
        top.add(stillness, BorderLayout.EAST);
        add(top, BorderLayout.NORTH);

        views.add(left);
        views.add(right);
        add(views, BorderLayout.CENTER);

        JPanel side = new JPanel(new BorderLayout(4, 4));
        side.add(coverage, BorderLayout.CENTER);
        JPanel buttons = new JPanel();
        buttons.setLayout(new BoxLayout(buttons, BoxLayout.Y_AXIS));
        buttons.add(capture);
        buttons.add(clear);
        side.add(buttons, BorderLayout.SOUTH);
        add(side, BorderLayout.EAST);

        JScrollPane scroll = new JScrollPane(strip, ScrollPaneConstants.VERTICAL_SCROLLBAR_NEVER,
                ScrollPaneConstants.HORIZONTAL_SCROLLBAR_AS_NEEDED);
        scroll.setPreferredSize(new Dimension(600, 128));
        scroll.setBorder(BorderFactory.createTitledBorder("Views taken"));
        add(scroll, BorderLayout.SOUTH);
    }

    void attach(CalibrationSession s) {
        session = s;
        boolean stereo = s.mode() == CalibrationSession.Mode.STEREO;
        views.removeAll();
        views.setLayout(new GridLayout(1, stereo ? 2 : 1, 6, 0));
        views.add(left);
        if (stereo) {
            views.add(right);
        }
        shownIds = List.of();
        refreshViews();
    }

    void showLive(WizardFeed.Live live) {
        FrameCheck c = live.check();
        if (live.left() != null) {
            left.show(live.left(), c.left());
            right.show(live.right(), c.right());
        } else {
            left.placeholder(c.message());
            right.placeholder(c.message());
        }
        showCheck(c);
    }

    void showCheck(FrameCheck c) {
        hint.setText(c.message());
        hint.setBackground(c.hint().isProblem() ? new Color(255, 225, 215) : new Color(220, 245, 220));
        hint.setForeground(c.hint().isProblem() ? new Color(150, 20, 20) : new Color(20, 100, 30));
        stillness.setValue((int) Math.round(100 * c.stillProgress()));
        stillness.setString(c.stillProgress() >= 1 ? "still" : "hold still");
    }

    /** Refreshes bars, maps and thumbnails from the session (event thread). */
    void refreshViews() {
        if (session == null) {
            return;
        }
        List<CapturedView> taken = session.views();
        List<CoverageMap> maps = new ArrayList<>();
        maps.add(session.coverageMap(0));
        if (session.mode() == CalibrationSession.Mode.STEREO) {
            maps.add(session.coverageMap(1));
        }
        String status = String.format(Locale.ROOT, "%d views (want %d)%s", taken.size(),
                Math.max(session.minViews(), session.settings().targetViews()),
                session.isComplete() ? " - complete" : "");
        coverage.show(session.bars(), maps, status);
        clear.setEnabled(!taken.isEmpty());
        List<Integer> ids = taken.stream().map(CapturedView::id).toList();
        if (ids.equals(shownIds)) {
            return;
        }
        shownIds = ids;
        strip.removeAll();
        for (CapturedView v : taken) {
            strip.add(thumbnailCard(v));
        }
        strip.revalidate();
        strip.repaint();
    }

    private JPanel thumbnailCard(CapturedView v) {
        JPanel card = new JPanel(new BorderLayout());
        card.setBorder(BorderFactory.createLineBorder(v.manual() ? new Color(200, 140, 0) : Color.GRAY));
        JLabel img = new JLabel(new ImageIcon(thumbnail(v, 96)));
        card.add(img, BorderLayout.CENTER);
        JPanel foot = new JPanel(new BorderLayout());
        foot.add(new JLabel(" " + v.id() + (v.manual() ? " (hand)" : "")), BorderLayout.WEST);
        JButton delete = new JButton("x");
        delete.setToolTipText("Delete view " + v.id());
        delete.setMargin(new java.awt.Insets(0, 4, 0, 4));
        delete.addActionListener(e -> session.removeView(v.id()));
        foot.add(delete, BorderLayout.EAST);
        card.add(foot, BorderLayout.SOUTH);
        return card;
    }

    /** The left thumbnail with its corners, scaled to {@code width}. */
    static BufferedImage thumbnail(CapturedView v, int width) {
        BufferedImage src = WizardImages.of(v.leftThumb());
        double s = width / (double) src.getWidth();
        BufferedImage out = new BufferedImage(width, (int) Math.round(src.getHeight() * s), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.drawImage(src, 0, 0, out.getWidth(), out.getHeight(), null);
        LiveView.drawCorners(g, v.left(), 0, 0, s * v.leftThumb().scale());
        g.dispose();
        return out;
    }
}
