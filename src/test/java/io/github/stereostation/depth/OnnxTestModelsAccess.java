package io.github.stereostation.depth;

/** Lets tests in other packages build the tiny ONNX models of {@link OnnxTestModels}. */
public final class OnnxTestModelsAccess {
    private OnnxTestModelsAccess() {
    }

    /** depth = w . input planes (1x1 convolution) + bias, squeezed to 1xHxW; H and W Longs or dim names. */
    public static byte[] linearDepth(Object height, Object width, float[] weights, float bias) {
        return OnnxTestModels.linearDepth(height, width, weights, bias, true);
    }
}
