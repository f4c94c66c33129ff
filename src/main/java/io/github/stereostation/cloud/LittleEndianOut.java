package io.github.stereostation.cloud;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Little-endian primitives into a stream through one small reusable buffer, so writers stream any size of
 * cloud without building a second copy of it in memory.
 */
final class LittleEndianOut {
    private final OutputStream out;
    private final ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);

    LittleEndianOut(OutputStream out) {
        this.out = out;
    }

    private void room(int bytes) throws IOException {
        if (buf.remaining() < bytes) {
            flush();
        }
    }

    void putFloat(float v) throws IOException {
        room(4);
        buf.putFloat(v);
    }

    void putInt(int v) throws IOException {
        room(4);
        buf.putInt(v);
    }

    void putShort(int v) throws IOException {
        room(2);
        buf.putShort((short) v);
    }

    void putByte(int v) throws IOException {
        room(1);
        buf.put((byte) v);
    }

    void putBytes(byte[] b) throws IOException {
        flush();
        out.write(b);
    }

    /** Writes what is buffered to the stream (does not flush the stream itself). */
    void flush() throws IOException {
        if (buf.position() > 0) {
            out.write(buf.array(), 0, buf.position());
            buf.clear();
        }
    }
}
