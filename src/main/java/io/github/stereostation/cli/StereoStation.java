package io.github.stereostation.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

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

    /** Exit code for input the user got wrong (missing file, size mismatch, bad option value). */
    public static final int EXIT_BAD_INPUT = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new StereoStation());
        cl.setExecutionExceptionHandler(new UserErrorHandler());
        return cl;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
