package io.github.stereostation.cli;

import io.github.stereostation.calibration.BoardMotion;
import io.github.stereostation.calibration.StereoCalibration;
import io.github.stereostation.capture.StereoFrame;
import io.github.stereostation.sim.Chessboard;
import io.github.stereostation.sim.Pose;
import io.github.stereostation.sim.RenderOptions;
import io.github.stereostation.sim.StereoRig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.imgcodecs.Imgcodecs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
        assertThat(out.toString()).contains("--board", "--mono", "--folder", "--source", "--width", "--no-window", "--name");
        CommandLine sub = cl.getSubcommands().get("calibration-wizard");
        assertThat(sub.getCommandSpec().options()).allSatisfy(o ->
                assertThat(String.join(" ", o.description())).as(o.longestName()).isNotBlank());
    }

    @Test
    void withoutWindowSelectsStillNewViewsFromARecordingAndSaves(@TempDir Path tmp) throws Exception {
        io.github.stereostation.OpenCvNative.load();
        StereoRig rig = StereoRig.desk(320, 240);
        Chessboard board = new Chessboard(9, 6, 25);
        // a recording of someone waving the board (as `record` writes it: video frames, not stills)
        Path pairs = tmp.resolve("pairs");
        List<Pose> poses = BoardMotion.coverage(rig, board).subList(0, 8);
        int written = 0;
        try (BoardMotion motion = new BoardMotion(rig, board, poses, 1, 4, new RenderOptions(2, 1.0, 1.0, 3));
             io.github.stereostation.capture.SessionRecorder rec = io.github.stereostation.capture.SessionRecorder.start(
                     pairs, io.github.stereostation.capture.RecordingFormat.PNG, motion.describe(),
                     io.github.stereostation.capture.CameraSettings.defaults().withSize(320, 240), 64)) {
            for (StereoFrame next = motion.next(); next != null; next = motion.next()) {
                try (StereoFrame f = next) {
                    rec.put(f);
                }
                written++;
            }
        }
        Run run = run("calibration-wizard", "--no-window", "--source", "replay:" + pairs, "--board", "chess:9x6:25",
                "--folder", tmp.resolve("calibration").toString(), "--name", "desk");
        String text = run.out();
        assertThat(run.code()).as(run.err()).isZero();
        // One view per held pose, from the 8 * 4 + 7 frames of the recording.
        assertThat(text).contains(written + " frames, 8 views taken").contains("took view-008").doesNotContain("view-009");
        Path file = tmp.resolve("calibration").resolve("desk.yaml");
        assertThat(text).contains("saved " + file);
        StereoCalibration cal = StereoCalibration.load(file);
        assertThat(Math.abs(cal.baselineMm() - rig.baselineMm()) / rig.baselineMm()).isLessThan(0.01);
        assertThat(Math.abs(cal.left().fxPx() - rig.left().fx()) / rig.left().fx()).isLessThan(0.01);
    }

    /** A run that takes no view says why, in the session's words. */
    @Test
    void withoutWindowAndNoViewsSaysWhy(@TempDir Path tmp) throws Exception {
        io.github.stereostation.OpenCvNative.load();
        Path pairs = Files.createDirectories(tmp.resolve("desk"));
        try (io.github.stereostation.sim.SyntheticStereoSource desk = io.github.stereostation.sim.SyntheticStereoSource
                .desk(320, 240)) {
            for (int i = 0; i < 3; i++) {
                try (StereoFrame f = desk.next()) {
                    Imgcodecs.imwrite(pairs.resolve("left" + i + ".png").toString(), f.left());
                    Imgcodecs.imwrite(pairs.resolve("right" + i + ".png").toString(), f.right());
                }
            }
        }
        Run run = run("calibration-wizard", "--no-window", "--source", "replay:" + pairs, "--board", "chess:9x6:25",
                "--folder", tmp.resolve("calibration").toString());
        String text = run.out();
        assertThat(run.code()).isEqualTo(StereoStation.EXIT_BAD_INPUT);
        assertThat(text).contains("3 frames, 0 views taken").contains("why frames were not taken")
                .contains("3: ").contains("was never found");
        assertThat(Files.exists(tmp.resolve("calibration").resolve("stereo.yaml"))).isFalse();
    }

    /** What a command printed and returned. */
    record Run(int code, String out, String err) {
    }

    /** Runs the command line, capturing what it prints (and echoing it for the test log). */
    static Run run(String... args) {
        CommandLine cl = StereoStation.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.PrintStream old = System.out;
        int code;
        System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            code = cl.execute(args);
        } finally {
            System.setOut(old);
        }
        String text = out.toString(java.nio.charset.StandardCharsets.UTF_8);
        System.out.print(text + err);
        return new Run(code, text, err.toString());
    }

    @Test
    void badBoardIsAUserError() {
        CommandLine cl = StereoStation.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        assertThat(cl.execute("calibration-wizard", "--board", "chess:9by6:25")).isEqualTo(StereoStation.EXIT_BAD_INPUT);
        assertThat(err.toString()).contains("--board: board 'chess:9by6:25'");
    }
}
