package io.github.stereostation.ui;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How text reaches the window: tooltips and messages wrapped as HTML at a width a screen can show, library
 * messages in the window's words (a command line's option name replaced by the field's), and figures that
 * read "–" until they are measured rather than "NaN".
 */
public final class WindowText {
    /** Tooltips wrap at this width in pixels. */
    static final int TOOLTIP_WIDTH_PX = 360;
    /** A tooltip up to this long fits on one line under the pointer. */
    static final int SHORT_TOOLTIP_CHARS = 60;
    /** What a figure reads before it is measured. */
    public static final String UNKNOWN = "–";

    private static final Pattern LEADING_OPTION = Pattern.compile("^--[a-z0-9-]+:\\s*");

    private WindowText() {
    }

    /** A tooltip: a short text as it is, a longer one wrapped at {@link #TOOLTIP_WIDTH_PX} (escaped). */
    public static String wrap(String text) {
        return text.length() <= SHORT_TOOLTIP_CHARS && !text.contains("\n") ? text : wrapTo(text, TOOLTIP_WIDTH_PX);
    }

    /** HTML that wraps {@code text} at {@code widthPx} (Swing labels and tooltips honour a body width). */
    public static String wrapTo(String text, int widthPx) {
        return "<html><body style='width: " + widthPx + "px'>" + escape(text).replace("\n", "<br>")
                + "</body></html>";
    }

    /**
     * HTML for a label: {@code text} broken into lines no wider than {@code widthPx} in {@code font}, measured
     * with the font's own metrics (CSS widths in Swing's HTML are not exact pixels).
     */
    public static String wrapToFit(String text, java.awt.FontMetrics font, int widthPx) {
        StringBuilder html = new StringBuilder("<html>");
        StringBuilder line = new StringBuilder();
        for (String word : text.split("\\s+")) {
            String tried = line.length() == 0 ? word : line + " " + word;
            if (line.length() > 0 && font.stringWidth(tried) > widthPx) {
                html.append(escape(line.toString())).append("<br>");
                line.setLength(0);
                line.append(word);
            } else {
                line.setLength(0);
                line.append(tried);
            }
        }
        return html.append(escape(line.toString())).append("</html>").toString();
    }

    /**
     * A library or command message as the window says it: a leading command-line option ("--block-size: ")
     * is dropped, since the window has no options.
     */
    public static String inWindowWords(String message) {
        return inWindowWords(message, null);
    }

    /** As {@link #inWindowWords(String)}, naming the window's field instead of the option when one is given. */
    public static String inWindowWords(String message, String field) {
        if (message == null || message.isBlank()) {
            return "failed without a message";
        }
        java.util.regex.Matcher m = LEADING_OPTION.matcher(message.strip());
        return m.find() ? (field == null ? "" : field + ": ") + message.strip().substring(m.end()) : message.strip();
    }

    /** {@code value} formatted, or {@link #UNKNOWN} when it is not a finite number yet. */
    public static String figure(String format, double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, format, value) : UNKNOWN;
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
