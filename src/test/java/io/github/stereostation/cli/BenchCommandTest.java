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
        assertThat(out).containsPattern("bare matching +[0-9.]+ frames/s");
        assertThat(out).containsPattern("pipeline +[0-9.]+ frames/s +ratio [0-9.]+ +latency [0-9.]+ ms");
        assertThat(out).contains("| capture ").contains(" match ").contains(" depth ").contains(" present ");
        assertThat(out).contains("pipeline + view").contains("paced 200 fps + view");
        assertThat(out).containsPattern("pipeline/bare throughput ratio: [0-9.]+");
        assertThat(out).doesNotContain("viewer (software");
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
