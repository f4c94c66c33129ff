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
import javax.swing.SpinnerNumberModel;
import java.awt.Color;
import java.awt.Component;
import java.awt.Dimension;
import java.awt.GridBagConstraints;
import java.awt.GridBagLayout;
import java.awt.Insets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The side panel: preset, every matcher and filter parameter, and how the views are drawn. Each edit builds a
 * new {@link Preset} value and puts it into the controller's tuning reference; the match stage picks it up at
 * the next frame. Invalid combinations (an even block size…) are refused with the reason, keeping the last
 * good settings.
 */
public final class TuningPanel extends JPanel {
    private final StationController controller;
    private final JComboBox<String> preset = new JComboBox<>(Preset.NAMES.toArray(new String[0]));
    private final JComboBox<String> algorithm = new JComboBox<>(new String[]{"sgbm", "bm"});
    private final JComboBox<String> sgbmMode = new JComboBox<>(new String[]{"3way", "sgbm", "hh"});
    private final JSpinner numDisparities = spinner(0, 0, 512, 16);
    private final JSpinner blockSize = spinner(5, 1, 255, 2);
    private final JSpinner uniqueness = spinner(10, 0, 100, 1);
    private final JSpinner speckleWindow = spinner(100, 0, 1000, 10);
    private final JSpinner speckleRange = spinner(2, 0, 64, 1);
    private final JSpinner disp12MaxDiff = spinner(1, -1, 64, 1);
    private final JSpinner preFilterCap = spinner(63, 1, 63, 1);
    private final JCheckBox leftRight = new JCheckBox("left-right check");
    private final JSpinner leftRightTolerance = new JSpinner(new SpinnerNumberModel(1.0, 0.0, 16.0, 0.5));
    private final JCheckBox fillHoles = new JCheckBox("fill holes (background side)");
    private final JCheckBox smoothing = new JCheckBox("edge-aware smoothing");
    private final JSpinner medianRadius = spinner(9, 0, 32, 1);
    private final JSpinner bilateralRadius = spinner(2, 0, 16, 1);
    private final JSpinner downscale = spinner(1, 1, 4, 1);
    private final JComboBox<ViewSettings.Quantity> quantity = new JComboBox<>(ViewSettings.Quantity.values());
    private final JComboBox<ViewSettings.Palette> palette = new JComboBox<>(ViewSettings.Palette.values());
    private final JCheckBox rectified = new JCheckBox("show rectified pair");
    private final JCheckBox monoFill = new JCheckBox("mono fill (every N frames)");
    private final JSpinner monoEvery = spinner(10, 1, 120, 1);
    private final JLabel problem = new JLabel(" ");
    /** The library's name of each value ({@link InvalidValueException#field()}) and the field that edits it. */
    private final Map<String, JComponent> fields = Map.of(Preset.FIELD, preset, MatcherSettings.ALGORITHM, algorithm,
            MatcherSettings.DISPARITY_RANGE, numDisparities, MatcherSettings.BLOCK_SIZE, blockSize,
            MatcherSettings.UNIQUENESS, uniqueness, MatcherSettings.SPECKLE_WINDOW, speckleWindow,
            MatcherSettings.SPECKLE_RANGE, speckleRange, MatcherSettings.PRE_FILTER_CAP, preFilterCap);
    /** Under each of those fields, the reason its value was refused (hidden while it is fine). */
    private final Map<JComponent, JLabel> fieldProblems = new HashMap<>();
    private boolean loading;
    private static final Color ERROR = new Color(0xD0, 0x30, 0x30);

    public TuningPanel(StationController controller) {
        this.controller = controller;
        setLayout(new BoxLayout(this, BoxLayout.Y_AXIS));
        setBorder(BorderFactory.createEmptyBorder(6, 6, 6, 6));
        JPanel p = section("Preset");
        row(p, "preset", preset);
        add(p);
        JPanel m = section("Matcher");
        row(m, "algorithm", algorithm);
        row(m, "SGBM paths", sgbmMode);
        row(m, "disparities (0 = auto)", numDisparities);
        row(m, "block size", blockSize);
        row(m, "uniqueness %", uniqueness);
        row(m, "speckle window px", speckleWindow);
        row(m, "speckle range px", speckleRange);
        row(m, "L-R max diff (-1 off)", disp12MaxDiff);
        row(m, "pre-filter cap", preFilterCap);
        add(m);
        JPanel f = section("Filters");
        row(f, null, leftRight);
        row(f, "L-R tolerance px", leftRightTolerance);
        row(f, null, fillHoles);
        row(f, null, smoothing);
        row(f, "median radius", medianRadius);
        row(f, "bilateral radius", bilateralRadius);
        row(f, "match at 1/n size", downscale);
        add(f);
        JPanel mf = section("Mono fill");
        row(mf, null, monoFill);
        row(mf, "N (run the model every N frames)", monoEvery);
        add(mf);
        JPanel v = section("View");
        row(v, "show", quantity);
        row(v, "palette", palette);
        row(v, null, rectified);
        add(v);
        problem.setForeground(ERROR);
        problem.setAlignmentX(Component.LEFT_ALIGNMENT);
        add(problem);

        load(controller.tuning().get());
        ViewSettings vs = controller.viewSettings();
        quantity.setSelectedItem(vs.quantity());
        palette.setSelectedItem(vs.palette());
        rectified.setSelected(vs.showRectified());
        UiSettings us = controller.settings();
        monoFill.setSelected(us.monoFill());
        monoEvery.setValue(us.monoFillEveryFrames());
        String noModel = StationController.monoModelProblem();
        if (noModel != null) {
            monoFill.setEnabled(false);
            monoEvery.setEnabled(false);
            String tip = "<html>Needs a mono depth model: " + noModel + "</html>";
            monoFill.setToolTipText(tip);
            monoEvery.setToolTipText(tip);
        } else {
            monoFill.setToolTipText("Fill stereo holes from the mono depth model (only with distances: calibrated "
                    + "or synthetic rig); the model runs on every N-th frame");
        }

        preset.addActionListener(e -> {
            if (!loading) {
                String name = (String) preset.getSelectedItem();
                try {
                    controller.applyPreset(name);
                    load(controller.tuning().get());
                    showProblem(null);
                } catch (RuntimeException ex) {
                    showProblem(ex);
                }
            }
        });
        for (JComponent c : new JComponent[]{algorithm, sgbmMode, leftRight, fillHoles, smoothing}) {
            if (c instanceof JComboBox<?> box) {
                box.addActionListener(e -> apply());
            } else if (c instanceof JCheckBox box) {
                box.addActionListener(e -> apply());
            }
        }
        for (JSpinner s : new JSpinner[]{numDisparities, blockSize, uniqueness, speckleWindow, speckleRange,
                disp12MaxDiff, preFilterCap, leftRightTolerance, medianRadius, bilateralRadius, downscale}) {
            s.addChangeListener(e -> apply());
        }
        quantity.addActionListener(e -> applyView());
        palette.addActionListener(e -> applyView());
        rectified.addActionListener(e -> applyView());
        monoFill.addActionListener(e -> applyMonoFill());
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
        JSpinner s = new JSpinner(new SpinnerNumberModel(value, min, max, step));
        s.setPreferredSize(new Dimension(80, s.getPreferredSize().height));
        return s;
    }

    private JPanel section(String title) {
        JPanel p = new JPanel(new GridBagLayout());
        p.setBorder(BorderFactory.createTitledBorder(title));
        p.setAlignmentX(Component.LEFT_ALIGNMENT);
        return p;
    }

    private void row(JPanel p, String label, JComponent c) {
        GridBagConstraints g = new GridBagConstraints();
        g.gridy = p.getComponentCount();
        g.insets = new Insets(1, 3, 1, 3);
        g.anchor = GridBagConstraints.WEST;
        if (label == null) {
            g.gridx = 0;
            g.gridwidth = 2;
            p.add(c, g);
            return;
        }
        g.gridx = 0;
        g.weightx = 1;
        p.add(new JLabel(label), g);
        g.gridx = 1;
        g.weightx = 0;
        g.fill = GridBagConstraints.HORIZONTAL;
        p.add(c, g);
        if (fields.containsValue(c)) {
            JLabel why = new JLabel();
            why.setForeground(ERROR);
            why.setVisible(false);
            g.gridy++;
            g.gridx = 0;
            g.gridwidth = 2;
            p.add(why, g);
            fieldProblems.put(c, why);
        }
    }

    /**
     * Shows why an edit was refused: by the field whose value is wrong when the error names one, else below
     * the sections; null clears every message.
     */
    private void showProblem(RuntimeException ex) {
        JComponent culprit = ex instanceof InvalidValueException v ? fields.get(v.field()) : null;
        for (Map.Entry<JComponent, JLabel> e : fieldProblems.entrySet()) {
            boolean here = e.getKey() == culprit;
            e.getValue().setText(here ? "<html><div style='width:200px'>" + ex.getMessage() + "</div></html>" : "");
            e.getValue().setVisible(here);
            e.getKey().putClientProperty("JComponent.outline", here ? "error" : null);
        }
        problem.setText(ex == null || culprit != null ? " " : "<html>" + ex.getMessage() + "</html>");
        revalidate();
    }

    /** Shows a preset's values without firing edits. */
    void load(Preset pr) {
        loading = true;
        try {
            preset.setSelectedItem(pr.name());
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

    /** Builds the edited preset and hands it to the loop (next frame). */
    void apply() {
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
                    current.filters().colourSigma(), (Integer) downscale.getValue());
            controller.tuning().set(current.withMatcher(m).withFilters(f));
            showProblem(null);
        } catch (RuntimeException ex) {
            showProblem(ex);
        }
    }

    private void applyView() {
        controller.setViewSettings(new ViewSettings((ViewSettings.Quantity) quantity.getSelectedItem(),
                (ViewSettings.Palette) palette.getSelectedItem(), rectified.isSelected()));
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

    JLabel problemLabel() {
        return problem;
    }

    /** The message shown by a field, empty while its value is fine. */
    String problemBy(JComponent field) {
        JLabel l = fieldProblems.get(field);
        return l == null || !l.isVisible() ? "" : l.getText();
    }

    JComboBox<String> algorithmBox() {
        return algorithm;
    }
}
