package io.github.stereostation.depth;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.github.stereostation.UserInputException;
import org.opencv.imgproc.Imgproc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How one family of monocular depth models wants its input and what its output means: the sidecar file
 * ({@code NAME.yaml}, {@code NAME.yml} or {@code NAME.json}) that sits next to {@code NAME.onnx}. The ONNX file
 * says the tensor names and shapes; this record says what the numbers in them mean.
 *
 * @param name                 what the user sees ("MiDaS v2.1 small")
 * @param model                file name of the weights this sidecar describes (used to find models in a folder)
 * @param inputWidth           network input width in pixels when the model's own input is dynamic (0 = take the model's)
 * @param inputHeight          network input height, likewise; with {@code keepAspect} the shorter side's target
 * @param multipleOf           dynamic inputs are rounded to a multiple of this (14 for ViT patch models, 32 for MiDaS)
 * @param keepAspect           dynamic inputs keep the photo's aspect ratio (shorter side = the target) instead of
 *                             stretching it to inputWidth x inputHeight
 * @param interpolation        resize filter for the input and for bringing the output back: nearest, linear, cubic, area
 * @param channelOrder         RGB or BGR, the order of the three input planes
 * @param scaleToUnit          divide 8-bit values by 255 first
 * @param mean                 per-channel mean subtracted after scaling, in the model's channel order
 * @param std                  per-channel standard deviation divided by after subtracting the mean
 * @param normalizationInGraph the graph normalises itself: skip mean/std here
 * @param output               inverse-depth (MiDaS, Depth-Anything: larger = nearer) or depth (larger = farther)
 */
@JsonIgnoreProperties(value = "download", ignoreUnknown = false) // download facts: read by models.ModelDownload
public record MonoModelSpec(String name, String model, int inputWidth, int inputHeight, int multipleOf,
                            boolean keepAspect, String interpolation, String channelOrder, boolean scaleToUnit,
                            double[] mean, double[] std, boolean normalizationInGraph, String output) {

    public static final List<String> SIDECAR_EXTENSIONS = List.of(".yaml", ".yml", ".json");

    public MonoModelSpec {
        name = name == null ? "unnamed model" : name;
        multipleOf = multipleOf <= 0 ? 1 : multipleOf;
        interpolation = interpolation == null ? "cubic" : interpolation.toLowerCase(Locale.ROOT);
        channelOrder = channelOrder == null ? "RGB" : channelOrder.toUpperCase(Locale.ROOT);
        mean = mean == null ? new double[]{0, 0, 0} : mean.clone();
        std = std == null ? new double[]{1, 1, 1} : std.clone();
        output = output == null ? "inverse-depth" : output.toLowerCase(Locale.ROOT);
        if (inputWidth < 0 || inputHeight < 0) {
            throw new IllegalArgumentException("negative input size " + inputWidth + "x" + inputHeight);
        }
    }

    /** The upstream MiDaS v2.1 small export: fixed 256x256, RGB / 255, ImageNet normalisation in the graph, inverse depth out. */
    public static MonoModelSpec midasSmall() {
        return new MonoModelSpec("MiDaS v2.1 small", "model-small.onnx", 256, 256, 32, false, "cubic", "RGB",
                true, new double[]{0.485, 0.456, 0.406}, new double[]{0.229, 0.224, 0.225}, true, "inverse-depth");
    }

    /** Depth-Anything V2 Small: 518 px (multiple of 14), aspect kept, ImageNet normalisation, inverse depth out. */
    public static MonoModelSpec depthAnythingV2Small() {
        return new MonoModelSpec("Depth-Anything V2 Small", "depth_anything_v2_vits.onnx", 518, 518, 14, true,
                "cubic", "RGB", true, new double[]{0.485, 0.456, 0.406}, new double[]{0.229, 0.224, 0.225},
                false, "inverse-depth");
    }

    /** Checks the values a user could have typed wrong; {@code source} names the sidecar in the message. */
    public MonoModelSpec validated(Path source) {
        String where = source == null ? "model spec" : source.toString();
        if (!List.of("nearest", "linear", "cubic", "area").contains(interpolation)) {
            throw new UserInputException(where + ": interpolation '" + interpolation
                    + "' is not one of nearest, linear, cubic, area");
        }
        if (!channelOrder.equals("RGB") && !channelOrder.equals("BGR")) {
            throw new UserInputException(where + ": channelOrder '" + channelOrder + "' is not RGB or BGR");
        }
        if (mean.length != 3 || std.length != 3) {
            throw new UserInputException(where + ": mean and std need 3 values each, got " + mean.length
                    + " and " + std.length);
        }
        for (double s : std) {
            if (!(s > 0)) {
                throw new UserInputException(where + ": std values must be > 0, got " + Arrays.toString(std));
            }
        }
        if (!output.equals("inverse-depth") && !output.equals("depth")) {
            throw new UserInputException(where + ": output '" + output + "' is not inverse-depth or depth");
        }
        return this;
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public double[] std() {
        return std.clone();
    }

    public boolean outputIsInverseDepth() {
        return output.equals("inverse-depth");
    }

    public boolean wantsRgb() {
        return channelOrder.equals("RGB");
    }

    /** OpenCV's resize flag for {@link #interpolation}. */
    public int interpolationFlag() {
        return switch (interpolation) {
            case "nearest" -> Imgproc.INTER_NEAREST;
            case "linear" -> Imgproc.INTER_LINEAR;
            case "area" -> Imgproc.INTER_AREA;
            default -> Imgproc.INTER_CUBIC;
        };
    }

    /**
     * The network input size (width, height) for a photo of the given size, when the model's own input is dynamic.
     * Without keepAspect the photo is stretched to inputWidth x inputHeight; with it the shorter side becomes the
     * target and the longer follows the photo's aspect. Both are rounded to the nearest multiple of multipleOf.
     */
    public int[] dynamicInputSize(int photoWidth, int photoHeight) {
        if (inputWidth == 0 || inputHeight == 0) {
            throw new UserInputException("sidecar of " + name + ": the model's input size is dynamic, so the sidecar"
                    + " must give inputWidth and inputHeight");
        }
        double w = inputWidth;
        double h = inputHeight;
        if (keepAspect) {
            double target = Math.max(inputWidth, inputHeight);
            double s = target / Math.min(photoWidth, photoHeight);
            w = photoWidth * s;
            h = photoHeight * s;
        }
        return new int[]{roundToMultiple(w), roundToMultiple(h)};
    }

    private int roundToMultiple(double v) {
        int m = multipleOf;
        return Math.max(m, (int) Math.round(v / m) * m);
    }

    /** Reads a sidecar (YAML or JSON; JSON is YAML too). Unknown keys and wrong types are the user's to fix. */
    public static MonoModelSpec read(Path sidecar) {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        try {
            MonoModelSpec spec = yaml.readValue(sidecar.toFile(), MonoModelSpec.class);
            if (spec == null) {
                throw new UserInputException(sidecar + ": empty model sidecar");
            }
            return spec.validated(sidecar);
        } catch (IOException e) {
            String why = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            throw new UserInputException(sidecar + ": not a valid model sidecar: " + why, e);
        }
    }

    /** The sidecar beside a model file ({@code X.onnx} -> {@code X.yaml|yml|json}), or null when there is none. */
    public static Path sidecarOf(Path modelFile) {
        String file = modelFile.getFileName().toString();
        String base = file.endsWith(".onnx") ? file.substring(0, file.length() - 5) : file;
        for (String ext : SIDECAR_EXTENSIONS) {
            Path candidate = modelFile.resolveSibling(base + ext);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MonoModelSpec s && name.equals(s.name) && java.util.Objects.equals(model, s.model)
                && inputWidth == s.inputWidth && inputHeight == s.inputHeight && multipleOf == s.multipleOf
                && keepAspect == s.keepAspect && interpolation.equals(s.interpolation)
                && channelOrder.equals(s.channelOrder) && scaleToUnit == s.scaleToUnit
                && Arrays.equals(mean, s.mean) && Arrays.equals(std, s.std)
                && normalizationInGraph == s.normalizationInGraph && output.equals(s.output);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(name, model, inputWidth, inputHeight, Arrays.hashCode(mean), Arrays.hashCode(std));
    }

    @Override
    public String toString() {
        return name + " (" + (inputWidth == 0 ? "model's size" : inputWidth + "x" + inputHeight)
                + (keepAspect ? ", aspect kept" : "") + ", multiple of " + multipleOf + ", " + interpolation + ", "
                + channelOrder + (scaleToUnit ? ", /255" : "")
                + (normalizationInGraph ? ", normalised in graph" : ", mean " + Arrays.toString(mean) + " std "
                + Arrays.toString(std)) + ", output " + output + ")";
    }
}
