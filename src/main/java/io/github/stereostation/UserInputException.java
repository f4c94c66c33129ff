package io.github.stereostation;

/**
 * An error the user caused and can fix: a missing or unreadable file, images of different sizes, a bad
 * option value. The message is one line that names the file or option and what was expected; the CLI prints
 * it without a stack trace and exits with code 2.
 */
public class UserInputException extends RuntimeException {
    public UserInputException(String message) {
        super(message);
    }

    public UserInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
