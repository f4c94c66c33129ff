package io.github.stereostation.models;

import io.github.stereostation.UserInputException;
import io.github.stereostation.depth.MonoModelSpec;
import io.github.stereostation.depth.OnnxMonoDepthEstimator;
import io.github.stereostation.io.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Installs a model file the user already has into the model folder. A file whose SHA-256 is pinned for a known
 * model is installed under that model's name, whatever it is called; a file named like (or declared as) a known
 * model with a pinned checksum must match it; a file of an unknown model needs its sidecar beside it, must open in
 * ONNX Runtime as a depth network, and is accepted with a warning that it could not be verified.
 */
public final class ModelInstaller {

    /**
     * @param file     where the weights are now installed
     * @param sidecar  the sidecar that describes them (copied in with an unknown model)
     * @param name     the model's name
     * @param sha256   the file's SHA-256
     * @param verified true when the SHA-256 matched a pinned value
     */
    public record Installed(Path file, Path sidecar, String name, String sha256, boolean verified) {
    }

    private final ModelCatalog catalog;

    public ModelInstaller(ModelCatalog catalog) {
        this.catalog = catalog;
    }

    /** Installs {@code file}; {@code asModel} (an id or file name, may be null) says which known model it is. */
    public Installed install(Path file, String asModel) {
        if (!Files.isRegularFile(file)) {
            throw new UserInputException(file + ": no such file");
        }
        String sha = ModelFetcher.sha256Of(file);
        KnownModel model = asModel != null ? catalog.find(asModel) : byChecksumOrName(file, sha);
        if (model == null) {
            return installUnknown(file, sha);
        }
        ModelDownload d = model.download();
        if (d.checksumKnown() && !d.sha256().equals(sha)) {
            throw new UserInputException(file + ": SHA-256 " + sha + " does not match the pinned " + d.sha256()
                    + " of " + model.spec().name() + " (another export, or a damaged download); nothing was installed");
        }
        Path target = catalog.target(model);
        copy(file, target);
        return new Installed(target, model.sidecar(), model.spec().name(), sha, d.checksumKnown());
    }

    private KnownModel byChecksumOrName(Path file, String sha) {
        KnownModel byName = null;
        for (KnownModel m : catalog.list()) {
            if (sha.equals(m.download().sha256())) {
                return m;
            }
            if (m.fileName().equals(file.getFileName().toString())) {
                byName = m;
            }
        }
        return byName;
    }

    private Installed installUnknown(Path file, String sha) {
        Path sidecar = MonoModelSpec.sidecarOf(file);
        if (sidecar == null) {
            throw new UserInputException(file + ": not a known model (its SHA-256 " + sha + " matches none pinned in "
                    + catalog.installFolder() + ") and no sidecar beside it saying how to feed it (copy one from "
                    + catalog.installFolder() + " next to it, named after it, and edit it)");
        }
        MonoModelSpec spec = MonoModelSpec.read(sidecar);
        // an unverified file must at least be a depth network ONNX Runtime can run
        new OnnxMonoDepthEstimator(file, spec, 1, OnnxMonoDepthEstimator.DEFAULT_MAX_PIXELS).close();
        Path target = catalog.installFolder().resolve(file.getFileName());
        Path sidecarTarget = catalog.installFolder().resolve(sidecar.getFileName());
        copy(sidecar, sidecarTarget);
        copy(file, target);
        return new Installed(target, sidecarTarget, spec.name(), sha, false);
    }

    private static void copy(Path from, Path to) {
        try {
            if (Files.exists(to) && Files.isSameFile(from, to)) {
                return;
            }
            AtomicFiles.write(to, out -> Files.copy(from, out));
        } catch (IOException e) {
            throw new UserInputException(to + ": cannot install (" + e.getMessage() + ")", e);
        }
    }
}
