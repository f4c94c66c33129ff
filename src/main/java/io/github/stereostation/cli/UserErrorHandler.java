package io.github.stereostation.cli;

import io.github.stereostation.InvalidValueException;
import io.github.stereostation.UserInputException;
import picocli.CommandLine;

/**
 * Prints a user's mistake as one line (no stack trace; a bad value led by the flag that gave it) and exits 2;
 * anything else is a bug and keeps its trace.
 */
final class UserErrorHandler implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        if (ex instanceof InvalidValueException v) {
            cl.getErr().println("error: " + OptionNames.message(cl, v));
            return StereoStation.EXIT_BAD_INPUT;
        }
        if (ex instanceof UserInputException) {
            cl.getErr().println("error: " + ex.getMessage());
            return StereoStation.EXIT_BAD_INPUT;
        }
        throw new RuntimeException(ex);
    }
}
