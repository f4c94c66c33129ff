package io.github.stereostation.depth;

import io.github.stereostation.UserInputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds monocular depth models: a path given by the user, a file name inside the model folders, or (with no
 * name) the first model folder sidecar whose weights are present. The model folders are {@code models/} and
 * {@code ../shared/models/}, relative to the working directory (the repo root when run by the launcher).
 */
public final class MonoModels {
    private MonoModels() {
    }

    /** A model file and the sidecar that describes it. */
    public record Found(Path model, Path sidecar, MonoModelSpec spec) {
    }

    /** Preferred order when the user names no model: the small, fast MiDaS first. */
    private static final List<String> PREFERRED = List.of("model-small", "depth_anything_v2_vits");

    /** Model base names in the order a default is picked. */
    public static List<String> preferredOrder() {
        return PREFERRED;
    }

    public static List<Path> folders() {
        return List.of(io.github.stereostation.StationHome.path("models"),
                io.github.stereostation.StationHome.path("..", "shared", "models"));
    }

    public static String baseName(Path modelFile) {
        String f = modelFile.getFileName().toString();
        return f.endsWith(".onnx") ? f.substring(0, f.length() - 5) : f;
    }

    /**
     * Resolves what the user asked for (null = pick one). Throws a message naming the missing file and where to
     * put it when nothing usable is there.
     */
    public static Found resolve(String nameOrPath) {
        return resolve(nameOrPath, folders());
    }

    public static Found resolve(String nameOrPath, List<Path> folders) {
        if (nameOrPath != null && !nameOrPath.isBlank()) {
            Path direct = Path.of(nameOrPath);
            List<Path> candidates = new ArrayList<>();
            candidates.add(direct);
            if (direct.getParent() == null) {
                for (Path folder : folders) {
                    candidates.add(folder.resolve(nameOrPath));
                    candidates.add(folder.resolve(nameOrPath + ".onnx"));
                }
            }
            for (Path c : candidates) {
                if (Files.isRegularFile(c) && !isSidecar(c)) {
                    return withSidecar(c, folders);
                }
            }
            throw new UserInputException("mono model '" + nameOrPath + "' not found (looked for " + candidates
                    + "); see models/README.md for which file to download and where to put it");
        }
        List<Path> sidecars = new ArrayList<>();
        for (Path folder : folders) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> files = Files.list(folder)) {
                files.filter(MonoModels::isSidecar).sorted((a, b) -> rank(a) - rank(b)).forEach(sidecars::add);
            } catch (IOException e) {
                throw new UserInputException(folder + ": cannot list the model folder (" + e.getMessage() + ")", e);
            }
        }
        List<String> wanted = new ArrayList<>();
        for (Path sidecar : sidecars) {
            MonoModelSpec spec = MonoModelSpec.read(sidecar);
            String name = modelName(sidecar, spec);
            // the weights beside their sidecar, or in another model folder (sidecars ship in models/ only)
            List<Path> places = new ArrayList<>();
            places.add(sidecar.resolveSibling(name));
            folders.forEach(f -> places.add(f.resolve(name)));
            for (Path model : places) {
                if (Files.isRegularFile(model)) {
                    return new Found(model, sidecar, spec);
                }
            }
            wanted.add(sidecar.resolveSibling(name) + " (" + spec.name() + ")");
        }
        if (wanted.isEmpty()) {
            throw new UserInputException("no mono depth model: no sidecar (.yaml/.json) in " + folders
                    + "; put model-small.onnx (MiDaS v2.1 small, about 66 MB) and its model-small.yaml in models/"
                    + " (see models/README.md)");
        }
        throw new UserInputException("no mono depth model file found: expected " + String.join(" or ", wanted)
                + "; download it as models/README.md says and put it next to its sidecar");
    }

    private static String modelName(Path sidecar, MonoModelSpec spec) {
        return spec.model() != null ? spec.model() : stripExtension(sidecar) + ".onnx";
    }

    /** The sidecar beside the model, else a sidecar in a model folder that names this file. */
    private static Found withSidecar(Path model, List<Path> folders) {
        Path sidecar = MonoModelSpec.sidecarOf(model);
        if (sidecar == null) {
            String file = model.getFileName().toString();
            for (Path folder : folders) {
                if (!Files.isDirectory(folder)) {
                    continue;
                }
                try (Stream<Path> files = Files.list(folder)) {
                    for (Path candidate : (Iterable<Path>) files.filter(MonoModels::isSidecar).sorted()::iterator) {
                        MonoModelSpec spec = MonoModelSpec.read(candidate);
                        if (modelName(candidate, spec).equals(file)) {
                            return new Found(model, candidate, spec);
                        }
                    }
                } catch (IOException e) {
                    throw new UserInputException(folder + ": cannot list the model folder (" + e.getMessage() + ")", e);
                }
            }
        }
        if (sidecar == null) {
            throw new UserInputException(model + ": no sidecar next to it (expected " + baseName(model)
                    + ".yaml or .json saying how to feed the model; copy one from models/, see models/README.md)");
        }
        return new Found(model, sidecar, MonoModelSpec.read(sidecar));
    }

    /** A sidecar file (.yaml, .yml or .json) that exists. */
    public static boolean isSidecar(Path p) {
        String f = p.getFileName().toString();
        return Files.isRegularFile(p) && MonoModelSpec.SIDECAR_EXTENSIONS.stream().anyMatch(f::endsWith);
    }

    private static String stripExtension(Path p) {
        String f = p.getFileName().toString();
        int dot = f.lastIndexOf('.');
        return dot < 0 ? f : f.substring(0, dot);
    }

    private static int rank(Path sidecar) {
        int i = PREFERRED.indexOf(stripExtension(sidecar));
        return i < 0 ? PREFERRED.size() : i;
    }
}
