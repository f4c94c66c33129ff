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
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads PCL's PCD v0.7 ({@code DATA ascii} or {@code binary}; {@code binary_compressed} is refused): fields
 * x y z and an optional packed {@code rgb}/{@code rgba} (0x00RRGGBB in a float's or an integer's bits; in ASCII
 * PCL writes it as an unsigned integer, older files as the float). Other fields are skipped.
 */
public final class PcdReader {
    private PcdReader() {
    }

    public static PointCloud read(Path file) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            return read(in, file);
        } catch (EOFException e) {
            throw new UserInputException(file + ": PCD ends before the " + "points its header announces");
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            throw new UserInputException(file + ": malformed PCD (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new UserInputException(file + ": cannot read PCD (" + e.getMessage() + ")", e);
        }
    }

    private static PointCloud read(InputStream in, Path file) throws IOException {
        Map<String, String[]> h = new HashMap<>();
        String data = null;
        while (data == null) {
            String line = HeaderInput.line(in);
            if (line == null) {
                throw new UserInputException(file + ": PCD header has no DATA line");
            }
            line = line.trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] t = line.split("\\s+");
            String key = t[0].toUpperCase();
            h.put(key, Arrays.copyOfRange(t, 1, t.length));
            if (key.equals("DATA")) {
                data = t.length > 1 ? t[1] : "";
            }
        }
        String[] fields = require(h, "FIELDS", file);
        String[] sizes = require(h, "SIZE", file);
        String[] types = require(h, "TYPE", file);
        String[] counts = h.getOrDefault("COUNT", filled(fields.length, "1"));
        if (sizes.length != fields.length || types.length != fields.length || counts.length != fields.length) {
            throw new UserInputException(file + ": PCD FIELDS, SIZE, TYPE and COUNT disagree in length");
        }
        long points = h.containsKey("POINTS") ? Long.parseLong(h.get("POINTS")[0])
                : Long.parseLong(require(h, "WIDTH", file)[0]) * Long.parseLong(require(h, "HEIGHT", file)[0]);
        if (points > Integer.MAX_VALUE / 3) {
            throw new UserInputException(file + ": PCD has too many points (" + points + ")");
        }
        int n = (int) points;
        int[] slot = new int[fields.length];
        boolean hasColour = false;
        boolean hasXyz = false;
        for (int k = 0; k < fields.length; k++) {
            slot[k] = switch (fields[k]) {
                case "x" -> 0;
                case "y" -> 1;
                case "z" -> 2;
                case "rgb", "rgba" -> 3;
                default -> -1;
            };
            hasColour |= slot[k] == 3;
            hasXyz |= slot[k] == 2;
        }
        if (!hasXyz) {
            throw new UserInputException(file + ": PCD has no x y z fields");
        }
        float[] pos = new float[3 * n];
        byte[] col = hasColour ? new byte[3 * n] : null;
        switch (data) {
            case "ascii" -> {
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII), 1 << 16);
                for (int i = 0; i < n; i++) {
                    String line = r.readLine();
                    if (line == null) {
                        throw new EOFException();
                    }
                    String[] t = line.trim().split("\\s+");
                    int at = 0;
                    for (int k = 0; k < fields.length; k++) {
                        int c = Integer.parseInt(counts[k]);
                        if (slot[k] >= 0 && slot[k] < 3) {
                            pos[3 * i + slot[k]] = Float.parseFloat(t[at]);
                        } else if (slot[k] == 3) {
                            String v = t[at];
                            // PCL writes the packed colour as an unsigned integer; older writers as the float it aliases
                            int bits = v.matches("\\d+") ? (int) Long.parseLong(v) : Float.floatToRawIntBits(Float.parseFloat(v));
                            unpack(bits, col, i);
                        }
                        at += c;
                    }
                }
            }
            case "binary" -> {
                int[] offset = new int[fields.length];
                int stride = 0;
                for (int k = 0; k < fields.length; k++) {
                    offset[k] = stride;
                    stride += Integer.parseInt(sizes[k]) * Integer.parseInt(counts[k]);
                }
                byte[] rec = new byte[stride];
                ByteBuffer b = ByteBuffer.wrap(rec).order(ByteOrder.LITTLE_ENDIAN);
                for (int i = 0; i < n; i++) {
                    HeaderInput.readFully(in, rec, stride);
                    for (int k = 0; k < fields.length; k++) {
                        if (slot[k] < 0) {
                            continue;
                        }
                        if (slot[k] < 3) {
                            pos[3 * i + slot[k]] = number(b, offset[k], sizes[k], types[k], file);
                        } else {
                            unpack(b.getInt(offset[k]), col, i);
                        }
                    }
                }
            }
            default -> throw new UserInputException(file + ": PCD DATA '" + data + "' is not supported (ascii or binary)");
        }
        return new PointCloud(pos, col);
    }

    private static float number(ByteBuffer b, int off, String size, String type, Path file) {
        return switch (type + size) {
            case "F4" -> b.getFloat(off);
            case "F8" -> (float) b.getDouble(off);
            case "I1" -> b.get(off);
            case "U1" -> b.get(off) & 0xFF;
            case "I2" -> b.getShort(off);
            case "U2" -> b.getShort(off) & 0xFFFF;
            case "I4" -> b.getInt(off);
            case "U4" -> b.getInt(off) & 0xFFFFFFFFL;
            default -> throw new UserInputException(file + ": PCD field type " + type + size + " is not supported");
        };
    }

    private static void unpack(int bits, byte[] col, int i) {
        col[3 * i] = (byte) (bits >> 16);
        col[3 * i + 1] = (byte) (bits >> 8);
        col[3 * i + 2] = (byte) bits;
    }

    private static String[] require(Map<String, String[]> h, String key, Path file) {
        String[] v = h.get(key);
        if (v == null || v.length == 0) {
            throw new UserInputException(file + ": PCD header lacks " + key);
        }
        return v;
    }

    private static String[] filled(int n, String v) {
        String[] a = new String[n];
        Arrays.fill(a, v);
        return a;
    }
}
