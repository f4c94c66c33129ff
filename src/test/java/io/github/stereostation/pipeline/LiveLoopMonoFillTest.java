package io.github.stereostation.pipeline;

import io.github.stereostation.OpenCvNative;
import io.github.stereostation.depth.OnnxTestModelsAccess;
import io.github.stereostation.depth.Preset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The station loop on the synthetic rig with and without mono fill: a tiny hand-written ONNX model (a 1x1
 * convolution of the colour planes, "darker is nearer", installed with its sidecar like a real one) runs on every
 * 3rd frame, and the fused frames must have far fewer unknown depth pixels than the stereo-only frames of the
 * same scene. Stereo's own hole filling is off so its holes stay visible.
 */
class LiveLoopMonoFillTest {
    private static final int W = 320;
    private static final int H = 240;

    @BeforeAll
    static void load() {
        OpenCvNative.load();
    }

    /**
     * The fast preset without its own background fill and with a strict uniqueness test, so that stereo leaves
     * clear holes (ambiguous matches, occlusions) for the mono model to fill.
     */
    private static Preset fastWithHoles() {
        Preset p = Preset.load("fast");
        return p.withMatcher(p.matcher().withNumDisparities(64).withUniqueness(40))
                .withFilters(p.filters().withFillHoles(false));
    }

    /**
     * Share of NaN depth pixels of each finished frame, until {@code frames} frames came and {@code done} holds
     * for the list (or 30 s passed).
     */
    private static List<Double> unknownShares(LoopSpec spec, int frames, boolean expectMono,
                                              java.util.function.Predicate<List<Double>> done) throws Exception {
        Preset preset = fastWithHoles();
        List<Double> shares = new CopyOnWriteArrayList<>();
        try (LiveLoop loop = LiveLoop.open(spec, () -> preset, job -> {
            float[] z = new float[W * H];
            job.depthMetres().get(0, 0, z);
            int nan = 0;
            for (float v : z) {
                if (Float.isNaN(v)) {
                    nan++;
                }
            }
            shares.add((double) nan / z.length);
        })) {
            assertThat(loop.monoFillActive()).as(String.valueOf(loop.describeMonoFill())).isEqualTo(expectMono);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            // a copy: the loop keeps appending, and a view of a list being appended to fails
            while ((shares.size() < frames || !done.test(List.copyOf(shares))) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            if (expectMono) {
                assertThat(loop.pipeline().stats().steps()).anyMatch(t -> t.name().equals("mono") && t.frames() > 0);
            }
        }
        assertThat(shares).hasSizeGreaterThanOrEqualTo(frames);
        return List.copyOf(shares);
    }

    @Test
    void monoFillLeavesFarFewerUnknownDepthPixelsThanStereoAlone(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("grey.onnx");
        Files.write(model, OnnxTestModelsAccess.linearDepth(120L, 160L, new float[]{-0.3f, -0.3f, -0.4f}, 1.05f));
        Files.writeString(dir.resolve("grey.yaml"), String.join("\n",
                "name: grey test model", "model: grey.onnx", "inputWidth: 160", "inputHeight: 120",
                "multipleOf: 1", "keepAspect: false", "interpolation: linear", "channelOrder: RGB",
                "scaleToUnit: true", "normalizationInGraph: true", "output: inverse-depth", ""));
        LoopSpec base = LoopSpec.synthetic(W, H).withSyntheticLoopFrames(6);

        List<Double> stereo = unknownShares(base, 8, false, s -> true);
        double stereoMin = stereo.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        // the first frames pass through until the network has answered once: wait for 5 fused frames in a row
        List<Double> fused = unknownShares(base.withMonoFill(3, model.toString()), 8, true,
                s -> s.subList(s.size() - 5, s.size()).stream().allMatch(v -> v < stereoMin / 4));
        System.out.println("unknown depth share, fused frames " + fused.subList(0, Math.min(12, fused.size())));

        List<Double> late = fused.subList(fused.size() - 5, fused.size());
        double fusedMax = late.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        System.out.printf("mono fill on the synthetic rig: unknown depth %.2f %% of pixels (stereo alone, best "
                + "frame) -> %.2f %% (fused, worst of the last 5 frames)%n", 100 * stereoMin, 100 * fusedMax);
        assertThat(stereoMin).as("stereo alone leaves holes (occlusions, the image border)").isGreaterThan(0.005);
        assertThat(fusedMax).isLessThan(stereoMin / 4);
    }
}
