package io.github.stereostation.models;

import io.github.stereostation.UserInputException;
import io.github.stereostation.depth.MonoModelSpec;
import io.github.stereostation.depth.MonoModels;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The models that can be fetched: every sidecar with a {@code download} section in the install folder (the first
 * model folder, {@code models/}), and where each one's weights are installed, if anywhere in the model folders.
 */
public final class ModelCatalog {

    private final Path installFolder;
    private final List<Path> folders;

    /** The model folders {@link MonoModels} searches; models are installed into the first one. */
    public static ModelCatalog standard() {
        return new ModelCatalog(MonoModels.folders());
    }

    /** @param folders model folders in search order; the first is where sidecars ship and files are installed */
    public ModelCatalog(List<Path> folders) {
        if (folders.isEmpty()) {
            throw new IllegalArgumentException("no model folder");
        }
        this.installFolder = folders.get(0);
        this.folders = List.copyOf(folders);
    }

    public Path installFolder() {
        return installFolder;
    }

    public List<Path> folders() {
        return folders;
    }

    /** The known models, MiDaS small first (the order in which {@link MonoModels} picks a default). */
    public List<KnownModel> list() {
        if (!Files.isDirectory(installFolder)) {
            throw new UserInputException(installFolder.toAbsolutePath() + ": no such model folder (the model sidecars"
                    + " ship in models/ of the installation)");
        }
        List<KnownModel> models = new ArrayList<>();
        try (Stream<Path> files = Files.list(installFolder)) {
            for (Path sidecar : (Iterable<Path>) files.filter(MonoModels::isSidecar).sorted()::iterator) {
                ModelDownload download = ModelDownload.readFrom(sidecar);
                if (download != null) {
                    for (KnownModel other : models) {
                        if (other.id().equalsIgnoreCase(download.id())) {
                            throw new UserInputException(sidecar + " and " + other.sidecar() + " both download '"
                                    + download.id() + "'; a copied sidecar must leave out the download section");
                        }
                    }
                    models.add(new KnownModel(sidecar, MonoModelSpec.read(sidecar), download));
                }
            }
        } catch (IOException e) {
            throw new UserInputException(installFolder + ": cannot list the model folder (" + e.getMessage() + ")", e);
        }
        models.sort(Comparator.comparingInt(ModelCatalog::rank));
        return models;
    }

    /** The model with this id ({@code midas-small}) or file name ({@code model-small}, {@code model-small.onnx}). */
    public KnownModel find(String name) {
        List<KnownModel> all = list();
        for (KnownModel m : all) {
            String file = m.fileName();
            if (m.id().equalsIgnoreCase(name) || file.equals(name) || file.equals(name + ".onnx")) {
                return m;
            }
        }
        throw new UserInputException("no known model '" + name + "'; known: "
                + all.stream().map(KnownModel::id).collect(Collectors.joining(", ")));
    }

    /** Where the model's weights are, in the first model folder that has them; null when not installed. */
    public Path installed(KnownModel model) {
        for (Path folder : folders) {
            Path candidate = folder.resolve(model.fileName());
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** Where a fetch or install puts the model's weights. */
    public Path target(KnownModel model) {
        return installFolder.resolve(model.fileName());
    }

    /** The first known model, the one the window offers to download (MiDaS small). */
    public KnownModel preferred() {
        List<KnownModel> all = list();
        if (all.isEmpty()) {
            throw new UserInputException(installFolder + ": no model sidecar with a download section");
        }
        return all.get(0);
    }

    private static int rank(KnownModel m) {
        String base = m.fileName().replaceFirst("\\.onnx$", "");
        int i = MonoModels.preferredOrder().indexOf(base);
        return i < 0 ? Integer.MAX_VALUE : i;
    }
}
