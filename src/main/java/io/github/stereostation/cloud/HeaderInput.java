package io.github.stereostation.cloud;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Reads the text header lines of a file whose body may be binary, without reading past the header. */
final class HeaderInput {
    private HeaderInput() {
    }

    /** One line without its terminator, or null at end of stream; lines are capped to keep a binary file from flooding. */
    static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder(64);
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                break;
            }
            if (b != '\r') {
                sb.append((char) b);
            }
            if (sb.length() > 4096) {
                throw new IOException("header line longer than 4096 characters");
            }
        }
        if (b < 0 && sb.length() == 0) {
            return null;
        }
        return sb.toString();
    }

    static void readFully(InputStream in, byte[] b, int len) throws IOException {
        int off = 0;
        while (off < len) {
            int r = in.read(b, off, len - off);
            if (r < 0) {
                throw new EOFException("file ends early");
            }
            off += r;
        }
    }

    static String ascii(byte[] b) {
        return new String(b, StandardCharsets.US_ASCII);
    }
}
