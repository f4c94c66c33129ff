package io.github.stereostation.ui;

import io.github.stereostation.InvalidValueException;
import io.github.stereostation.depth.FilterSettings;
import io.github.stereostation.depth.MatcherSettings;
import io.github.stereostation.depth.Preset;

import javax.swing.BorderFactory;
import javax.swing.BoxLayout;
import javax.swing.JCheckBox;
import javax.swing.JComboBox;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JSpinner;
import javax.swing.Scrollable;
import javax.swing.SpinnerNumberModel;
import javax.swing.UIManager;
import java.awt.Color;
import java.awt.Component;
import java.awt.Dimension;
import java.awt.GridBagConstraints;
import java.awt.GridBagLayout;
import java.awt.Insets;
import java.awt.Rectangle;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The side panel: preset, every matcher and filter parameter, and mono fill. Each edit builds a new
 * {@link Preset} value and puts it into the controller's tuning reference; the match stage picks it up at the
 * next frame. A value the matcher refuses (an even block size…) is refused with the reason, wrapped, right
 * under the field that was changed, and the last good settings stay. Labels are short (the tooltip says more)
 * and the panel follows its scroll pane's width, so no control is ever cut off at the side.
 */
public final class TuningPanel extends JPanel implements Scrollable {
    /** Width of the field column; labels take the rest. */
    static final int FIELD_WIDTH = 78;
    /** Width the panel is laid out for (the side panel's width without its scroll bar). */
    static final int PANEL_WIDTH = 270;

    private final StationController controller;
    private final JComboBox<String> preset = new JComboBox<>(Preset.NAMES.toArray(new String[0]));
    private final JComboBox<String> algorithm = new JComboBox<>(new String[]{"sgbm", "bm"});
    private final JComboBox<String> sgbmMode = new JComboBox<>(new String[]{"3way", "sgbm", "hh"});
    private final JSpinner numDisparities = spinner(0, 0, 512, 16);
    private final JLabel searched = new JLabel(" ");
    private String searchedText = " ";
    private final JSpinner blockSize = spinner(5, 1, 255, 2);
    private final JSpinner uniqueness = spinner(10, 0, 100, 1);
    private final JSpinner speckleWindow = spinner(100, 0, 1000, 10);
    private final JSpinner speckleRange = spinner(2, 0, 64, 1);
    private final JSpinner disp12MaxDiff = spinner(1, -1, 64, 1);
    private final JSpinner preFilterCap = spinner(63, 1, 63, 1);
    private final JCheckBox leftRight = new JCheckBox("left-right check");
    private final JSpinner leftRightTolerance = new JSpinner(new SpinnerNumberModel(1.0, 0.0, 16.0, 0.5));
    private final JCheckBox fillHoles = new JCheckBox("fill holes");
    private final JCheckBox smoothing = new JCheckBox("edge-aware smoothing");
    private final JSpinner medianRadius = spinner(9, 0, 32, 1);
    private final JSpinner bilateralRadius = spinner(2, 0, 16, 1);
    private final JSpinner downscale = spinner(1, 1, 4, 1);
    private final JCheckBox monoFill = new JCheckBox("fill holes from mono depth");
    private final JSpinner monoEvery = spinner(10, 1, 120, 1);
    /** One wrapped message line under each field, shown only while that field's value is refused. */
    private final Map<JComponent, JLabel> problems = new LinkedHashMap<>();
    private final Map<JComponent, String> names = new LinkedHashMap<>();
    /** The library's name of each value ({@link InvalidValueException#field()}) and the field that edits it. */
    private final Map<String, JComponent> fields = Map.of(Preset.FIELD, preset, MatcherSettings.ALGORITHM, algorithm,
            MatcherSettings.DISPARITY_RANGE, numDisparities, MatcherSettings.BLOCK_SIZE, blockSize,
            MatcherSettings.UNIQUENESS, uniqueness, MatcherSettings.SPECKLE_WINDOW, speckleWindow,
            MatcherSettings.SPECKLE_RANGE, speckleRange, MatcherSettings.PRE_FILTER_CAP, preFilterCap);
    private JComponent lastProblemField;
    private boolean loading;

    public TuningPanel(StationController controller) {
        this.controller = controller;
        setLayout(new BoxLayout(this, BoxLayout.Y_AXIS));
        setBorder(BorderFactory.createEmptyBorder(4, 4, 4, 4));
        JPanel p = section("Preset");
        row(p, "preset", preset, "Matcher and filter settings from config/presets/ (fast, balanced, none)");
        add(p);
        JPanel m = section("Matcher");
        row(m, "algorithm", algorithm, "sgbm: semi-global matching; bm: block matching (faster, patchier)");
        row(m, "SGBM paths", sgbmMode, "3way: fast 3-direction pass; sgbm: 5 paths; hh: 8 paths (slowest)");
        row(m, "disparities", numDisparities, "How many disparities to search (a multiple of 16); 0 = automatic: "
                + "from the nearest working distance (matcher.nearestMetres) when the loop knows distances, else "
                + "estimated from the images. The line below says what the last frame searched.");
        searched.setFont(searched.getFont().deriveFont(searched.getFont().getSize2D() - 1f));
        searched.setForeground(UIManager.getColor("Label.disabledForeground"));
        note(m, searched);
        row(m, "block size", blockSize, "Matching window in pixels (odd; bm needs 5 or more)");
        row(m, "uniqueness %", uniqueness, "Margin by which the best match must beat the second best");
        row(m, "speckle window", speckleWindow, "Largest blob (pixels) removed as a speckle; 0 = off");
        row(m, "speckle range", speckleRange, "Disparity spread (px) allowed inside one blob");
        row(m, "L-R max diff", disp12MaxDiff, "OpenCV's own left-right check in pixels; -1 = off");
        row(m, "pre-filter cap", preFilterCap, "Clips the image derivative the matcher compares (1..63)");
        add(m);
        JPanel f = section("Filters");
        row(f, null, leftRight, "Drop pixels where matching right-to-left disagrees");
        row(f, "L-R tolerance px", leftRightTolerance, "How far the two directions may disagree");
        row(f, null, fillHoles, "Give rejected pixels a disparity, marked as filled: occlusions from the farther "
                + "neighbour (they lie behind edges); with the left-right check, mismatches from the surface around "
                + "them");
        row(f, null, smoothing, "Give back the pixels the matcher spread past depth edges, then smooth disparity "
                + "within surfaces, keeping edges");
        row(f, "median radius", medianRadius, "Median filter radius in pixels; 0 = off");
        row(f, "bilateral radius", bilateralRadius, "Edge-aware smoothing radius in pixels");
        row(f, "match at 1/n size", downscale, "Match on an image n times smaller: faster, coarser");
        add(f);
        JPanel mf = section("Mono fill");
        row(mf, null, monoFill, null);
        row(mf, "run every N frames", monoEvery, null);
        add(mf);
        add(javax.swing.Box.createVerticalGlue());

        load(controller.tuning().get());
        UiSettings us = controller.settings();
        monoFill.setSelected(us.monoFill());
        monoEvery.setValue(us.monoFillEveryFrames());
        String noModel = StationController.monoModelProblem();
        if (noModel != null) {
            String tip = WindowText.wrap("Needs a mono depth model; ticking it offers to download one. " + noModel);
            monoFill.setToolTipText(tip);
            monoEvery.setToolTipText(tip);
        } else {
            String tip = WindowText.wrap("Fill stereo holes from the mono depth model (only with distances: "
                    + "calibrated or synthetic rig); the model runs on every N-th frame");
            monoFill.setToolTipText(tip);
            monoEvery.setToolTipText(tip);
        }

        preset.addActionListener(e -> {
            if (!loading) {
                String name = (String) preset.getSelectedItem();
                try {
                    controller.applyPreset(name);
                    load(controller.tuning().get());
                    showProblem(null, null);
                } catch (RuntimeException ex) {
                    showProblem(culprit(ex, preset), ex.getMessage());
                }
            }
        });
        for (JComboBox<?> box : java.util.List.of(algorithm, sgbmMode)) {
            box.addActionListener(e -> apply(box));
        }
        for (JCheckBox box : java.util.List.of(leftRight, fillHoles, smoothing)) {
            box.addActionListener(e -> apply(box));
        }
        for (JSpinner s : new JSpinner[]{numDisparities, blockSize, uniqueness, speckleWindow, speckleRange,
                disp12MaxDiff, preFilterCap, leftRightTolerance, medianRadius, bilateralRadius, downscale}) {
            s.addChangeListener(e -> apply(s));
        }
        monoFill.addActionListener(e -> {
            if (monoFill.isSelected()) {
                ModelOffer.whenModelReady(this, "Mono fill", this::applyMonoFill, () -> monoFill.setSelected(false));
            } else {
                applyMonoFill();
            }
        });
        monoEvery.addChangeListener(e -> {
            if (monoFill.isSelected()) {
                applyMonoFill();
            }
        });
    }

    private void applyMonoFill() {
        controller.setMonoFill(monoFill.isSelected(), (Integer) monoEvery.getValue());
    }

    private static JSpinner spinner(int value, int min, int max, int step) {
        return new JSpinner(new SpinnerNumberModel(value, min, max, step));
    }

    private JPanel section(String title) {
        JPanel p = new JPanel(new GridBagLayout());
        p.setBorder(BorderFactory.createCompoundBorder(BorderFactory.createTitledBorder(title),
                BorderFactory.createEmptyBorder(0, 2, 2, 2)));
        p.setAlignmentX(Component.LEFT_ALIGNMENT);
        return p;
    }

    /** A labelled field (or a full-width check box when {@code label} is null) and its hidden problem line. */
    private void row(JPanel p, String label, JComponent c, String tip) {
        if (tip != null) {
            c.setToolTipText(WindowText.wrap(tip));
        }
        GridBagConstraints g = new GridBagConstraints();
        g.gridy = p.getComponentCount();
        g.insets = new Insets(1, 2, 1, 2);
        g.anchor = GridBagConstraints.WEST;
        if (label == null) {
            g.gridx = 0;
            g.gridwidth = 2;
            p.add(c, g);
        } else {
            g.gridx = 0;
            g.weightx = 1;
            JLabel l = new JLabel(label);
            l.setLabelFor(c);
            if (tip != null) {
                l.setToolTipText(WindowText.wrap(tip));
            }
            p.add(l, g);
            g.gridx = 1;
            g.weightx = 0;
            g.fill = GridBagConstraints.HORIZONTAL;
            c.setPreferredSize(new Dimension(FIELD_WIDTH, c.getPreferredSize().height));
            p.add(c, g);
        }
        JLabel problem = new JLabel();
        problem.setForeground(new Color(0xD0, 0x30, 0x30));
        problem.setVisible(false);
        GridBagConstraints e = new GridBagConstraints();
        e.gridx = 0;
        e.gridy = g.gridy + 1;
        e.gridwidth = 2;
        e.anchor = GridBagConstraints.WEST;
        e.insets = new Insets(0, 4, 3, 2);
        p.add(problem, e);
        problems.put(c, problem);
        names.put(c, label != null ? label : c instanceof JCheckBox b ? b.getText() : null);
    }

    /** A full-width line of small print under the row above it. */
    private static void note(JPanel p, JLabel text) {
        GridBagConstraints g = new GridBagConstraints();
        g.gridx = 0;
        g.gridy = p.getComponentCount();
        g.gridwidth = 2;
        g.anchor = GridBagConstraints.WEST;
        g.insets = new Insets(0, 4, 3, 2);
        p.add(text, g);
    }

    /**
     * Shows the disparities the loop searched on its last frame and why (null: nothing yet), so that an
     * automatic range ("0") shows what it became.
     */
    public void showSearchedRange(String text) {
        String t = text == null ? " " : "searching " + text;
        if (!t.equals(searchedText)) {
            searchedText = t;
            searched.setText(WindowText.wrapToFit(t, searched.getFontMetrics(searched.getFont()), lineWidth(searched)));
            revalidate();
        }
    }

    /** The width a full-width line under a row of {@code c}'s section wraps to: the section's inside, never wider. */
    private static int lineWidth(JComponent c) {
        java.awt.Container section = c.getParent();
        Insets in = section.getInsets();
        return Math.max(120, (section.getWidth() > 0 ? section.getWidth() : PANEL_WIDTH - 12) - in.left - in.right - 8);
    }

    /** The searched-range line as shown (plain text). */
    String searchedRangeText() {
        return searchedText;
    }

    /** The field whose value was refused: the one the error names, else the one just edited. */
    private JComponent culprit(RuntimeException ex, JComponent edited) {
        JComponent named = ex instanceof InvalidValueException v ? fields.get(v.field()) : null;
        return named != null ? named : edited;
    }

    /**
     * Shows {@code message} (in the window's words, wrapped to the panel) under {@code field}, with the field
     * outlined in red; null clears the last one.
     */
    private void showProblem(JComponent field, String message) {
        if (lastProblemField != null) {
            problems.get(lastProblemField).setVisible(false);
            lastProblemField.putClientProperty("JComponent.outline", null);
            lastProblemField = null;
        }
        if (field != null && message != null) {
            JLabel l = problems.get(field);
            l.setText(WindowText.wrapToFit(WindowText.inWindowWords(message, names.get(field)),
                    l.getFontMetrics(l.getFont()), lineWidth(field)));
            l.setVisible(true);
            field.putClientProperty("JComponent.outline", "error");
            lastProblemField = field;
        }
        revalidate();
        repaint();
    }

    /** Shows a preset's values without firing edits. */
    void load(Preset pr) {
        loading = true;
        try {
            preset.setSelectedItem(pr.name());
            // the preset file's own description, so its description key is read and shown
            preset.setToolTipText(pr.description() == null ? null : WindowText.wrap(pr.description()));
            MatcherSettings m = pr.matcher();
            algorithm.setSelectedItem(m.algorithm().name().toLowerCase(Locale.ROOT));
            sgbmMode.setSelectedItem(switch (m.sgbmMode()) {
                case THREE_WAY -> "3way";
                case HH -> "hh";
                case SGBM -> "sgbm";
            });
            numDisparities.setValue(m.numDisparities());
            blockSize.setValue(m.blockSize());
            uniqueness.setValue(m.uniquenessRatio());
            speckleWindow.setValue(m.speckleWindow());
            speckleRange.setValue(m.speckleRange());
            disp12MaxDiff.setValue(m.disp12MaxDiff());
            preFilterCap.setValue(m.preFilterCap());
            FilterSettings f = pr.filters();
            leftRight.setSelected(f.leftRightCheck());
            leftRightTolerance.setValue(f.leftRightTolerance());
            fillHoles.setSelected(f.fillHoles());
            smoothing.setSelected(f.smoothing());
            medianRadius.setValue(f.medianRadius());
            bilateralRadius.setValue(f.bilateralRadius());
            downscale.setValue(f.downscale());
        } finally {
            loading = false;
        }
    }

    /** Builds the edited preset and hands it to the loop (next frame); {@code changed} is the field edited. */
    void apply(JComponent changed) {
        if (loading) {
            return;
        }
        Preset current = controller.tuning().get();
        try {
            MatcherSettings m = new MatcherSettings(
                    MatcherSettings.Algorithm.parse((String) algorithm.getSelectedItem(), "algorithm"),
                    MatcherSettings.SgbmMode.parse((String) sgbmMode.getSelectedItem(), "SGBM paths"),
                    MatcherSettings.roundUpTo16((Integer) numDisparities.getValue()), (Integer) blockSize.getValue(),
                    (Integer) uniqueness.getValue(), (Integer) speckleWindow.getValue(),
                    (Integer) speckleRange.getValue(), (Integer) disp12MaxDiff.getValue(),
                    (Integer) preFilterCap.getValue());
            FilterSettings f = new FilterSettings(leftRight.isSelected(),
                    ((Number) leftRightTolerance.getValue()).doubleValue(), fillHoles.isSelected(),
                    smoothing.isSelected(), (Integer) medianRadius.getValue(), (Integer) bilateralRadius.getValue(),
                    current.filters().colourSigma(), (Integer) downscale.getValue()).withStepsOf(current.filters());
            controller.tuning().set(current.withMatcher(m).withFilters(f));
            showProblem(null, null);
        } catch (RuntimeException ex) {
            showProblem(culprit(ex, changed), ex.getMessage());
        }
    }

    @Override
    public Dimension getPreferredScrollableViewportSize() {
        return new Dimension(PANEL_WIDTH, getPreferredSize().height);
    }

    @Override
    public int getScrollableUnitIncrement(Rectangle visible, int orientation, int direction) {
        return 16;
    }

    @Override
    public int getScrollableBlockIncrement(Rectangle visible, int orientation, int direction) {
        return Math.max(16, visible.height - 32);
    }

    /** Follows the side panel's width: rows shrink or grow, nothing is cut off at the right. */
    @Override
    public boolean getScrollableTracksViewportWidth() {
        return true;
    }

    @Override
    public boolean getScrollableTracksViewportHeight() {
        return false;
    }

    JSpinner blockSizeSpinner() {
        return blockSize;
    }

    JCheckBox monoFillBox() {
        return monoFill;
    }

    JSpinner monoEverySpinner() {
        return monoEvery;
    }

    /** The problem line under {@code field} (hidden while its value is fine). */
    JLabel problemLabelOf(JComponent field) {
        return problems.get(field);
    }

    /** The message shown by a field, empty while its value is fine. */
    String problemBy(JComponent field) {
        JLabel l = problems.get(field);
        return l == null || !l.isVisible() ? "" : l.getText().replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ").strip();
    }

    JComboBox<String> algorithmBox() {
        return algorithm;
    }

    JComboBox<String> presetBox() {
        return preset;
    }
}
