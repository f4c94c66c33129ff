package io.github.stereostation.cli;

import io.github.stereostation.models.FetchProgress;
import io.github.stereostation.models.KnownModel;
import io.github.stereostation.models.ModelCatalog;
import io.github.stereostation.models.ModelFetcher;
import io.github.stereostation.models.ModelInstaller;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code stereo-station models [fetch NAME | install FILE]}: the mono depth models, fetched and checked. */
@Command(name = "models",
        mixinStandardHelpOptions = true,
        description = {
                "Lists the monocular depth models Stereo Station knows (name, size, licence, input size, installed or"
                        + " not); 'models fetch NAME' downloads one from its pinned upstream URL, resumable, checked"
                        + " against its pinned SHA-256 before it is installed; 'models install FILE' installs a file you"
                        + " already have.",
                "Proxies: the Java properties https.proxyHost/https.proxyPort, else the https_proxy / no_proxy"
                        + " environment variables. Errors exit with code 2."},
        subcommands = {ModelsCommand.Fetch.class, ModelsCommand.Install.class},
        sortOptions = false)
public final class ModelsCommand implements Callable<Integer> {

    @Option(names = "--folder", paramLabel = "DIR",
            description = "Model folder holding the sidecars, where models are installed (default: models/).")
    Path folder;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    ModelCatalog catalog() {
        return folder == null ? ModelCatalog.standard() : new ModelCatalog(List.of(folder));
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ModelCatalog catalog = catalog();
        List<String[]> rows = new java.util.ArrayList<>();
        rows.add(new String[]{"NAME", "MODEL", "SIZE", "INPUT", "LICENCE", "INSTALLED"});
        for (KnownModel m : catalog.list()) {
            Path at = catalog.installed(m);
            rows.add(new String[]{m.id(), m.spec().name(), m.download().sizeText(), m.inputText(),
                    m.download().licence(), at == null ? "no" : at.toString()});
        }
        int[] width = new int[rows.get(0).length];
        rows.forEach(r -> {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        });
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                line.append(i == r.length - 1 ? r[i] : String.format(Locale.ROOT, "%-" + (width[i] + 2) + "s", r[i]));
            }
            out.println(line);
        }
        return 0;
    }

    @Command(name = "fetch", mixinStandardHelpOptions = true,
            description = "Downloads a model from its pinned URL into the model folder, with progress; an interrupted"
                    + " download resumes when run again; the file is installed only if its SHA-256 matches.")
    static final class Fetch implements Callable<Integer> {
        @ParentCommand
        ModelsCommand parent;

        @Parameters(paramLabel = "NAME", description = "The model's name as 'models' lists it, e.g. midas-small.")
        String name;

        @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
                description = "Give up when no data arrives for this long (default ${DEFAULT-VALUE}).")
        int timeoutSeconds;

        @Override
        public Integer call() {
            PrintWriter out = parent.spec.commandLine().getOut();
            PrintWriter err = parent.spec.commandLine().getErr();
            ModelCatalog catalog = parent.catalog();
            KnownModel model = catalog.find(name);
            out.println("fetching " + model.title() + ", " + model.download().licence() + " licence, from "
                    + model.download().url());
            out.flush();
            ProgressLine line = new ProgressLine(err);
            ModelFetcher fetcher = new ModelFetcher(ModelFetcher.Settings.defaults()
                    .withStallTimeout(Duration.ofSeconds(Math.max(1, timeoutSeconds))));
            ModelFetcher.Result result;
            try {
                result = fetcher.fetch(model, catalog.target(model), line, new ModelFetcher.Cancellation());
            } finally {
                line.finish();
            }
            if (result.alreadyInstalled()) {
                out.println(result.file() + " is already installed and matches the pinned SHA-256");
            } else {
                out.println("installed " + result.file() + (result.verified() ? " (SHA-256 verified: "
                        : " (NOT verified, no pinned checksum; SHA-256 ") + result.sha256() + ")");
            }
            return 0;
        }
    }

    @Command(name = "install", mixinStandardHelpOptions = true,
            description = "Installs a model file you already have: checked against the pinned SHA-256 when the"
                    + " model is known; a model that is not known needs its sidecar beside it and is accepted with a"
                    + " warning.")
    static final class Install implements Callable<Integer> {
        @ParentCommand
        ModelsCommand parent;

        @Parameters(paramLabel = "FILE", description = "The ONNX file.")
        Path file;

        @Option(names = "--as", paramLabel = "NAME",
                description = "Which known model the file is (default: recognised by its checksum or file name).")
        String as;

        @Override
        public Integer call() {
            PrintWriter out = parent.spec.commandLine().getOut();
            PrintWriter err = parent.spec.commandLine().getErr();
            ModelInstaller.Installed done = new ModelInstaller(parent.catalog()).install(file, as);
            if (!done.verified()) {
                err.println("warning: " + file + " could not be verified (no pinned checksum for " + done.name()
                        + "); its SHA-256 is " + done.sha256());
            }
            out.println("installed " + done.file() + " (" + done.name() + (done.verified() ? ", SHA-256 verified)"
                    : ", sidecar " + done.sidecar() + ")"));
            return 0;
        }
    }

    /** A progress bar redrawn in place on a terminal, or a line every 10 % when the output is a file or pipe. */
    static final class ProgressLine implements ModelFetcher.Listener {
        private static final int WIDTH = 30;
        private final PrintWriter err;
        private final boolean terminal = System.console() != null;
        private int lastTenth = -1;
        private boolean drawn;

        ProgressLine(PrintWriter err) {
            this.err = err;
        }

        @Override
        public void progress(FetchProgress p) {
            double f = p.fraction();
            if (terminal) {
                int filled = f < 0 ? 0 : (int) Math.round(f * WIDTH);
                err.print("\r[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + p.text() + "   ");
                drawn = true;
            } else {
                int tenth = f < 0 ? 0 : (int) (f * 10);
                if (tenth == lastTenth) {
                    return;
                }
                lastTenth = tenth;
                err.println(String.format(Locale.ROOT, "%3d%% ", tenth * 10) + p.text());
            }
            err.flush();
        }

        @Override
        public void note(String line) {
            finish();
            err.println(line);
            err.flush();
        }

        void finish() {
            if (drawn) {
                err.println();
                drawn = false;
            }
        }
    }
}
