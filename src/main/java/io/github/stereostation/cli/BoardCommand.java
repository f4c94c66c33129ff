package io.github.stereostation.cli;

import io.github.stereostation.UserInputException;
import io.github.stereostation.calibration.BoardPrinter;
import io.github.stereostation.calibration.BoardSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code stereo-station board}: writes a printable calibration board. */
@Command(name = "board", mixinStandardHelpOptions = true,
        description = "Write a calibration board to print, as PNG (with its DPI recorded) or as a one-page PDF at "
                + "true size. Print at 100 %% (no 'fit to page') and measure a square before calibrating.")
public final class BoardCommand implements Callable<Integer> {

    @Option(names = "--board", required = true, paramLabel = "SPEC",
            description = "Board: chess:COLSxROWS:SQUARE_MM (inner corners, e.g. chess:9x6:25) or "
                    + "charuco:COLSxROWS:SQUARE_MM:MARKER_MM[:DICT].")
    String board;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Output file ending in .png or .pdf.")
    Path out;

    @Option(names = "--dpi", defaultValue = "300", paramLabel = "DPI",
            description = "Resolution of the drawn board in dots per inch (default ${DEFAULT-VALUE}).")
    double dpi;

    @Option(names = "--margin-mm", defaultValue = "15", paramLabel = "MM",
            description = "White border around the board in mm; detectors need some (default ${DEFAULT-VALUE}).")
    double marginMm;

    @Override
    public Integer call() throws Exception {
        BoardSpec spec = BoardSpec.parse(board);
        String name = out.getFileName() == null ? "" : out.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".pdf")) {
            BoardPrinter.writePdf(spec, dpi, marginMm, out);
        } else if (name.endsWith(".png")) {
            BoardPrinter.writePng(spec, dpi, marginMm, out);
        } else {
            throw new UserInputException("--out " + out + ": expected a .png or .pdf file name");
        }
        System.out.printf(Locale.ROOT, "wrote %s: %s, %.1f x %.1f mm board plus %.1f mm margin%n", out, spec.toText(),
                spec.widthMm(), spec.heightMm(), marginMm);
        return 0;
    }
}
