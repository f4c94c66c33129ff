package io.github.stereostation.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.github.stereostation.depth.Preset;
import io.github.stereostation.pipeline.LoopSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A key in config/station.yaml that nothing reads is a bug. For every key of the shipped file this changes the
 * value in a user's file and shows that what the program runs with changes: the preset the commands and the
 * live loop build, the source and camera settings the station opens. A new key fails here until it says how
 * it is read.
 */
class EveryKeyIsReadTest {

    /** A key's changed value, and what a reader of the settings makes of it. */
    private record Reader(String changed, Function<StationSettings, Object> observed) {
    }

    private static final Map<String, Reader> READERS = Map.ofEntries(
            Map.entry("matcher.preset", new Reader("none", s -> Preset.forStation(s.matcher()).name())),
            Map.entry("matcher.livePreset", new Reader("none", s -> LoopSpec.from(s).livePreset().name())),
            Map.entry("matcher.algorithm", new Reader("bm",
                    s -> List.of(Preset.forStation(s.matcher()).matcher().algorithm(),
                            LoopSpec.from(s).livePreset().matcher().algorithm()))),
            Map.entry("matcher.maxDisparity", new Reader("63",
                    s -> List.of(Preset.forStation(s.matcher()).matcher().numDisparities(),
                            LoopSpec.from(s).livePreset().matcher().numDisparities()))),
            Map.entry("matcher.blockSize", new Reader("7",
                    s -> List.of(Preset.forStation(s.matcher()).matcher().blockSize(),
                            LoopSpec.from(s).livePreset().matcher().blockSize()))),
            // the live loop's range with distances known (a 640 px rig, f 560 px, baseline 60 mm)
            Map.entry("matcher.nearestMetres", new Reader("0.25", s -> {
                LoopSpec spec = LoopSpec.from(s);
                return spec.withWorkingRange(spec.livePreset(),
                        new io.github.stereostation.geometry.DisparityToDepth(560, 0.06, 0, 320, 240), 640)
                        .matcher().numDisparities();
            })),
            // LiveLoop builds its temporal filter stage from the spec's matcher section
            Map.entry("matcher.temporal.enabled", new Reader("true",
                    s -> LoopSpec.from(s).matcher().temporal().enabled())),
            Map.entry("matcher.temporal.weight", new Reader("0.5",
                    s -> LoopSpec.from(s).matcher().temporal().weight())),
            Map.entry("matcher.temporal.resetPx", new Reader("2.5",
                    s -> LoopSpec.from(s).matcher().temporal().resetPx())),
            Map.entry("camera.source", new Reader("replay:somewhere", s -> LoopSpec.from(s).source())),
            Map.entry("camera.width", new Reader("320", s -> LoopSpec.from(s).camera().width())),
            Map.entry("camera.height", new Reader("240", s -> LoopSpec.from(s).camera().height())),
            Map.entry("camera.fps", new Reader("12", s -> LoopSpec.from(s).camera().fps())),
            Map.entry("camera.pixelFormat", new Reader("YUYV", s -> LoopSpec.from(s).camera().pixelFormat())),
            Map.entry("camera.maxSkewMillis", new Reader("9", s -> LoopSpec.from(s).camera().maxSkewMillis())));

    @Test
    void everyShippedKeyChangesWhatTheProgramRunsWith(@TempDir Path dir) throws Exception {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        JsonNode shipped = yaml.readTree(StationSettings.class.getResourceAsStream("station.yaml"));
        List<String> keys = new ArrayList<>();
        leaves(shipped, "", keys);
        assertThat(keys).as("keys of the shipped file").isNotEmpty();
        StationSettings defaults = StationSettings.defaults();
        for (String key : keys) {
            Reader r = READERS.get(key);
            assertThat(r).as("config/station.yaml key " + key + ": say here how the program reads it").isNotNull();
            ObjectNode changed = ((ObjectNode) shipped).deepCopy();
            set(changed, key, yaml.readTree(r.changed()));
            Path file = dir.resolve(key + ".yaml");
            Files.writeString(file, yaml.writeValueAsString(changed));
            StationSettings s = StationSettings.load(file);
            assertThat(r.observed().apply(s)).as(key + " = " + r.changed() + " is read")
                    .isNotEqualTo(r.observed().apply(defaults));
        }
    }

    private static void leaves(JsonNode node, String prefix, List<String> out) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            if (e.getValue().isObject()) {
                leaves(e.getValue(), key, out);
            } else {
                out.add(key);
            }
        }
    }

    private static void set(ObjectNode root, String key, JsonNode value) {
        String[] parts = key.split("\\.");
        ObjectNode n = root;
        for (int i = 0; i < parts.length - 1; i++) {
            n = (ObjectNode) n.get(parts[i]);
        }
        n.set(parts[parts.length - 1], value);
    }
}
