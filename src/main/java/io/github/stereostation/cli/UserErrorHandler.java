package io.github.stereostation.cli;

import io.github.stereostation.UserInputException;
import picocli.CommandLine;

/** Prints a user's mistake as one line (no stack trace) and exits 2; anything else is a bug and keeps its trace. */
final class UserErrorHandler implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        if (ex instanceof UserInputException) {
            cl.getErr().println("error: " + ex.getMessage());
            return StereoStation.EXIT_BAD_INPUT;
        }
        throw new RuntimeException(ex);
    }
}
