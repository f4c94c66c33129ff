package io.github.stereostation.calibration;

import io.github.stereostation.InvalidValueException;
import io.github.stereostation.UserInputException;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.objdetect.Objdetect;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A calibration target: its kind, the number of INNER corners along x (columns) and y (rows), the square
 * size in millimetres and, for ChArUco, the marker size and ArUco dictionary.
 * <p>Text form (command line and files): {@code chess:9x6:25} or {@code charuco:7x5:30:22:DICT_4X4_50}.
 * For ChArUco the board has {@code innerCols+1 x innerRows+1} squares, like OpenCV's CharucoBoard.
 */
public record BoardSpec(Kind kind, int innerCols, int innerRows, double squareMm, double markerMm, String dictionary) {

    /** The two target kinds the detector understands. */
    public enum Kind { CHESSBOARD, CHARUCO }

    /** The value's name, as {@link InvalidValueException#field()} gives it. */
    public static final String FIELD = "board";

    private static final Map<String, Integer> DICTIONARIES = new TreeMap<>();

    static {
        String[] names = {"DICT_4X4_50", "DICT_4X4_100", "DICT_4X4_250", "DICT_4X4_1000", "DICT_5X5_50",
                "DICT_5X5_100", "DICT_5X5_250", "DICT_5X5_1000", "DICT_6X6_50", "DICT_6X6_100", "DICT_6X6_250",
                "DICT_6X6_1000", "DICT_7X7_50", "DICT_7X7_100", "DICT_7X7_250", "DICT_7X7_1000",
                "DICT_ARUCO_ORIGINAL"};
        int[] ids = {Objdetect.DICT_4X4_50, Objdetect.DICT_4X4_100, Objdetect.DICT_4X4_250,
                Objdetect.DICT_4X4_1000, Objdetect.DICT_5X5_50, Objdetect.DICT_5X5_100, Objdetect.DICT_5X5_250,
                Objdetect.DICT_5X5_1000, Objdetect.DICT_6X6_50, Objdetect.DICT_6X6_100, Objdetect.DICT_6X6_250,
                Objdetect.DICT_6X6_1000, Objdetect.DICT_7X7_50, Objdetect.DICT_7X7_100, Objdetect.DICT_7X7_250,
                Objdetect.DICT_7X7_1000, Objdetect.DICT_ARUCO_ORIGINAL};
        for (int i = 0; i < names.length; i++) {
            DICTIONARIES.put(names[i], ids[i]);
        }
    }

    public BoardSpec {
        if (kind == null) {
            throw new IllegalArgumentException("board kind is null");
        }
        if (innerCols < 2 || innerRows < 2) {
            throw new IllegalArgumentException("a board needs at least 2x2 inner corners, got " + innerCols + "x" + innerRows);
        }
        if (!(squareMm > 0) || !Double.isFinite(squareMm)) {
            throw new IllegalArgumentException("square size must be a positive number of mm, got " + squareMm);
        }
        if (kind == Kind.CHARUCO) {
            if (!(markerMm > 0) || markerMm >= squareMm) {
                throw new IllegalArgumentException("ChArUco marker size must be positive and smaller than the square, got " + markerMm);
            }
            if (dictionary == null || !DICTIONARIES.containsKey(dictionary)) {
                throw new IllegalArgumentException("unknown ArUco dictionary " + dictionary + "; known: " + DICTIONARIES.keySet());
            }
            int markers = ((innerCols + 1) * (innerRows + 1)) / 2;
            if (markers > dictionarySize(dictionary)) {
                throw new IllegalArgumentException(dictionary + " has " + dictionarySize(dictionary)
                        + " markers but the board needs " + markers);
            }
        } else {
            markerMm = 0;
            dictionary = null;
        }
    }

    public static BoardSpec chessboard(int innerCols, int innerRows, double squareMm) {
        return new BoardSpec(Kind.CHESSBOARD, innerCols, innerRows, squareMm, 0, null);
    }

    public static BoardSpec charuco(int innerCols, int innerRows, double squareMm, double markerMm, String dictionary) {
        return new BoardSpec(Kind.CHARUCO, innerCols, innerRows, squareMm, markerMm, dictionary);
    }

    /** Parses the text form; a malformed spec is the user's mistake and reported as such. */
    public static BoardSpec parse(String text) {
        String usage = "expected chess:COLSxROWS:SQUARE_MM (inner corners, e.g. chess:9x6:25) or "
                + "charuco:COLSxROWS:SQUARE_MM:MARKER_MM:DICT (e.g. charuco:7x5:30:22:DICT_4X4_50)";
        if (text == null) {
            throw new InvalidValueException(FIELD, "board missing; " + usage);
        }
        String[] parts = text.trim().split(":");
        if (parts.length < 3) {
            throw new InvalidValueException(FIELD, "board '" + text + "': too few fields; " + usage);
        }
        try {
            String kind = parts[0].toLowerCase(Locale.ROOT);
            String[] dims = parts[1].toLowerCase(Locale.ROOT).split("x");
            if (dims.length != 2) {
                throw new IllegalArgumentException("size must be COLSxROWS");
            }
            int cols = Integer.parseInt(dims[0].trim());
            int rows = Integer.parseInt(dims[1].trim());
            double square = Double.parseDouble(parts[2]);
            if ((kind.equals("chess") || kind.equals("chessboard")) && parts.length == 3) {
                return chessboard(cols, rows, square);
            }
            if (kind.equals("charuco") && (parts.length == 4 || parts.length == 5)) {
                double marker = Double.parseDouble(parts[3]);
                String dict = parts.length == 5 ? parts[4].toUpperCase(Locale.ROOT) : "DICT_4X4_50";
                if (!dict.startsWith("DICT_")) {
                    dict = "DICT_" + dict;
                }
                return charuco(cols, rows, square, marker, dict);
            }
            throw new IllegalArgumentException("unknown kind or wrong number of fields");
        } catch (NumberFormatException e) {
            throw new InvalidValueException(FIELD, "board '" + text + "': not a number (" + e.getMessage() + "); " + usage);
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException(FIELD, "board '" + text + "': " + e.getMessage() + "; " + usage);
        }
    }

    /** The text form that {@link #parse} reads back. */
    public String toText() {
        String size = innerCols + "x" + innerRows + ":" + fmt(squareMm);
        return kind == Kind.CHESSBOARD ? "chess:" + size : "charuco:" + size + ":" + fmt(markerMm) + ":" + dictionary;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    public int cornerCount() {
        return innerCols * innerRows;
    }

    public int squaresX() {
        return innerCols + 1;
    }

    public int squaresY() {
        return innerRows + 1;
    }

    private static int dictionarySize(String dictionary) {
        String d = dictionary.substring(dictionary.lastIndexOf('_') + 1);
        return d.equals("ORIGINAL") ? 1024 : Integer.parseInt(d);
    }

    /** OpenCV's id of the ArUco dictionary (ChArUco only). */
    public int dictionaryId() {
        Integer id = DICTIONARIES.get(dictionary);
        if (id == null) {
            throw new IllegalStateException("not a ChArUco board: " + this);
        }
        return id;
    }

    /** Board width and height in mm including the outer squares. */
    public double widthMm() {
        return squaresX() * squareMm;
    }

    public double heightMm() {
        return squaresY() * squareMm;
    }

    /** Board-frame coordinates (mm, z = 0) of inner corner {@code id}, numbered row by row from the first corner. */
    public double[] cornerMm(int id) {
        return new double[]{(id % innerCols) * squareMm, (id / innerCols) * squareMm, 0};
    }

    /** Object points (CV_32FC3, one per corner id given) in mm. The caller releases the Mat. */
    public Mat objectPoints(int[] ids) {
        Mat m = new Mat(ids.length, 1, CvType.CV_32FC3);
        float[] buf = new float[ids.length * 3];
        for (int i = 0; i < ids.length; i++) {
            double[] p = cornerMm(ids[i]);
            buf[3 * i] = (float) p[0];
            buf[3 * i + 1] = (float) p[1];
            buf[3 * i + 2] = 0f;
        }
        m.put(0, 0, buf);
        return m;
    }

    @Override
    public String toString() {
        return toText();
    }
}
