package io.github.stereostation.cli;

import io.github.stereostation.capture.CameraDiscovery;
import io.github.stereostation.capture.CameraInfo;
import io.github.stereostation.capture.CameraMode;
import io.github.stereostation.UserInputException;
import io.github.stereostation.source.StereoSources;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code stereo-station cameras}: lists attached cameras with names and modes, or says there are none. */
@Command(name = "cameras", mixinStandardHelpOptions = true,
        description = "Lists the attached cameras with their names and the modes they accept, within a bounded time. "
                + "On a machine without cameras it says so (exit code 0).")
public final class CamerasCommand implements Callable<Integer> {

    @Option(names = "--timeout-ms", paramLabel = "MS", defaultValue = "" + StereoSources.AUTO_DISCOVERY_MILLIS,
            description = "Time budget for looking (default: ${DEFAULT-VALUE} ms); slow drivers are reported, never waited for.")
    long timeoutMillis;

    @Option(names = "--driver", paramLabel = "all|opencv|webcam", defaultValue = "all",
            description = "Which drivers to ask: opencv (V4L2 device nodes), webcam (webcam-capture), or all (default).")
    String driver;

    @Override
    public Integer call() {
        if (timeoutMillis <= 0 || timeoutMillis > 60_000) {
            throw new UserInputException("--timeout-ms " + timeoutMillis + ": expected 1 to 60000");
        }
        String d = driver.toLowerCase(Locale.ROOT);
        if (!List.of("all", "opencv", "webcam").contains(d)) {
            throw new UserInputException("--driver " + driver + ": expected all, opencv or webcam");
        }
        CameraDiscovery.Result r = CameraDiscovery.discover(Duration.ofMillis(timeoutMillis),
                !d.equals("webcam"), !d.equals("opencv"));
        print(r, System.out);
        return 0;
    }

    static void print(CameraDiscovery.Result r, PrintStream out) {
        if (r.cameras().isEmpty()) {
            out.printf(Locale.ROOT, "No cameras found (looked for %s in %.1f s).%n",
                    "V4L2 devices through OpenCV and cameras through webcam-capture", r.elapsedMillis() / 1000.0);
            out.println("Attach two USB cameras, or use --source replay:DIR for a recorded session.");
        } else {
            out.printf(Locale.ROOT, "%d camera(s) found in %.1f s:%n", r.cameras().size(), r.elapsedMillis() / 1000.0);
            for (CameraInfo c : r.cameras()) {
                out.printf("  %-10s %-12s %s%n", c.spec(), c.device(), c.name());
                if (!c.modes().isEmpty()) {
                    out.println("             modes: " + c.modes().stream().map(CameraMode::toString)
                            .collect(Collectors.joining(", ")));
                }
            }
            List<CameraInfo> cv = r.byDriver("opencv");
            if (cv.size() >= 2) {
                out.printf("Record from the first two: stereo-station record --left %d --right %d --out DIR%n",
                        cv.get(0).index(), cv.get(1).index());
            }
        }
        for (String note : r.notes()) {
            out.println("note: " + note);
        }
    }
}
