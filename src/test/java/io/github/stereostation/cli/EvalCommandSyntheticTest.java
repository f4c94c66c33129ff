package io.github.stereostation.cli;

import io.github.stereostation.OpenCvNative;
import io.github.stereostation.depth.Pfm;
import io.github.stereostation.sim.RenderedPair;
import io.github.stereostation.sim.SceneRenderer;
import io.github.stereostation.sim.StereoRig;
import io.github.stereostation.sim.SyntheticScene;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.imgcodecs.Imgcodecs;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** eval on synthetic scenes written in the Middlebury layout: a folder of scene folders, masks and calib.txt. */
class EvalCommandSyntheticTest {

    @BeforeAll
    static void load() {
        OpenCvNative.load();
    }

    @Test
    void evaluatesEverySceneOfAFolderWithItsMaskAndRange(@TempDir Path tmp) throws Exception {
        Path root = Files.createDirectory(tmp.resolve("scenes"));
        float[][] truths = new float[2][];
        byte[][] masks = new byte[2][];
        String[] names = {"desk", "step"};
        SyntheticScene[] scenes = {SyntheticScene.desk(3), SyntheticScene.step(600, 1500, false, 4)};
        SceneRenderer renderer = new SceneRenderer();
        for (int k = 0; k < 2; k++) {
            try (RenderedPair p = renderer.render(StereoRig.idealDesk(240, 180), scenes[k])) {
                Path dir = Files.createDirectory(root.resolve(names[k]));
                Imgcodecs.imwrite(dir.resolve("im0.png").toString(), p.left());
                Imgcodecs.imwrite(dir.resolve("im1.png").toString(), p.right());
                Imgcodecs.imwrite(dir.resolve("mask0nocc.png").toString(), p.nonOccluded());
                Pfm.write(dir.resolve("disp0GT.pfm"), p.disparityLeft());
                Files.writeString(dir.resolve("calib.txt"), "width=240\nheight=180\nndisp=48\n");
                truths[k] = new float[240 * 180];
                p.disparityLeft().get(0, 0, truths[k]);
                masks[k] = new byte[240 * 180];
                p.nonOccluded().get(0, 0, masks[k]);
            }
        }
        Files.createDirectory(root.resolve("not-a-scene"));
        Path csv = tmp.resolve("t.csv");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cl = StereoStation.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute("eval", root.toString(), "--preset", "none,balanced", "--no-warm-up",
                "--out", csv.toString());
        assertThat(code).as(err.toString()).isZero();
        List<String> lines = Files.readAllLines(csv);
        // 2 scenes x 2 presets + 2 means
        assertThat(lines).hasSize(1 + 4 + 2);
        for (int k = 0; k < 2; k++) {
            for (String preset : new String[]{"none", "balanced"}) {
                String prefix = names[k] + "," + preset + ",48,";
                String row = lines.stream().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow();
                String[] f = row.split(",");
                // the evaluated pixel count is exactly the mask's 255 pixels with finite ground truth
                long expected = 0;
                for (int i = 0; i < truths[k].length; i++) {
                    expected += Float.isFinite(truths[k][i]) && (masks[k][i] & 0xff) == 255 ? 1 : 0;
                }
                assertThat(Long.parseLong(f[8])).isEqualTo(expected);
                if (preset.equals("balanced")) {
                    assertThat(Double.parseDouble(f[4])).as(row).isLessThan(5.0);
                    assertThat(Double.parseDouble(f[7])).isCloseTo(100.0, within(1e-9));
                }
            }
        }
        assertThat(out.toString()).contains("desk").contains("step").contains("mean");
    }
}
