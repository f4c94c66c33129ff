package io.github.stereostation.cli;

import io.github.stereostation.InvalidValueException;
import io.github.stereostation.UserInputException;
import io.github.stereostation.io.FileFault;
import org.opencv.core.CvException;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one error path of the command line. Whatever a command throws ends in one line on stderr: a user's mistake
 * or a fault of the files or the machine (missing file, permission, full disk, memory) exits
 * {@link StereoStation#EXIT_BAD_INPUT}; anything else is a bug and exits {@link StereoStation#EXIT_BUG}. The stack
 * trace goes to the error log ({@link #logFile()}), and to stderr as well with {@code --debug}.
 */
final class UserErrorHandler implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {
    static final String DEBUG_OPTION = "--debug";
    private static final Pattern OPENCV_ERROR = Pattern.compile("error: \\((-?\\d+:[^)]*)\\) ([^\\n]*?) in function '([^']*)'");

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        return report(ex, cl);
    }

    /** Errors (out of memory, a native library missing) bypass picocli's handler; the execution strategy sends them here. */
    int report(Throwable ex, CommandLine cl) {
        PrintWriter err = cl.getErr();
        boolean debug = debug(cl);
        if (ex instanceof UserInputException) {
            String message = ex instanceof InvalidValueException v ? OptionNames.message(cl, v) : ex.getMessage();
            err.println("error: " + FileFault.oneLine(message));
            if (debug) {
                ex.printStackTrace(err);
            }
            err.flush();
            return StereoStation.EXIT_BAD_INPUT;
        }
        var fault = FileFault.describe(ex);
        if (fault.isPresent()) {
            err.println("error: " + fault.get());
            log(ex, cl);
            if (debug) {
                ex.printStackTrace(err);
            }
            err.flush();
            return StereoStation.EXIT_BAD_INPUT;
        }
        String where = log(ex, cl);
        err.println("error: internal error, " + summary(ex) + "; please report it with "
                + (where != null ? "the details in " + where : "the output of --debug")
                + (debug ? "" : " (--debug prints them)"));
        if (debug) {
            ex.printStackTrace(err);
        }
        err.flush();
        return StereoStation.EXIT_BUG;
    }

    /** A wrong or missing option or parameter: one line and where to read more, not the whole usage text. */
    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] ignored) {
        CommandLine cl = ex.getCommandLine();
        PrintWriter err = cl.getErr();
        String suggestion = "";
        if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
            suggestion = " (did you mean " + String.join(" or ", u.getSuggestions()) + "?)";
        }
        err.println("error: " + FileFault.oneLine(ex.getMessage()) + suggestion + "; see '"
                + cl.getCommandSpec().qualifiedName() + " --help'");
        err.flush();
        return StereoStation.EXIT_BAD_INPUT;
    }

    private static String summary(Throwable ex) {
        if (ex instanceof CvException) {
            Matcher m = OPENCV_ERROR.matcher(String.valueOf(ex.getMessage()));
            if (m.find()) {
                return "OpenCV refused (" + m.group(1) + ", " + m.group(2).strip() + " in " + m.group(3) + ")";
            }
        }
        String msg = FileFault.oneLine(ex.getMessage());
        if (msg.length() > 200) {
            msg = msg.substring(0, 200) + "...";
        }
        return ex.getClass().getSimpleName() + (msg.isEmpty() ? "" : ": " + msg);
    }

    private static boolean debug(CommandLine cl) {
        if (originalArgs(cl).contains(DEBUG_OPTION)) {
            return true;
        }
        for (CommandLine c = cl; c != null; c = c.getParent()) {
            CommandLine.ParseResult pr = c.getParseResult();
            if (pr != null && pr.hasMatchedOption(DEBUG_OPTION)) {
                return true;
            }
        }
        return false;
    }

    private static java.util.List<String> originalArgs(CommandLine cl) {
        CommandLine root = cl;
        while (root.getParent() != null) {
            root = root.getParent();
        }
        CommandLine.ParseResult pr = root.getParseResult();
        return pr == null ? java.util.List.of() : pr.originalArgs();
    }

    /**
     * The error log: {@code stereostation.log} if set (tests), else $XDG_STATE_HOME or ~/.local/state, under
     * stereo-station/error.log. Appended, so an earlier report is not lost.
     */
    static Path logFile() {
        String explicit = System.getProperty("stereostation.log");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String state = System.getenv("XDG_STATE_HOME");
        Path base = state != null && !state.isBlank() ? Path.of(state)
                : Path.of(System.getProperty("user.home"), ".local", "state");
        return base.resolve("stereo-station").resolve("error.log");
    }

    /** Writes the trace to the log; returns where, or null when even that failed (a full disk). */
    private static String log(Throwable ex, CommandLine cl) {
        Path file = logFile();
        try {
            StringWriter trace = new StringWriter();
            ex.printStackTrace(new PrintWriter(trace));
            String entry = Instant.now() + " stereo-station " + String.join(" ", originalArgs(cl)) + String.format(Locale.ROOT, "%n")
                    + trace + String.format(Locale.ROOT, "%n");
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, entry, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            return file.toString();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
