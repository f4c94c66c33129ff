package io.github.stereostation;

/**
 * A value the user gave is malformed or out of range. {@link #field()} names it in the library's words
 * ("block size"), and the message speaks of the value ("block size 4 must be odd, between 1 and 21"), never of
 * a command-line flag: the CLI puts its own flag name in front, the window shows the message by the field.
 */
public class InvalidValueException extends UserInputException {
    private final String field;

    public InvalidValueException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The value's name in the library's words, as the message calls it. */
    public String field() {
        return field;
    }
}
