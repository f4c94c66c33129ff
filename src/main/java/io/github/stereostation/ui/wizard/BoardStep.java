package io.github.stereostation.ui.wizard;

import io.github.stereostation.calibration.BoardPrinter;
import io.github.stereostation.calibration.BoardSpec;
import io.github.stereostation.calibration.CalibrationSession;

import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JComboBox;
import javax.swing.JFileChooser;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JSpinner;
import javax.swing.SpinnerNumberModel;
import javax.swing.filechooser.FileNameExtensionFilter;
import java.awt.Color;
import java.awt.GridBagConstraints;
import java.awt.GridBagLayout;
import java.awt.Insets;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Step 1: the board (kind, inner corners, square size, ChArUco marker and dictionary), a button that prints it
 * at true scale, and whether both cameras or one are calibrated; shows which source and resolution are in use.
 */
final class BoardStep extends JPanel {
    static final double PRINT_DPI = 300;
    static final double PRINT_MARGIN_MM = 10;

    final JComboBox<String> kind = new JComboBox<>(new String[]{"Chessboard", "ChArUco"});
    final JSpinner cols = new JSpinner(new SpinnerNumberModel(9, 2, 40, 1));
    final JSpinner rows = new JSpinner(new SpinnerNumberModel(6, 2, 40, 1));
    final JSpinner squareMm = new JSpinner(new SpinnerNumberModel(25.0, 1.0, 500.0, 0.5));
    final JSpinner markerMm = new JSpinner(new SpinnerNumberModel(18.0, 1.0, 500.0, 0.5));
    final JComboBox<String> dictionary = new JComboBox<>(new String[]{"DICT_4X4_50", "DICT_4X4_100", "DICT_5X5_100",
            "DICT_6X6_250", "DICT_ARUCO_ORIGINAL"});
    final JComboBox<String> mode = new JComboBox<>(new String[]{"Two cameras (stereo rig)", "One camera (intrinsics only)"});
    final JLabel source = new JLabel("not opened yet (they open when capture starts)");
    final JLabel message = new JLabel(" ");
    private final JButton pdf = new JButton("Print board as PDF...");
    private final JButton png = new JButton("Save board as PNG...");

    BoardStep() {
        super(new GridBagLayout());
        setBorder(BorderFactory.createEmptyBorder(16, 16, 16, 16));
        int y = 0;
        y = row(y, "<html><b>Step 1 of 4 - Board and cameras</b></html>", null);
        y = row(y, "Board kind", kind);
        y = row(y, "Inner corners across", cols);
        y = row(y, "Inner corners down", rows);
        y = row(y, "Square size (mm)", squareMm);
        y = row(y, "ChArUco marker size (mm)", markerMm);
        y = row(y, "ChArUco dictionary", dictionary);
        y = row(y, "Calibrate", mode);
        y = row(y, "Cameras", source);
        JPanel buttons = new JPanel();
        buttons.add(pdf);
        buttons.add(png);
        y = row(y, "Print (at 100 % scale)", buttons);
        y = row(y, "", message);
        row(y, "<html><i>Count INNER corners: a board of 10x7 squares has 9x6 inner corners. Measure a printed square "
                + "with a ruler and enter its true size.</i></html>", null);
        kind.addActionListener(e -> updateEnabled());
        pdf.addActionListener(e -> chooseAndPrint(true));
        png.addActionListener(e -> chooseAndPrint(false));
        updateEnabled();
    }

    private int row(int y, String label, java.awt.Component field) {
        GridBagConstraints c = new GridBagConstraints();
        c.gridy = y;
        c.insets = new Insets(4, 4, 4, 4);
        c.anchor = GridBagConstraints.WEST;
        if (field == null) {
            c.gridwidth = 2;
            add(new JLabel(label), c);
        } else {
            c.gridx = 0;
            add(new JLabel(label), c);
            c.gridx = 1;
            c.fill = GridBagConstraints.HORIZONTAL;
            add(field, c);
        }
        return y + 1;
    }

    private void updateEnabled() {
        boolean charuco = kind.getSelectedIndex() == 1;
        markerMm.setEnabled(charuco);
        dictionary.setEnabled(charuco);
    }

    /** The board as entered; a combination that makes no board is an {@link IllegalArgumentException} in words. */
    BoardSpec board() {
        int c = (Integer) cols.getValue();
        int r = (Integer) rows.getValue();
        double sq = ((Number) squareMm.getValue()).doubleValue();
        return kind.getSelectedIndex() == 0 ? BoardSpec.chessboard(c, r, sq)
                : BoardSpec.charuco(c, r, sq, ((Number) markerMm.getValue()).doubleValue(), (String) dictionary.getSelectedItem());
    }

    CalibrationSession.Mode sessionMode() {
        return mode.getSelectedIndex() == 0 ? CalibrationSession.Mode.STEREO : CalibrationSession.Mode.MONO;
    }

    void set(BoardSpec board, CalibrationSession.Mode m) {
        kind.setSelectedIndex(board.kind() == BoardSpec.Kind.CHESSBOARD ? 0 : 1);
        cols.setValue(board.innerCols());
        rows.setValue(board.innerRows());
        squareMm.setValue(board.squareMm());
        if (board.kind() == BoardSpec.Kind.CHARUCO) {
            markerMm.setValue(board.markerMm());
            dictionary.setSelectedItem(board.dictionary());
        }
        mode.setSelectedIndex(m == CalibrationSession.Mode.STEREO ? 0 : 1);
    }

    /** Writes the board at true scale; returns the message shown. */
    String print(Path file, boolean asPdf) {
        try {
            BoardSpec b = board();
            if (asPdf) {
                BoardPrinter.writePdf(b, PRINT_DPI, PRINT_MARGIN_MM, file);
            } else {
                BoardPrinter.writePng(b, PRINT_DPI, PRINT_MARGIN_MM, file);
            }
            return show("Wrote " + file + ": print at 100 % (no fit to page) and check a square measures "
                    + b.squareMm() + " mm", false);
        } catch (IOException | RuntimeException e) {
            return show("Could not write the board: " + e.getMessage(), true);
        }
    }

    String show(String text, boolean problem) {
        message.setText(text);
        message.setForeground(problem ? new Color(190, 30, 30) : new Color(20, 120, 40));
        return text;
    }

    private void chooseAndPrint(boolean asPdf) {
        JFileChooser fc = new JFileChooser();
        String ext = asPdf ? "pdf" : "png";
        fc.setFileFilter(new FileNameExtensionFilter(ext.toUpperCase(java.util.Locale.ROOT), ext));
        try {
            fc.setSelectedFile(new java.io.File("board-" + board().toText().replace(':', '-') + "." + ext));
        } catch (RuntimeException e) {
            show(e.getMessage(), true);
            return;
        }
        if (fc.showSaveDialog(this) == JFileChooser.APPROVE_OPTION) {
            print(fc.getSelectedFile().toPath(), asPdf);
        }
    }
}
