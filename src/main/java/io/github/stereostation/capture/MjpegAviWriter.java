package io.github.stereostation.capture;

import io.github.stereostation.OpenCvNative;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.imgcodecs.Imgcodecs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A Motion-JPEG AVI written under its final name as it grows, so a recording killed or stopped by a full disk
 * keeps every frame {@link #append} returned from: each frame goes straight to the file (no buffer in this
 * process) and the RIFF, movi and frame-count fields are brought up to date after it. The idx1 index OpenCV's
 * reader needs is written by {@link #close()}; a file without it (a killed recording) is read by
 * {@link MjpegAviFrames}, which walks the frames themselves. Not thread-safe: one writer thread.
 */
final class MjpegAviWriter implements AutoCloseable {
    private static final int HEADER_BYTES = 12 + 8 + 4 + (8 + 56) + (8 + 4 + (8 + 56) + (8 + 40)) + 12;
    private static final int RIFF_SIZE_AT = 4;
    private static final int AVIH_TOTAL_FRAMES_AT = 12 + 8 + 4 + 8 + 16;
    private static final int STRH_LENGTH_AT = 12 + 8 + 4 + 8 + 56 + 12 + 8 + 32;
    private static final int MOVI_SIZE_AT = HEADER_BYTES - 8;
    private static final int MOVI_FOURCC_AT = HEADER_BYTES - 4;

    private final Path file;
    private final FileChannel ch;
    private final int width;
    private final int height;
    private final MatOfInt quality;
    private final MatOfByte jpeg = new MatOfByte();
    private final ByteBuffer small = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
    private int[] offsets = new int[256];
    private int[] sizes = new int[256];
    private int frames;
    private long end;

    MjpegAviWriter(Path file, int width, int height, double fps, int jpegQuality) throws IOException {
        OpenCvNative.load();
        this.file = file;
        this.width = width;
        this.height = height;
        this.quality = new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, jpegQuality);
        this.ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
            ch.write(header(fps), 0);
        } catch (IOException e) {
            ch.close();
            throw e;
        }
        end = HEADER_BYTES;
    }

    Path file() {
        return file;
    }

    /** Encodes and writes one frame; when this returns, the frame is in the file for any reader. */
    void append(Mat image) throws IOException {
        if (image.cols() != width || image.rows() != height) {
            throw new IOException(file + ": frame size " + image.cols() + "x" + image.rows() + " differs from the video's "
                    + width + "x" + height);
        }
        if (!Imgcodecs.imencode(".jpg", image, jpeg, quality)) {
            throw new IOException(file + ": could not encode a frame as JPEG");
        }
        byte[] data = jpeg.toArray();
        int padded = data.length + (data.length & 1);
        ByteBuffer chunk = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
        chunk.put(fourcc("00dc")).putInt(data.length).put(data);
        chunk.flip();
        chunk.limit(8 + padded);
        writeFully(chunk, end);
        if (frames == offsets.length) {
            offsets = java.util.Arrays.copyOf(offsets, 2 * frames);
            sizes = java.util.Arrays.copyOf(sizes, 2 * frames);
        }
        offsets[frames] = (int) (end - MOVI_FOURCC_AT);
        sizes[frames] = data.length;
        frames++;
        end += 8 + padded;
        // sizes cover the new frame; a reader that stops at the declared sizes now sees it
        putInt(MOVI_SIZE_AT, (int) (end - MOVI_FOURCC_AT));
        putInt(RIFF_SIZE_AT, (int) (end - 8));
        putInt(AVIH_TOTAL_FRAMES_AT, frames);
        putInt(STRH_LENGTH_AT, frames);
    }

    int frames() {
        return frames;
    }

    /** Appends the idx1 index (keyframes, offsets from the movi list) and closes the file. */
    @Override
    public void close() throws IOException {
        try {
            ByteBuffer idx = ByteBuffer.allocate(8 + 16 * frames).order(ByteOrder.LITTLE_ENDIAN);
            idx.put(fourcc("idx1")).putInt(16 * frames);
            for (int i = 0; i < frames; i++) {
                idx.put(fourcc("00dc")).putInt(0x10).putInt(offsets[i]).putInt(sizes[i]);
            }
            idx.flip();
            writeFully(idx, end);
            putInt(RIFF_SIZE_AT, (int) (end + idx.limit() - 8));
            ch.force(true);
        } finally {
            ch.close();
            jpeg.release();
            quality.release();
        }
    }

    private ByteBuffer header(double fps) {
        int usPerFrame = (int) Math.round(1e6 / fps);
        int rateScale = 1000;
        int rate = (int) Math.round(fps * rateScale);
        ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.put(fourcc("RIFF")).putInt(HEADER_BYTES - 8).put(fourcc("AVI "));
        b.put(fourcc("LIST")).putInt(4 + (8 + 56) + (8 + 4 + (8 + 56) + (8 + 40))).put(fourcc("hdrl"));
        b.put(fourcc("avih")).putInt(56)
                .putInt(usPerFrame).putInt(0).putInt(0).putInt(0x10) // flags: has index
                .putInt(0).putInt(0).putInt(1).putInt(width * height * 3)
                .putInt(width).putInt(height).putInt(0).putInt(0).putInt(0).putInt(0);
        b.put(fourcc("LIST")).putInt(4 + (8 + 56) + (8 + 40)).put(fourcc("strl"));
        b.put(fourcc("strh")).putInt(56)
                .put(fourcc("vids")).put(fourcc("MJPG")).putInt(0).putShort((short) 0).putShort((short) 0)
                .putInt(0).putInt(rateScale).putInt(rate).putInt(0).putInt(0)
                .putInt(width * height * 3).putInt(-1).putInt(0)
                .putShort((short) 0).putShort((short) 0).putShort((short) width).putShort((short) height);
        b.put(fourcc("strf")).putInt(40)
                .putInt(40).putInt(width).putInt(height).putShort((short) 1).putShort((short) 24)
                .put(fourcc("MJPG")).putInt(width * height * 3).putInt(0).putInt(0).putInt(0).putInt(0);
        b.put(fourcc("LIST")).putInt(4).put(fourcc("movi"));
        if (b.position() != HEADER_BYTES) {
            throw new IllegalStateException("AVI header is " + b.position() + " bytes, expected " + HEADER_BYTES);
        }
        b.flip();
        return b;
    }

    private void putInt(long at, int v) throws IOException {
        small.clear();
        small.putInt(v).flip();
        writeFully(small, at);
    }

    private void writeFully(ByteBuffer b, long at) throws IOException {
        long pos = at;
        while (b.hasRemaining()) {
            pos += ch.write(b, pos);
        }
    }

    static byte[] fourcc(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
