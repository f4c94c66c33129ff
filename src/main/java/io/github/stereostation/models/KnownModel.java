package io.github.stereostation.models;

import io.github.stereostation.depth.MonoModelSpec;

import java.nio.file.Path;

/**
 * A model Stereo Station can fetch: its sidecar (how to feed it), the download facts in that sidecar, and the
 * file name it is installed under (beside the sidecar).
 */
public record KnownModel(Path sidecar, MonoModelSpec spec, ModelDownload download) {

    public String id() {
        return download.id();
    }

    /** The installed file's name, e.g. {@code model-small.onnx}. */
    public String fileName() {
        return spec.model() != null ? spec.model() : stripExtension(sidecar.getFileName().toString()) + ".onnx";
    }

    /** "MiDaS v2.1 small (66.8 MB)". */
    public String title() {
        return spec.name() + " (" + download.sizeText() + ")";
    }

    /** The network input as the sidecar gives it: "256x256", or "518, aspect kept" (the shorter side). */
    public String inputText() {
        if (spec.keepAspect()) {
            return Math.max(spec.inputWidth(), spec.inputHeight()) + ", aspect kept";
        }
        return spec.inputWidth() + "x" + spec.inputHeight();
    }

    private static String stripExtension(String f) {
        int dot = f.lastIndexOf('.');
        return dot < 0 ? f : f.substring(0, dot);
    }
}
