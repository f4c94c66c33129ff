package io.github.stereostation.cli;

import io.github.stereostation.OpenCvNative;
import io.github.stereostation.StationHome;
import io.github.stereostation.io.AtomicFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Entry point of the {@code stereo-station} command line. Each job is one subcommand class. */
@Command(name = "stereo-station",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Stereo Station: capture, calibrate, match and reconstruct with a two-camera depth rig.",
        subcommands = {
                CommandLine.HelpCommand.class,
                CamerasCommand.class,
                RecordCommand.class,
                SnapshotCommand.class,
                DisparityCommand.class,
                EvalCommand.class,
                BoardCommand.class,
                CalibrateCommand.class,
                CalibrationWizardCommand.class,
                RectifyCommand.class,
                RectifyUncalibratedCommand.class,
                TwoShotCommand.class,
                StationCommand.class,
                CloudCommand.class,
                BenchCommand.class,
                MonoCommand.class,
                ModelsCommand.class,
                FuseCommand.class,
                SimCommand.class,
                RefineRectificationCommand.class,
        })
public final class StereoStation implements Runnable {

    /**
     * Exit code for what the user or the machine can fix: input the user got wrong (missing file, size mismatch,
     * bad option value) and faults of files and machine (permission, full disk, memory, a camera that is not there).
     */
    public static final int EXIT_BAD_INPUT = 2;

    /** Exit code for a bug: the one-line message names the error log that holds the details. */
    public static final int EXIT_BUG = 1;

    @CommandLine.Option(names = UserErrorHandler.DEBUG_OPTION, scope = CommandLine.ScopeType.INHERIT,
            description = "On an error, print the stack trace too (it always goes to the error log).")
    boolean debug;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new StereoStation());
        UserErrorHandler errors = new UserErrorHandler();
        cl.setExecutionExceptionHandler(errors);
        cl.setParameterExceptionHandler(errors);
        cl.setDefaultValueProvider(StereoStation::installDefault);
        cl.setExecutionStrategy(parsed -> {
            List<CommandLine> chain = parsed.asCommandLineList();
            CommandLine last = chain.get(chain.size() - 1);
            try {
                if (helpRequested(parsed)) {
                    return new CommandLine.RunLast().execute(parsed);
                }
                requireGivenSettingsFiles(parsed);
                requirePlainNames(parsed);
                OpenCvNative.load(); // before any command runs: a library class may make a Mat first
                if (last.getCommand() instanceof WritesAsItGoes) {
                    return new CommandLine.RunLast().execute(parsed);
                }
                try (AtomicFiles.Unit files = AtomicFiles.unit(inputs(parsed))) {
                    int code = new CommandLine.RunLast().execute(parsed);
                    if (code == 0) {
                        files.commit(); // a command's files appear together, and only when it succeeded
                    }
                    return code;
                }
            } catch (CommandLine.ExecutionException e) {
                if (e.getCause() instanceof Error error) {
                    return errors.report(error, e.getCommandLine());
                }
                throw e;
            } catch (Error | java.io.IOException e) {
                return errors.report(e, last);
            }
        });
        return cl;
    }

    /** Options whose default is a file or folder of the installation, e.g. config/station.yaml. */
    private static final List<String> INSTALL_DEFAULTS = List.of("config/", "calibration", "models");

    /**
     * Defaults such as config/station.yaml belong to the installation, not to the folder the user runs from:
     * they resolve against {@link StationHome} (the launcher sets it); values the user types stay as typed.
     */
    private static String installDefault(CommandLine.Model.ArgSpec arg) {
        String annotated = arg.defaultValue();
        if (annotated == null || !Path.class.equals(arg.type())
                || INSTALL_DEFAULTS.stream().noneMatch(annotated::startsWith)) {
            return null;
        }
        return StationHome.path(annotated).toString();
    }

    /** Options that name what a command writes; every other file or folder it is given is read. */
    static final List<String> OUTPUT_OPTIONS = List.of("--out", "-o", "--ros", "--folder", "--screenshot",
            "--depth-out", "--colour-out", "--inverse-out", "--out-depth", "--out-disparity");

    /** Every file and folder the command line gives to read: outputs are never written over them. */
    private static List<Path> inputs(CommandLine.ParseResult parsed) {
        List<Path> in = new java.util.ArrayList<>();
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            for (CommandLine.Model.OptionSpec o : p.matchedOptions()) {
                if (List.of(o.names()).stream().noneMatch(OUTPUT_OPTIONS::contains)) {
                    addPaths(o.getValue(), in);
                }
            }
            for (CommandLine.Model.PositionalParamSpec pp : p.matchedPositionals()) {
                addPaths(pp.getValue(), in);
            }
        }
        return in;
    }

    private static void addPaths(Object value, List<Path> to) {
        if (value instanceof Path path) {
            to.add(path);
        } else if (value instanceof java.util.Collection<?> many) {
            many.forEach(v -> addPaths(v, to));
        }
    }

    /** A base name for output files is a name, not a path: its files stay inside the output folder. */
    private static void requirePlainNames(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            CommandLine.Model.OptionSpec o = p.matchedOption("--name");
            if (o != null && o.getValue() instanceof String name
                    && (name.isBlank() || name.contains("/") || name.contains("\\") || name.equals("..") || name.equals("."))) {
                throw new CommandLine.ParameterException(p.commandSpec().commandLine(), "--name '" + name
                        + "': give a plain name without folders (the files go into the output folder)");
            }
        }
    }

    /** A settings file the user names must exist: falling back to defaults silently would hide a typo. */
    private static void requireGivenSettingsFiles(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            for (CommandLine.Model.OptionSpec o : p.matchedOptions()) {
                if (o.paramLabel().equals("FILE") && List.of(o.names()).stream()
                        .anyMatch(n -> n.equals("--config") || n.equals("--settings"))) {
                    Path file = o.getValue();
                    if (file != null && !Files.isRegularFile(file)) {
                        throw new CommandLine.ParameterException(p.commandSpec().commandLine(), o.longestName() + " "
                                + file + ": " + (Files.isDirectory(file) ? "is a folder, not a settings file" : "no such file")
                                + " (without the option, " + StationHome.path("config", "station.yaml") + " applies)");
                    }
                }
            }
        }
    }

    private static boolean helpRequested(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.isUsageHelpRequested() || p.isVersionHelpRequested()) {
                return true;
            }
        }
        return false;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
