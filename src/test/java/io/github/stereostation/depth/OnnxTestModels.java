package io.github.stereostation.depth;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes tiny ONNX models for tests by encoding the ModelProto protobuf by hand (field numbers from onnx.proto),
 * so the tests need no model download and no extra dependency. Every graph here is a known function of its input.
 */
final class OnnxTestModels {
    private OnnxTestModels() {
    }

    private static final int FLOAT = 1;
    private static final int INT64 = 7;

    /** A protobuf message under construction: tags, varints and length-delimited fields. */
    static final class Msg {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        private void varint(long v) {
            while ((v & ~0x7FL) != 0) {
                out.write((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            out.write((int) v);
        }

        private void tag(int field, int wireType) {
            varint(((long) field << 3) | wireType);
        }

        Msg i64(int field, long v) {
            tag(field, 0);
            varint(v);
            return this;
        }

        Msg bytes(int field, byte[] b) {
            tag(field, 2);
            varint(b.length);
            out.writeBytes(b);
            return this;
        }

        Msg str(int field, String s) {
            return bytes(field, s.getBytes(StandardCharsets.UTF_8));
        }

        Msg msg(int field, Msg m) {
            return bytes(field, m.toBytes());
        }

        Msg f32(int field, float v) {
            tag(field, 5);
            int bits = Float.floatToIntBits(v);
            for (int i = 0; i < 4; i++) {
                out.write((bits >>> (8 * i)) & 0xFF);
            }
            return this;
        }

        Msg packedFloats(int field, float[] values) {
            Msg p = new Msg();
            for (float v : values) {
                int bits = Float.floatToIntBits(v);
                for (int i = 0; i < 4; i++) {
                    p.out.write((bits >>> (8 * i)) & 0xFF);
                }
            }
            return bytes(field, p.toBytes());
        }

        Msg packedLongs(int field, long[] values) {
            Msg p = new Msg();
            for (long v : values) {
                p.varint(v);
            }
            return bytes(field, p.toBytes());
        }

        byte[] toBytes() {
            return out.toByteArray();
        }
    }

    /** ValueInfoProto for a float tensor; each dim is a Long (fixed) or a String (named dynamic dim). */
    static Msg floatValue(String name, Object... dims) {
        Msg shape = new Msg();
        for (Object d : dims) {
            Msg dim = new Msg();
            if (d instanceof String s) {
                dim.str(2, s);
            } else {
                dim.i64(1, ((Number) d).longValue());
            }
            shape.msg(1, dim);
        }
        Msg tensorType = new Msg().i64(1, FLOAT).msg(2, shape);
        return new Msg().str(1, name).msg(2, new Msg().msg(1, tensorType));
    }

    static Msg floatTensor(String name, long[] dims, float[] values) {
        return new Msg().packedLongs(1, dims).i64(2, FLOAT).packedFloats(4, values).str(8, name);
    }

    static Msg longTensor(String name, long[] dims, long[] values) {
        return new Msg().packedLongs(1, dims).i64(2, INT64).packedLongs(7, values).str(8, name);
    }

    static Msg node(String op, String[] inputs, String[] outputs) {
        Msg n = new Msg();
        for (String i : inputs) {
            n.str(1, i);
        }
        for (String o : outputs) {
            n.str(2, o);
        }
        return n.str(3, op + "_" + outputs[0]).str(4, op);
    }

    static byte[] model(Msg graph) {
        Msg opset = new Msg().str(1, "").i64(2, 17);
        return new Msg().i64(1, 8).str(2, "stereo-station-tests").msg(7, graph).msg(8, opset).toBytes();
    }

    /**
     * depth = w0*c0 + w1*c1 + w2*c2 + bias, per pixel, over the three input planes (a 1x1 convolution).
     * Input "image" 1x3xHxW, output "depth" 1xHxW (squeezed) or 1x1xHxW; H and W are Longs or dim names.
     */
    static byte[] linearDepth(Object height, Object width, float[] weights, float bias, boolean squeeze) {
        Msg graph = new Msg()
                .msg(1, node("Conv", new String[]{"image", "W", "B"}, new String[]{squeeze ? "conv" : "depth"}));
        if (squeeze) {
            graph.msg(1, node("Squeeze", new String[]{"conv", "axes"}, new String[]{"depth"}));
        }
        graph.str(2, "linear_depth")
                .msg(5, floatTensor("W", new long[]{1, 3, 1, 1}, weights))
                .msg(5, floatTensor("B", new long[]{1}, new float[]{bias}));
        if (squeeze) {
            graph.msg(5, longTensor("axes", new long[]{1}, new long[]{1}));
        }
        graph.msg(11, floatValue("image", 1L, 3L, height, width));
        if (squeeze) {
            graph.msg(12, floatValue("depth", 1L, height, width));
        } else {
            graph.msg(12, floatValue("depth", 1L, 1L, height, width));
        }
        return model(graph);
    }

    /** A valid model whose input is a rank-2 tensor (HxW): not an image network. */
    static byte[] rankTwoInput() {
        Msg graph = new Msg()
                .msg(1, node("Identity", new String[]{"plane"}, new String[]{"depth"}))
                .str(2, "rank_two")
                .msg(11, floatValue("plane", "h", "w"))
                .msg(12, floatValue("depth", "h", "w"));
        return model(graph);
    }

    static Path write(Path file, byte[] model) throws IOException {
        Files.write(file, model);
        return file;
    }
}
