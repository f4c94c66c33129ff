package io.github.stereostation.ui;

import java.util.List;

/**
 * A message the user must see: it stays in the window's notification area, with its full text, until the
 * user closes it or presses one of its buttons.
 *
 * @param text    the whole message, in the window's words
 * @param error   true for a failure (drawn in the error colour), false for information
 * @param actions buttons offered with it (each closes the notice after running); may be empty
 */
public record Notice(String text, boolean error, List<Action> actions) {

    /** A button on a notice: its label and what it does (run on the event thread). */
    public record Action(String label, Runnable run) {
    }

    public Notice {
        actions = List.copyOf(actions);
    }

    public static Notice error(String text) {
        return new Notice(text, true, List.of());
    }

    public static Notice info(String text) {
        return new Notice(text, false, List.of());
    }

    public Notice withAction(String label, Runnable run) {
        List<Action> more = new java.util.ArrayList<>(actions);
        more.add(new Action(label, run));
        return new Notice(text, error, more);
    }
}
