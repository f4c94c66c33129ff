package io.github.stereostation.cloud;

import io.github.stereostation.UserInputException;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads PLY (ASCII, binary little- or big-endian): vertex x y z (any numeric type) with optional
 * red green blue (uchar), faces from a {@code vertex_indices}/{@code vertex_index} list (polygons are split
 * into fans); other elements and properties are skipped.
 */
public final class PlyReader {
    private PlyReader() {
    }

    private record Property(String name, String type, String countType) {
        boolean isList() {
            return countType != null;
        }
    }

    private record Element(String name, long count, List<Property> properties) {
    }

    /** The file as a mesh; a plain cloud comes back with no triangles. */
    public static TriangleMesh read(Path file) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            return read(in, file);
        } catch (EOFException e) {
            throw new UserInputException(file + ": PLY ends before the data its header announces");
        } catch (NumberFormatException e) {
            throw new UserInputException(file + ": malformed number in PLY (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new UserInputException(file + ": cannot read PLY (" + e.getMessage() + ")", e);
        }
    }

    private static TriangleMesh read(InputStream in, Path file) throws IOException {
        if (!"ply".equals(HeaderInput.line(in))) {
            throw new UserInputException(file + ": not a PLY file (first line must be 'ply')");
        }
        String format = null;
        List<Element> elements = new ArrayList<>();
        for (String line; ; ) {
            line = HeaderInput.line(in);
            if (line == null) {
                throw new UserInputException(file + ": PLY header has no end_header");
            }
            String[] t = line.trim().split("\\s+");
            switch (t[0]) {
                case "format" -> format = t[1];
                case "element" -> elements.add(new Element(t[1], Long.parseLong(t[2]), new ArrayList<>()));
                case "property" -> {
                    if (elements.isEmpty()) {
                        throw new UserInputException(file + ": PLY property before any element");
                    }
                    Property p = t[1].equals("list") ? new Property(t[4], t[3], t[2]) : new Property(t[2], t[1], null);
                    elements.get(elements.size() - 1).properties().add(p);
                }
                default -> {
                    // comment, obj_info, blank
                }
            }
            if (t[0].equals("end_header")) {
                break;
            }
        }
        if (format == null) {
            throw new UserInputException(file + ": PLY header has no format line");
        }
        boolean ascii = format.equals("ascii");
        ByteOrder order = switch (format) {
            case "binary_little_endian" -> ByteOrder.LITTLE_ENDIAN;
            case "binary_big_endian" -> ByteOrder.BIG_ENDIAN;
            case "ascii" -> null;
            default -> throw new UserInputException(file + ": unknown PLY format '" + format + "'");
        };
        Values values = ascii ? new AsciiValues(in) : new BinaryValues(in, order);
        float[] pos = null;
        byte[] col = null;
        int[] tris = new int[0];
        int triCount = 0;
        for (Element e : elements) {
            if (e.count() > Integer.MAX_VALUE / 3) {
                throw new UserInputException(file + ": PLY element " + e.name() + " has too many entries (" + e.count() + ")");
            }
            int n = (int) e.count();
            List<Property> props = e.properties();
            if (e.name().equals("vertex")) {
                int[] slot = new int[props.size()];
                boolean hasColour = false;
                for (int k = 0; k < props.size(); k++) {
                    slot[k] = switch (props.get(k).name()) {
                        case "x" -> 0;
                        case "y" -> 1;
                        case "z" -> 2;
                        case "red", "r" -> 3;
                        case "green", "g" -> 4;
                        case "blue", "b" -> 5;
                        default -> -1;
                    };
                    hasColour |= slot[k] >= 3;
                }
                pos = new float[3 * n];
                col = hasColour ? new byte[3 * n] : null;
                for (int i = 0; i < n; i++) {
                    for (int k = 0; k < props.size(); k++) {
                        Property p = props.get(k);
                        if (p.isList()) {
                            skipList(values, p);
                            continue;
                        }
                        double v = values.next(p.type());
                        int s = slot[k];
                        if (s >= 0 && s < 3) {
                            pos[3 * i + s] = (float) v;
                        } else if (s >= 3) {
                            col[3 * i + s - 3] = (byte) (int) v;
                        }
                    }
                }
            } else if (e.name().equals("face")) {
                tris = new int[Math.max(3, 3 * n)];
                for (int i = 0; i < n; i++) {
                    for (Property p : props) {
                        if (p.isList() && (p.name().equals("vertex_indices") || p.name().equals("vertex_index"))) {
                            int count = (int) values.next(p.countType());
                            int first = (int) values.next(p.type());
                            int prev = count > 1 ? (int) values.next(p.type()) : first;
                            for (int k = 2; k < count; k++) {
                                int cur = (int) values.next(p.type());
                                if (3 * triCount + 3 > tris.length) {
                                    tris = java.util.Arrays.copyOf(tris, tris.length * 2);
                                }
                                tris[3 * triCount] = first;
                                tris[3 * triCount + 1] = prev;
                                tris[3 * triCount + 2] = cur;
                                triCount++;
                                prev = cur;
                            }
                        } else if (p.isList()) {
                            skipList(values, p);
                        } else {
                            values.next(p.type());
                        }
                    }
                }
            } else {
                for (long i = 0; i < n; i++) {
                    for (Property p : props) {
                        if (p.isList()) {
                            skipList(values, p);
                        } else {
                            values.next(p.type());
                        }
                    }
                }
            }
        }
        if (pos == null) {
            throw new UserInputException(file + ": PLY has no vertex element");
        }
        PointCloud cloud = new PointCloud(pos, col);
        try {
            return new TriangleMesh(cloud, java.util.Arrays.copyOf(tris, 3 * triCount));
        } catch (IllegalArgumentException ex) {
            throw new UserInputException(file + ": PLY face refers to a missing vertex (" + ex.getMessage() + ")");
        }
    }

    private static void skipList(Values values, Property p) throws IOException {
        int count = (int) values.next(p.countType());
        for (int k = 0; k < count; k++) {
            values.next(p.type());
        }
    }

    private interface Values {
        double next(String type) throws IOException;
    }

    private static final class AsciiValues implements Values {
        private final BufferedReader reader;
        private String[] tokens = new String[0];
        private int at;

        AsciiValues(InputStream in) {
            reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII), 1 << 16);
        }

        @Override
        public double next(String type) throws IOException {
            while (at >= tokens.length) {
                String line = reader.readLine();
                if (line == null) {
                    throw new EOFException();
                }
                line = line.trim();
                tokens = line.isEmpty() ? new String[0] : line.split("\\s+");
                at = 0;
            }
            String tok = tokens[at++];
            // a float property parses as float directly: double-then-float rounding could miss by one ulp
            return type.equals("float") || type.equals("float32") ? Float.parseFloat(tok) : Double.parseDouble(tok);
        }
    }

    private static final class BinaryValues implements Values {
        private final InputStream in;
        private final ByteBuffer buf;

        BinaryValues(InputStream in, ByteOrder order) {
            this.in = in;
            this.buf = ByteBuffer.allocate(8).order(order);
        }

        @Override
        public double next(String type) throws IOException {
            int size = switch (type) {
                case "char", "uchar", "int8", "uint8" -> 1;
                case "short", "ushort", "int16", "uint16" -> 2;
                case "int", "uint", "float", "int32", "uint32", "float32" -> 4;
                case "double", "float64" -> 8;
                default -> throw new IOException("unknown PLY type '" + type + "'");
            };
            buf.clear();
            HeaderInput.readFully(in, buf.array(), size);
            return switch (type) {
                case "char", "int8" -> buf.get(0);
                case "uchar", "uint8" -> buf.get(0) & 0xFF;
                case "short", "int16" -> buf.getShort(0);
                case "ushort", "uint16" -> buf.getShort(0) & 0xFFFF;
                case "int", "int32" -> buf.getInt(0);
                case "uint", "uint32" -> buf.getInt(0) & 0xFFFFFFFFL;
                case "float", "float32" -> buf.getFloat(0);
                default -> buf.getDouble(0);
            };
        }
    }
}
