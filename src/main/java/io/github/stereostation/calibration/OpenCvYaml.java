package io.github.stereostation.calibration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.github.stereostation.UserInputException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The subset of OpenCV's FileStorage YAML that calibrations need: a {@code %YAML:1.0} header, scalars,
 * strings and {@code !!opencv-matrix} nodes (rows, cols, dt: d, data). OpenCV's Java binding has no
 * FileStorage, so files are written here in the exact layout {@code cv::FileStorage} reads, and read back
 * with a YAML parser plus checks that name the file and field at fault.
 */
final class OpenCvYaml {
    private OpenCvYaml() {
    }

    /** Builds a FileStorage YAML document. */
    static final class Writer {
        private final StringBuilder sb = new StringBuilder("%YAML:1.0\n---\n");

        Writer comment(String text) {
            sb.append("# ").append(text.replace('\n', ' ')).append('\n');
            return this;
        }

        Writer integer(String key, long value) {
            sb.append(key).append(": ").append(value).append('\n');
            return this;
        }

        Writer real(String key, double value) {
            sb.append(key).append(": ").append(num(value)).append('\n');
            return this;
        }

        Writer string(String key, String value) {
            sb.append(key).append(": \"").append(value.replace("\\", "\\\\").replace("\"", "\\\"")).append("\"\n");
            return this;
        }

        Writer matrix(String key, int rows, int cols, double[] data) {
            if (data.length != rows * cols) {
                throw new IllegalArgumentException(key + ": " + rows + "x" + cols + " needs " + rows * cols + " values");
            }
            sb.append(key).append(": !!opencv-matrix\n   rows: ").append(rows).append("\n   cols: ").append(cols)
                    .append("\n   dt: d\n   data: [ ");
            for (int i = 0; i < data.length; i++) {
                sb.append(i == 0 ? "" : ", ").append(num(data[i]));
            }
            sb.append(" ]\n");
            return this;
        }

        byte[] bytes() {
            return sb.toString().getBytes(StandardCharsets.UTF_8);
        }

        private static String num(double v) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("not a finite number: " + v);
            }
            return String.format(Locale.ROOT, "%.17g", v);
        }
    }

    /** A parsed document whose getters report missing or malformed fields as the user's problem. */
    static final class Document {
        private final Path file;
        private final JsonNode root;

        private Document(Path file, JsonNode root) {
            this.file = file;
            this.root = root;
        }

        /** Calibration files are a few kilobytes; a larger file is not one (and a huge string parses slowly). */
        static final long MAX_BYTES = 1 << 20;

        static Document read(Path file) {
            String text;
            try {
                if (Files.size(file) > MAX_BYTES) {
                    throw new UserInputException(file + ": " + Files.size(file) / 1024 + " kB is too large for a calibration"
                            + " file (they are a few kB; the limit is " + MAX_BYTES / 1024 + " kB)");
                }
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                throw new UserInputException(file + ": no such file");
            } catch (IOException e) {
                throw new UserInputException(file + ": cannot read (" + e.getMessage() + ")");
            }
            if (!text.startsWith("%YAML")) {
                throw new UserInputException(file + ": not an OpenCV YAML file (it must start with %YAML:1.0)");
            }
            // OpenCV writes "%YAML:1.0", which standard YAML parsers do not accept as a directive.
            int eol = text.indexOf('\n');
            String body = eol < 0 ? "" : text.substring(eol + 1);
            JsonNode root;
            try {
                root = new YAMLMapper().readTree(body);
            } catch (IOException e) {
                String msg = e.getMessage() == null ? e.toString() : e.getMessage().split("\n")[0];
                throw new UserInputException(file + ": damaged YAML (" + msg + ")");
            }
            if (root == null || !root.isObject()) {
                throw new UserInputException(file + ": empty or not a key/value YAML document");
            }
            return new Document(file, root);
        }

        boolean has(String key) {
            return root.has(key);
        }

        private JsonNode node(String key) {
            JsonNode n = root.get(key);
            if (n == null || n.isNull()) {
                throw new UserInputException(file + ": field '" + key + "' is missing (file truncated or edited?)");
            }
            return n;
        }

        String string(String key) {
            JsonNode n = node(key);
            if (!n.isValueNode()) {
                throw new UserInputException(file + ": field '" + key + "' must be a text value");
            }
            return n.asText();
        }

        int integer(String key) {
            JsonNode n = node(key);
            if (!n.canConvertToInt() || !n.isIntegralNumber()) {
                throw new UserInputException(file + ": field '" + key + "' must be a whole number, found '" + n.asText() + "'");
            }
            return n.intValue();
        }

        double real(String key) {
            return finite(key, node(key));
        }

        private double finite(String key, JsonNode n) {
            if (!n.isNumber() || !Double.isFinite(n.doubleValue())) {
                throw new UserInputException(file + ": field '" + key + "' must be a finite number, found '" + n.asText() + "'");
            }
            return n.doubleValue();
        }

        /** A matrix of exactly {@code rows x cols} (cols < 0: any number of columns of a 1-row matrix). */
        double[] matrix(String key, int rows, int cols) {
            JsonNode n = node(key);
            JsonNode data = n.get("data");
            if (!n.isObject() || data == null || !data.isArray() || !n.path("rows").isInt() || !n.path("cols").isInt()) {
                throw new UserInputException(file + ": field '" + key + "' must be an OpenCV matrix (rows, cols, dt, data)");
            }
            int r = n.get("rows").intValue();
            int c = n.get("cols").intValue();
            boolean shapeOk = cols < 0 ? (r == 1 || c == 1) && r * c >= 4 : r == rows && c == cols;
            if (!shapeOk) {
                throw new UserInputException(file + ": field '" + key + "' is " + r + "x" + c + ", expected "
                        + (cols < 0 ? "a row of at least 4 distortion coefficients" : rows + "x" + cols));
            }
            if (data.size() != r * c) {
                throw new UserInputException(file + ": field '" + key + "' has " + data.size() + " values for a "
                        + r + "x" + c + " matrix (file truncated or edited?)");
            }
            double[] out = new double[r * c];
            for (int i = 0; i < out.length; i++) {
                out[i] = finite(key + "[" + i + "]", data.get(i));
            }
            return out;
        }

        Path file() {
            return file;
        }
    }
}
