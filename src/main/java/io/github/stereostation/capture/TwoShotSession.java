package io.github.stereostation.capture;

import io.github.stereostation.UserInputException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Takes the two views of a two-shot pair from one camera with a {@link TwoShotCapture} guiding, either when the
 * user presses Enter (lines typed, read on a daemon thread so a live camera keeps being guided while nobody
 * types) or automatically: the left view at once (a live camera after 2 s to settle), the right view once the
 * guide has called it good for 0.5 s (a file source: on the first good frame). A file source offers each frame
 * in turn; a typed "n" skips it. What is happening is printed to {@code say}.
 */
public final class TwoShotSession {
    /** What the user types to skip a frame of a file source. */
    private static final String SKIP = "n";
    /** Stand-in for end of input in the line queue. */
    private static final String END = "\u0000eof";
    /** A live camera must show a good right view this long before it is taken automatically (not mid-slide). */
    private static final double STEADY_SECONDS = 0.5;
    /** Time a live camera gets to settle (exposure, hands) before the left view is taken automatically. */
    private static final long AUTO_LEFT_DELAY_NANOS = TimeUnit.SECONDS.toNanos(2);
    /** Live guidance is printed at most this often (and whenever the verdict changes). */
    private static final long PRINT_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(700);

    /** How taking a view ended. */
    public enum Outcome { TAKEN, TIMED_OUT, INPUT_ENDED }

    private final FrameSource cam;
    private final TwoShotCapture guide;
    private final BlockingQueue<String> lines;
    private final double timeoutSeconds;
    private final PrintWriter say;

    /**
     * @param keys           lines the user types, or null to take the views automatically
     * @param timeoutSeconds a live camera (or an automatic session) gives up on the right view after this long
     */
    public TwoShotSession(FrameSource cam, TwoShotCapture guide, InputStream keys, double timeoutSeconds,
                          PrintWriter say) {
        this.cam = cam;
        this.guide = guide;
        this.lines = keys == null ? null : readLines(keys);
        this.timeoutSeconds = timeoutSeconds;
        this.say = say;
    }

    private boolean automatic() {
        return lines == null;
    }

    /** Offers frames until the left view is taken. */
    public Outcome takeLeft() throws IOException {
        String prompt = automatic() ? (cam.live() ? " Taking it in 2 s: hold still." : " Taking the first frame.")
                : cam.live() ? " Press Enter to take it." : " Enter takes the frame offered, n + Enter skips it.";
        say.println("Step 1 of 2: " + guide.guidance().message() + prompt);
        long start = System.nanoTime();
        while (true) {
            TimedFrame frame = nextFrame("the left view");
            try {
                String key;
                if (automatic()) {
                    key = !cam.live() || System.nanoTime() - start >= AUTO_LEFT_DELAY_NANOS ? "" : null;
                } else if (cam.live()) {
                    key = lines.poll();
                } else {
                    say.printf(Locale.ROOT, "  frame %d: take it as the left view? [Enter = yes, n = next] %n",
                            frame.sequence());
                    say.flush();
                    key = awaitLine();
                }
                if (END.equals(key)) {
                    return Outcome.INPUT_ENDED;
                }
                if (takes(key)) {
                    guide.captureLeft(frame.image(), frame.nanos());
                    say.printf(Locale.ROOT, "Left view taken (frame %d).%n", frame.sequence());
                    if (cam.live() && !automatic()) {
                        forgetKeysTyped();
                    }
                    return Outcome.TAKEN;
                }
            } finally {
                frame.close();
            }
        }
    }

    /** Guides and offers frames until the right view is taken. */
    public Outcome takeRight() throws IOException {
        String prompt = automatic() ? " The right view is taken when the guide says it is good."
                : cam.live() ? " Press Enter to take the right view." : "";
        say.println("Step 2 of 2: " + guide.guidance().message() + prompt);
        int steadyFrames = cam.live() ? Math.max(1, (int) Math.round(cam.settings().fps() * STEADY_SECONDS)) : 1;
        int goodRun = 0;
        long start = System.nanoTime();
        long lastPrint = 0;
        boolean lastReady = false;
        while (true) {
            if ((cam.live() || automatic()) && System.nanoTime() - start > timeoutSeconds * 1e9) {
                return Outcome.TIMED_OUT;
            }
            TimedFrame frame = nextFrame("a good right view");
            try {
                TwoShotCapture.Guidance g = guide.track(frame.image());
                long now = System.nanoTime();
                if (!cam.live() || g.readyForRight() != lastReady || now - lastPrint >= PRINT_INTERVAL_NANOS) {
                    say.printf(Locale.ROOT, "  frame %d: %s%n", frame.sequence(), g.message());
                    say.flush();
                    lastPrint = now;
                    lastReady = g.readyForRight();
                }
                String key;
                if (automatic()) {
                    goodRun = g.readyForRight() ? goodRun + 1 : 0;
                    key = goodRun >= steadyFrames ? "" : null;
                } else if (cam.live()) {
                    key = lines.poll();
                } else {
                    say.println("  take it as the right view? [Enter = yes, n = next]");
                    say.flush();
                    key = awaitLine();
                }
                if (END.equals(key)) {
                    return Outcome.INPUT_ENDED;
                }
                if (takes(key)) {
                    guide.captureRight(frame.image(), frame.nanos());
                    say.printf(Locale.ROOT, "Right view taken (frame %d).%n", frame.sequence());
                    return Outcome.TAKEN;
                }
            } finally {
                frame.close();
            }
        }
    }

    private TimedFrame nextFrame(String waitingFor) throws IOException {
        TimedFrame frame = cam.read();
        if (frame == null) {
            throw new UserInputException(cam.describe() + " ended before " + waitingFor + " was taken"
                    + (guide.step() == TwoShotCapture.Step.MOVE_RIGHT ? "; last guidance: " + guide.guidance().message() : ""));
        }
        return frame;
    }

    /** True when the line (null = no key yet) takes the view. */
    private static boolean takes(String line) {
        return line != null && !line.trim().equalsIgnoreCase(SKIP);
    }

    /** A double press of Enter must not take the right view the moment the left one is taken. */
    private void forgetKeysTyped() {
        List<String> typed = new ArrayList<>();
        lines.drainTo(typed);
        if (typed.contains(END)) {
            lines.add(END);
        }
    }

    private String awaitLine() {
        try {
            return lines.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserInputException("interrupted while waiting for a key");
        }
    }

    private static BlockingQueue<String> readLines(InputStream keys) {
        BlockingQueue<String> q = new LinkedBlockingQueue<>();
        BufferedReader in = new BufferedReader(new InputStreamReader(keys, StandardCharsets.UTF_8));
        Thread t = new Thread(() -> {
            try {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    q.add(line);
                }
            } catch (IOException e) {
                // Treated as the end of input.
            }
            q.add(END);
        }, "two-shot keys");
        t.setDaemon(true);
        t.start();
        return q;
    }
}
