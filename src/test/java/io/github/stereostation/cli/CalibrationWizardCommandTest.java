package io.github.stereostation.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/** The wizard's command line: every option described, a bad board is exit code 2 with one clear line. */
class CalibrationWizardCommandTest {

    @Test
    void helpDescribesEveryOption() {
        CommandLine cl = StereoStation.commandLine();
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out));
        assertThat(cl.execute("calibration-wizard", "--help")).isZero();
        assertThat(out.toString()).contains("--board", "--mono", "--folder", "--source", "--width", "held still");
        CommandLine sub = cl.getSubcommands().get("calibration-wizard");
        assertThat(sub.getCommandSpec().options()).allSatisfy(o ->
                assertThat(String.join(" ", o.description())).as(o.longestName()).isNotBlank());
    }

    @Test
    void badBoardIsAUserError() {
        CommandLine cl = StereoStation.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        assertThat(cl.execute("calibration-wizard", "--board", "chess:9by6:25")).isEqualTo(StereoStation.EXIT_BAD_INPUT);
        assertThat(err.toString()).contains("--board 'chess:9by6:25'");
    }
}
