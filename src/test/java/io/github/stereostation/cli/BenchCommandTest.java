package io.github.stereostation.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;

import static org.assertj.core.api.Assertions.assertThat;

class BenchCommandTest {
    private static String run(String... args) {
        java.io.StringWriter buf = new java.io.StringWriter();
        var cl = StereoStation.commandLine();
        cl.setOut(new PrintWriter(buf, true));
        assertThat(cl.execute(args)).isZero();
        return buf.toString();
    }

    @Test
    void printsEveryRowWithStageTimesAndTheRatio() {
        String out = run("bench", "--only", "pipeline", "--width", "160", "--height", "120", "--disparities", "32", "--frames", "8",
                "--warmup", "2", "--distinct", "2", "--rounds", "1", "--camera-fps", "200");
        assertThat(out).contains("bench 160x120, preset fast");
        assertThat(out).containsPattern("preset, plain loop +[0-9.]+ frames/s");
        assertThat(out).containsPattern("pipeline +[0-9.]+ frames/s +ratio [0-9.]+ +latency [0-9.]+ ms");
        assertThat(out).contains("| capture ").contains(" match ").contains(" depth ").contains(" present ");
        assertThat(out).contains("pipeline + view").contains("paced 200 fps + view");
        assertThat(out).containsPattern("paced 200 fps \\+ view \\+ live 3D +[0-9.]+ frames/s  live 3D [0-9.]+ clouds/s");
        assertThat(out).containsPattern("pipeline/plain-loop throughput ratio: [0-9.]+");
        assertThat(out).doesNotContain("viewer (software");
    }

    @Test
    void matcherSectionComparesEachPresetWithBareOpenCvAtItsWorkingResolution() {
        String out = run("bench", "--only", "matcher", "--width", "160", "--height", "120", "--disparities", "32",
                "--frames", "3", "--warmup", "1", "--distinct", "2", "--compare", "fast,none");
        assertThat(out).contains("matcher: each preset against bare OpenCV doing the same matching")
                .contains("160x120 input, 32 disparities").contains("median of 3 rounds");
        assertThat(out).contains("| preset | ms/frame | frames/s | bare OpenCV doing the same | bare ms/frame");
        // 160 px is too narrow for fast's half resolution, so both match at full size
        assertThat(out).containsPattern("\\| fast \\| [0-9.]+ \\| [0-9.]+ \\| StereoSGBM 3way 160x120, 32 disparities, block 3 "
                + "\\| [0-9.]+ \\| [0-9.]+ \\| [0-9.]+ \\|");
        assertThat(out).containsPattern("\\| none \\| .* \\| StereoSGBM 3way 160x120, 32 disparities");
        assertThat(out).doesNotContain("pipeline + view");
    }

    @Test
    void soakReportsResidentMemoryAgainstTheBaseline() {
        String out = run("bench", "--soak", "60", "--rss-every", "20", "--width", "160", "--height", "120",
                "--disparities", "32", "--distinct", "3");
        assertThat(out).containsPattern("frames +20 +RSS +[0-9.]+ MB");
        assertThat(out).contains("(baseline)").containsPattern("of baseline\\)");
        assertThat(out).containsPattern("largest RSS change after warm-up: [-+][0-9.]+ %");
    }

    @Test
    void badOptionsAreUserErrors() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        var cl = StereoStation.commandLine();
        cl.setErr(new PrintWriter(err, true));
        assertThat(cl.execute("bench", "--disparities", "100")).isEqualTo(2);
        assertThat(err.toString()).contains("--disparities");
    }
}
