package io.github.stereostation.ui;

import io.github.stereostation.pipeline.PipelineStats;
import io.github.stereostation.pipeline.StageTiming;
import io.github.stereostation.ui.wizard.CalibrationWizard;

import javax.swing.AbstractAction;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JComboBox;
import javax.swing.JComponent;
import javax.swing.JFileChooser;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTextArea;
import javax.swing.JToggleButton;
import javax.swing.JToolBar;
import javax.swing.JDialog;
import javax.swing.KeyStroke;
import javax.swing.SwingUtilities;
import javax.swing.Timer;
import java.awt.BorderLayout;
import java.awt.Dimension;
import java.awt.Font;
import java.awt.GridLayout;
import java.awt.Point;
import java.awt.event.ActionEvent;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The station's whole window content: source/calibration/snapshot/theme tool bar, left and right views,
 * the disparity/depth view with its legend, live timings, the tuning side panel and the status bar.
 * An image file dropped anywhere on it goes to "Photo → 3D". It observes a {@link StationController}: a Swing timer copies the newest ready-made view into the image
 * panels, so the event thread never touches OpenCV.
 */
public final class StationPanel extends JPanel {
    static final int REFRESH_MILLIS = 50;

    private final StationController controller;
    private final ImagePanel leftView = new ImagePanel("Left");
    private final ImagePanel rightView = new ImagePanel("Right");
    private final ImagePanel mapView = new ImagePanel("Disparity");
    private final ColourLegend legend = new ColourLegend(mapView);
    private final NotificationArea notifications = new NotificationArea();
    private final ReplayBar replayBar;
    private final JButton snapshotButton = new JButton("Snapshot (S)");
    private final JButton view3dButton = new JButton("3D view");
    private final JButton photoButton = new JButton("Photo → 3D…");
    private final JComboBox<String> quantityBox = new JComboBox<>(new String[]{"disparity", "depth"});
    private final JComboBox<String> paletteBox = new JComboBox<>(new String[]{"colour", "grey"});
    private final javax.swing.JCheckBox rectifiedBox = new javax.swing.JCheckBox("rectified pair");
    private final JScrollPane side;
    private final TuningPanel tuning;
    private final JTextArea timings = new JTextArea();
    private final StatusBar statusBar = new StatusBar();
    private final JComboBox<String> sourceBox = new JComboBox<>();
    private final JButton calibrationButton = new JButton();
    private final JButton calibrateButton = new JButton("Calibrate…");
    private final JToggleButton darkToggle = new JToggleButton("Dark");
    private final JToggleButton measureToggle = new JToggleButton("Measure");
    private final JToggleButton planeToggle = new JToggleButton("Plane fit");
    private Point measureStart;
    private String measureText;
    private final Timer timer;
    private StationView shown;
    private Point probe;

    public StationPanel(StationController controller) {
        super(new BorderLayout());
        this.controller = controller;
        replayBar = new ReplayBar(controller::restart);
        add(toolBar(), BorderLayout.NORTH);
        JPanel centre = new JPanel(new BorderLayout());
        JPanel above = new JPanel(new BorderLayout());
        above.add(replayBar, BorderLayout.NORTH);
        above.add(notifications, BorderLayout.CENTER);
        centre.add(above, BorderLayout.NORTH);
        centre.add(views(), BorderLayout.CENTER);
        add(centre, BorderLayout.CENTER);
        tuning = new TuningPanel(controller);
        side = new JScrollPane(tuning, JScrollPane.VERTICAL_SCROLLBAR_AS_NEEDED,
                JScrollPane.HORIZONTAL_SCROLLBAR_NEVER);
        side.setBorder(BorderFactory.createEmptyBorder());
        side.getVerticalScrollBar().setUnitIncrement(16);
        add(side, BorderLayout.EAST);
        add(statusBar, BorderLayout.SOUTH);
        PhotoDropHandler drop = new PhotoDropHandler(this::openPhoto, m -> controller.say(m, true));
        setTransferHandler(drop);
        // the read-only timings text would otherwise take the drop itself (and refuse it)
        timings.setTransferHandler(drop);
        mapView.onPixel(this::probed);
        leftView.onPixel(this::probed);
        getInputMap(WHEN_IN_FOCUSED_WINDOW).put(KeyStroke.getKeyStroke("S"), "snapshot");
        getInputMap(WHEN_IN_FOCUSED_WINDOW).put(KeyStroke.getKeyStroke("F12"), "snapshot");
        getActionMap().put("snapshot", new AbstractAction() {
            @Override
            public void actionPerformed(ActionEvent e) {
                // a plain S typed into a field is text, not a request
                if (!(java.awt.KeyboardFocusManager.getCurrentKeyboardFocusManager().getFocusOwner()
                        instanceof javax.swing.text.JTextComponent) || !"S".equalsIgnoreCase(e.getActionCommand())) {
                    snapshot();
                }
            }
        });
        timer = new Timer(REFRESH_MILLIS, e -> refresh());
        timer.setCoalesce(true);
    }

    /** Starts the periodic refresh (call once the panel is in a window). */
    public void startRefreshing() {
        timer.start();
    }

    public void stopRefreshing() {
        timer.stop();
    }

    private JComponent toolBar() {
        JToolBar bar = new JToolBar();
        bar.setFloatable(false);
        bar.add(new JLabel("Source "));
        for (String s : controller.sourceChoices()) {
            sourceBox.addItem(s);
        }
        String current = controller.source();
        if (((javax.swing.DefaultComboBoxModel<String>) sourceBox.getModel()).getIndexOf(current) < 0) {
            sourceBox.addItem(current);
        }
        sourceBox.setSelectedItem(current);
        sourceBox.setMaximumSize(new Dimension(260, 30));
        sourceBox.setToolTipText(WindowText.wrap("synthetic rig, cameras (auto, opencv:0,1, webcam:0,1) or a "
                + "recorded session"));
        // keep the open list under the box itself, as wide as its longest entry
        sourceBox.setPrototypeDisplayValue("sbs-camera:0  ");
        sourceBox.addActionListener(e -> {
            Object sel = sourceBox.getSelectedItem();
            if (sel != null && !sel.equals(controller.source())) {
                controller.switchSource(sel.toString());
            }
        });
        bar.add(sourceBox);
        JButton replay = new JButton("Replay…");
        replay.setToolTipText("Play back a recorded session folder or a folder of image pairs");
        replay.addActionListener(e -> chooseReplay());
        bar.add(replay);
        bar.addSeparator();
        calibrationButton.addActionListener(e -> chooseCalibration());
        calibrationButton.setToolTipText(WindowText.wrap("Calibration file (OpenCV YAML); cancel to use none"));
        updateCalibrationLabel();
        bar.add(calibrationButton);
        calibrateButton.setToolTipText(WindowText.wrap("Guided calibration with the current cameras; the live view "
                + "pauses meanwhile"));
        calibrateButton.addActionListener(e -> openCalibrationWizard());
        bar.add(calibrateButton);
        bar.addSeparator();
        snapshotButton.addActionListener(e -> snapshot());
        bar.add(snapshotButton);
        view3dButton.addActionListener(e -> open3d());
        bar.add(view3dButton);
        JButton live3d = new JButton("Live 3D");
        live3d.setToolTipText(WindowText.wrap("A 3D view that follows the live depth (your viewpoint stays between frames)"));
        live3d.addActionListener(e -> openLive3d());
        bar.add(live3d);
        measureToggle.setToolTipText(WindowText.wrap("Click two points in the depth view: their distance in mm with its uncertainty"));
        measureToggle.addActionListener(e -> {
            planeToggle.setSelected(false);
            measureStart = null;
        });
        bar.add(measureToggle);
        planeToggle.setToolTipText(WindowText.wrap("Click two corners of a rectangle in the depth view: plane fit and its RMS in mm"));
        planeToggle.addActionListener(e -> {
            measureToggle.setSelected(false);
            measureStart = null;
        });
        bar.add(planeToggle);
        JButton refine = new JButton("Refine…");
        refine.setToolTipText(WindowText.wrap("Re-aim the right camera from the live scene (no board) when the rig moved"));
        refine.addActionListener(e -> refineRectification());
        bar.add(refine);
        photoButton.setToolTipText(WindowText.wrap("One photo to a 3D cloud with the mono depth model (models/); "
                + "or drop a photo on the window"));
        photoButton.addActionListener(e -> choosePhoto());
        bar.add(photoButton);
        updateActions();
        bar.add(javax.swing.Box.createHorizontalGlue());
        darkToggle.setSelected(controller.settings().dark());
        darkToggle.addActionListener(e -> controller.setTheme(darkToggle.isSelected(), this));
        bar.add(darkToggle);
        return bar;
    }

    private JComponent views() {
        JPanel grid = new JPanel(new GridLayout(2, 2, 6, 6));
        grid.setBorder(BorderFactory.createEmptyBorder(6, 6, 6, 6));
        grid.add(leftView);
        grid.add(rightView);
        JPanel map = new JPanel(new BorderLayout());
        map.add(mapView, BorderLayout.CENTER);
        map.add(legend, BorderLayout.SOUTH);
        grid.add(map);
        timings.setEditable(false);
        timings.setFont(new Font(Font.MONOSPACED, Font.PLAIN, 12));
        timings.setBorder(BorderFactory.createEmptyBorder(6, 8, 6, 8));
        JPanel info = new JPanel(new BorderLayout());
        JPanel top = new JPanel(new BorderLayout());
        top.add(viewBar(), BorderLayout.NORTH);
        top.add(new JLabel(" Loop timings"), BorderLayout.SOUTH);
        info.add(top, BorderLayout.NORTH);
        info.add(timings, BorderLayout.CENTER);
        grid.add(info);
        return grid;
    }

    /** How the views are drawn: disparity or depth, colour or grey, rectified or raw pair. */
    private JComponent viewBar() {
        JPanel bar = new JPanel(new java.awt.FlowLayout(java.awt.FlowLayout.LEFT, 4, 2));
        ViewSettings vs = controller.viewSettings();
        quantityBox.setSelectedIndex(vs.quantity() == ViewSettings.Quantity.DEPTH ? 1 : 0);
        paletteBox.setSelectedIndex(vs.palette() == ViewSettings.Palette.GREY ? 1 : 0);
        rectifiedBox.setSelected(vs.showRectified());
        quantityBox.setToolTipText(WindowText.wrap("The third view: disparity in pixels, or depth in metres (needs "
                + "a calibration or the synthetic rig)"));
        rectifiedBox.setToolTipText(WindowText.wrap("Show the left and right views rectified (rows aligned) when a "
                + "calibration is active"));
        bar.add(new JLabel("Show"));
        bar.add(quantityBox);
        bar.add(paletteBox);
        bar.add(rectifiedBox);
        Runnable apply = () -> controller.setViewSettings(new ViewSettings(
                quantityBox.getSelectedIndex() == 1 ? ViewSettings.Quantity.DEPTH : ViewSettings.Quantity.DISPARITY,
                paletteBox.getSelectedIndex() == 1 ? ViewSettings.Palette.GREY : ViewSettings.Palette.COLOUR,
                rectifiedBox.isSelected()));
        quantityBox.addActionListener(e -> apply.run());
        paletteBox.addActionListener(e -> apply.run());
        rectifiedBox.addActionListener(e -> apply.run());
        return bar;
    }

    private void chooseReplay() {
        JFileChooser fc = new JFileChooser(new File("."));
        fc.setFileSelectionMode(JFileChooser.DIRECTORIES_ONLY);
        fc.setDialogTitle("Recorded session folder");
        if (fc.showOpenDialog(this) == JFileChooser.APPROVE_OPTION) {
            String spec = "replay:" + fc.getSelectedFile().getPath();
            sourceBox.addItem(spec);
            sourceBox.setSelectedItem(spec);
        }
    }

    private void chooseCalibration() {
        JFileChooser fc = new JFileChooser(io.github.stereostation.StationHome.path("calibration").toFile());
        fc.setDialogTitle("Calibration file (cancel for none)");
        int r = fc.showOpenDialog(this);
        controller.switchCalibration(r == JFileChooser.APPROVE_OPTION ? fc.getSelectedFile().getPath() : "");
        updateCalibrationLabel();
    }

    private void updateCalibrationLabel() {
        String c = controller.settings().calibration();
        calibrationButton.setText(c.isEmpty() ? "Calibration: none" : "Calibration: " + new File(c).getName());
    }

    private void snapshot() {
        if (!snapshotButton.isEnabled()) {
            statusBar.setStatus(snapshotButton.getToolTipText().replaceAll("<[^>]+>", ""), false);
            return;
        }
        statusBar.setStatus("saving snapshot…", false);
        controller.snapshot();
    }

    /**
     * Enables what can run now and says in each disabled button's tooltip why it cannot: no snapshot without a
     * frame, no 3D view without a snapshot that has a cloud.
     */
    private void updateActions() {
        boolean frames = controller.loop() != null && shown != null;
        enable(snapshotButton, frames, "Save pair, disparity, depth and point cloud into snapshots/<time>/ (S)",
                "No frames yet: a snapshot saves the next finished frame once the source delivers");
        var snap = controller.lastSnapshot();
        enable(view3dButton, snap != null && snap.cloud() != null,
                "Open the point cloud of the last snapshot in the 3D viewer",
                snap == null ? "Take a snapshot first (S): the 3D view shows its point cloud"
                        : "The last snapshot has no point cloud: without a calibration there are no distances "
                        + "(use Calibrate… or choose a calibration file)");
    }

    private static void enable(JButton b, boolean on, String why, String whyNot) {
        String tip = WindowText.wrap(on ? why : whyNot);
        if (b.isEnabled() != on) {
            b.setEnabled(on);
        }
        if (!tip.equals(b.getToolTipText())) {
            b.setToolTipText(tip);
        }
    }

    /**
     * Photo → 3D: without a model, first the offer to download or choose one (which says where it goes), and a
     * notice that stays if the user closes it without; with a model, asks for the photo.
     */
    private void choosePhoto() {
        ModelOffer.whenModelReady(this, "Photo → 3D", this::askForPhoto, () -> {
            String noModel = StationController.monoModelProblem();
            if (noModel != null) {
                notifications.show(Notice.error("Photo → 3D needs a mono depth model. "
                        + WindowText.inWindowWords(noModel)));
            }
        });
    }

    private void askForPhoto() {
        JFileChooser fc = new JFileChooser(new File("."));
        fc.setDialogTitle("Photo to turn into 3D");
        fc.setFileFilter(new javax.swing.filechooser.FileNameExtensionFilter("Images",
                PhotoDropHandler.IMAGE_EXTENSIONS));
        if (fc.showOpenDialog(this) == JFileChooser.APPROVE_OPTION) {
            openPhoto(fc.getSelectedFile().toPath());
        }
    }

    /** Photo → 3D for a chosen or dropped file: the controller estimates off the event thread, the viewer shows it. */
    private void openPhoto(Path photo) {
        ModelOffer.whenModelReady(this, "Photo → 3D", () -> controller.openPhoto(photo,
                cloud -> new CloudViewerFrame(photo.getFileName() + " (mono depth)", cloud).setVisible(true)), () -> { });
    }

    /**
     * The calibration wizard as a dialog over the station: the live loop lets go of the cameras for it (the
     * wizard opens the same source spec when capture starts, off the event thread) and starts again when the
     * dialog closes, with the calibration it saved as the active one.
     */
    private void openCalibrationWizard() {
        calibrateButton.setEnabled(false);
        var source = controller.lendSource();
        try {
            JDialog dialog = CalibrationWizard.showDialog(SwingUtilities.getWindowAncestor(this), source,
                    io.github.stereostation.StationHome.path("calibration"), saved -> {
                        controller.switchCalibration(saved.toString());
                        updateCalibrationLabel();
                    });
            // added after the wizard's own listener, so the wizard has closed the cameras when this runs
            dialog.addWindowListener(new WindowAdapter() {
                @Override
                public void windowClosed(WindowEvent e) {
                    controller.takeBackSource();
                    calibrateButton.setEnabled(true);
                }
            });
        } catch (RuntimeException e) {
            controller.takeBackSource();
            calibrateButton.setEnabled(true);
            controller.say("cannot open the calibration wizard: " + e.getMessage(), true);
        }
    }

    private void open3d() {
        var snap = controller.lastSnapshot();
        if (snap == null || snap.cloud() == null) {
            return; // the button is disabled then, its tooltip says why
        }
        CloudViewerFrame f = new CloudViewerFrame("Snapshot " + snap.folder().getFileName(), snap.cloud());
        f.setVisible(true);
    }

    /** Measure mode: the first click sets a point or corner, the second gives the distance or the plane fit. */
    private void measureClick(Point p) {
        StationView v = shown;
        if (v == null || p == null) {
            return;
        }
        if (v.geometry() == null) {
            statusBar.setProbe("measuring needs distances: choose a calibration");
            return;
        }
        if (measureStart == null) {
            measureStart = p;
            mapView.setOverlay(List.of(planeToggle.isSelected() ? "corner 1 set: click the opposite corner"
                    : "point A set: click point B"));
            return;
        }
        String text = planeToggle.isSelected() ? StationController.planeText(v, measureStart, p)
                : StationController.distanceText(v, measureStart, p);
        measureStart = null;
        measureText = text;
        statusBar.setProbe(text);
    }

    private void openLive3d() {
        CloudViewerFrame f = new CloudViewerFrame("Live 3D", new io.github.stereostation.cloud.PointCloud(new float[0], null));
        f.setVisible(true);
        controller.followCloud(f.viewer());
        f.addWindowListener(new java.awt.event.WindowAdapter() {
            @Override
            public void windowClosed(java.awt.event.WindowEvent e) {
                controller.followCloud(null);
            }
        });
    }

    private void refineRectification() {
        statusBar.setStatus("refining the rectification from 3 s of live frames: keep the view textured…", false);
        controller.refineRectification(3, (refined, error) -> javax.swing.SwingUtilities.invokeLater(() -> {
            if (error != null) {
                javax.swing.JOptionPane.showMessageDialog(this, "Refinement failed: " + error,
                        "Refine rectification", javax.swing.JOptionPane.ERROR_MESSAGE);
                return;
            }
            int answer = javax.swing.JOptionPane.showConfirmDialog(this, refined.summary()
                            + "\n\nSave as a new calibration file and use it?", "Refine rectification",
                    javax.swing.JOptionPane.YES_NO_OPTION);
            if (answer == javax.swing.JOptionPane.YES_OPTION) {
                controller.saveRefined(refined);
                updateCalibrationLabel();
            }
        }));
    }

    private void probed(Point p, boolean clicked) {
        if (clicked && (measureToggle.isSelected() || planeToggle.isSelected())) {
            measureClick(p);
        }
        probe = p;
        mapView.setProbe(p);
        leftView.setProbe(p);
        statusBar.setProbe(describeProbe());
    }

    private String describeProbe() {
        if ((measureToggle.isSelected() || planeToggle.isSelected()) && measureText != null) {
            return measureText;
        }
        StationView v = shown;
        Point p = probe;
        if (v == null || p == null) {
            return " ";
        }
        double d = v.disparityAt(p.x, p.y);
        double z = v.depthAt(p.x, p.y);
        if (Double.isNaN(z) && v.geometry() != null && !Double.isNaN(d)) {
            z = v.geometry().depthMetres(d);
        }
        String dist = Double.isNaN(z) ? (v.geometry() == null ? "no calibration" : "no depth")
                : String.format(Locale.ROOT, "%.3f m", z);
        String disp = Double.isNaN(d) ? "none" : String.format(Locale.ROOT, "%.2f px", d);
        return String.format(Locale.ROOT, "(%d, %d)  disparity %s  distance %s", p.x, p.y, disp, dist);
    }

    /** Copies the newest view and figures into the components (event thread; paints only). */
    public void refresh() {
        for (Notice n = controller.pollNotice(); n != null; n = controller.pollNotice()) {
            notifications.show(n);
        }
        StationView v = controller.latestView();
        if (v != null && v != shown) {
            shown = v;
            leftView.setImage(v.left());
            rightView.setImage(v.right());
            mapView.setImage(v.map());
            mapView.setTitle(v.settings().quantity() == ViewSettings.Quantity.DEPTH ? "Depth" : "Disparity");
            legend.show(v);
            statusBar.setProbe(describeProbe());
        }
        PipelineStats s = controller.stats();
        if (s != null) {
            List<String> lines = new ArrayList<>();
            lines.add(WindowText.figure("%.1f fps", s.framesPerSecond()).replace(WindowText.UNKNOWN, "– fps"));
            lines.add("latency " + WindowText.figure("%.0f ms", s.latencyMillis()));
            if (!Double.isNaN(s.skewMillis())) {
                lines.add("skew " + WindowText.figure("%.1f ms", s.skewMillis()));
            }
            mapView.setOverlay(lines);
            leftView.setOverlay(shown == null ? List.of() : List.of((shown.rectified() ? "rectified" : "as captured")
                    + " #" + shown.sequence()));
            timings.setText(timingTable(s, shown));
        }
        statusBar.setStatus(controller.statusLine(), controller.faulted());
        tuning.showSearchedRange(controller.searchedRange());
        replayBar.show(controller.replay());
        updateActions();
    }

    TuningPanel tuningPanel() {
        return tuning;
    }

    static String timingTable(PipelineStats s, StationView v) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%-9s %8s %8s %7s%n", "step", "mean ms", "frames", "errors"));
        for (StageTiming t : s.steps()) {
            b.append(String.format(Locale.ROOT, "%-9s %8s %8d %7d%n", t.name(), WindowText.figure("%.2f", t.meanMillis()),
                    t.frames(), t.errors()));
        }
        b.append(String.format(Locale.ROOT, "%nframes/s  %s%nlatency   %s%n",
                WindowText.figure("%.1f", s.framesPerSecond()), Double.isFinite(s.latencyMillis())
                        ? String.format(Locale.ROOT, "%.1f ms (max %.1f%s)", s.latencyMillis(), s.latencyMaxMillis(),
                        // in frame intervals only while frames come at a rate (not for one replayed pair)
                        Double.isFinite(s.latencyFrames()) ? String.format(Locale.ROOT, ", %.2f frames",
                                s.latencyFrames()) : "") : WindowText.UNKNOWN));
        b.append(String.format(Locale.ROOT, "skew      %s%ndropped   %d stale frames%n",
                WindowText.figure("%.1f ms", s.skewMillis()), s.dropped()));
        if (v != null) {
            // a filled pixel was given its neighbours' value: it is not a measurement
            b.append(String.format(Locale.ROOT, "measured  %.0f %% of pixels%nfilled    %.0f %%, unknown %.0f %%%n",
                    v.measurement().measured(), v.measurement().filled(), v.measurement().unknown()));
        }
        return b.toString();
    }

    /** Where notices stay until closed (other parts of the window post theirs here too). */
    public NotificationArea notifications() {
        return notifications;
    }

    ReplayBar replayBar() {
        return replayBar;
    }

    JScrollPane sidePanel() {
        return side;
    }

    JButton view3dButton() {
        return view3dButton;
    }

    JButton photoButton() {
        return photoButton;
    }

    public StatusBar statusBar() {
        return statusBar;
    }

    JTextArea timingsText() {
        return timings;
    }

    JButton calibrateButton() {
        return calibrateButton;
    }

    ImagePanel mapView() {
        return mapView;
    }
}
