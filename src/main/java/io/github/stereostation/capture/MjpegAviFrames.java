package io.github.stereostation.capture;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The JPEG frames of a Motion-JPEG AVI found by walking its movi list, without the idx1 index: how a recording
 * cut short (killed, disk full) is read, since OpenCV's reader refuses an AVI without an index. A frame cut off
 * at the end of the file is not listed.
 */
final class MjpegAviFrames {
    /** Where one frame's JPEG bytes are. */
    record Frame(long offset, int size) {
    }

    private MjpegAviFrames() {
    }

    static List<Frame> scan(Path file) throws IOException {
        List<Frame> frames = new ArrayList<>();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long length = ch.size();
            ByteBuffer h = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
            if (!read(ch, h, 0) || !id(h, 0).equals("RIFF") || !id(h, 8).equals("AVI ")) {
                throw new IOException(file + ": not an AVI file");
            }
            long at = 12;
            while (at + 12 <= length) {
                if (!read(ch, h, at)) {
                    break;
                }
                String id = id(h, 0);
                long size = h.getInt(4) & 0xFFFFFFFFL;
                if (id.equals("LIST") && id(h, 8).equals("movi")) {
                    walkMovi(ch, at + 12, length, frames);
                    break;
                }
                at += 8 + size + (size & 1);
            }
        }
        return frames;
    }

    private static void walkMovi(FileChannel ch, long at, long length, List<Frame> frames) throws IOException {
        ByteBuffer h = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        while (at + 8 <= length && read(ch, h, at)) {
            String id = id(h, 0);
            long size = h.getInt(4) & 0xFFFFFFFFL;
            if (at + 8 + size > length) {
                return; // cut off
            }
            if (id.endsWith("dc") || id.endsWith("db")) {
                frames.add(new Frame(at + 8, (int) size));
            } else if (id.equals("idx1")) {
                return;
            }
            at += 8 + size + (size & 1);
        }
    }

    static byte[] read(Path file, Frame f) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocate(f.size());
            if (!read(ch, b, f.offset())) {
                throw new IOException(file + ": frame at byte " + f.offset() + " is cut off");
            }
            return b.array();
        }
    }

    private static boolean read(FileChannel ch, ByteBuffer b, long at) throws IOException {
        b.clear();
        long pos = at;
        while (b.hasRemaining()) {
            int n = ch.read(b, pos);
            if (n < 0) {
                return false;
            }
            pos += n;
        }
        return true;
    }

    private static String id(ByteBuffer b, int at) {
        byte[] four = new byte[4];
        b.get(at, four);
        return new String(four, java.nio.charset.StandardCharsets.US_ASCII);
    }
}
