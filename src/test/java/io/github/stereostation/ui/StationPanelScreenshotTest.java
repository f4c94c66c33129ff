package io.github.stereostation.ui;

import io.github.stereostation.OpenCvNative;
import io.github.stereostation.pipeline.LoopSpec;
import io.github.stereostation.pipeline.StationPipeline;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import javax.swing.SwingUtilities;
import java.awt.Container;
import java.awt.Component;
import java.awt.Graphics2D;
import java.awt.Point;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Builds the real station panel on the synthetic rig, paints it offscreen (no display needed) and checks what
 * a person would see: a disparity view full of palette colours. The PNG stays in target/screenshots/.
 */
class StationPanelScreenshotTest {
    @BeforeAll
    static void load() {
        OpenCvNative.load();
    }

    static void layoutAll(Component c) {
        if (c instanceof Container k) {
            k.doLayout();
            for (Component child : k.getComponents()) {
                layoutAll(child);
            }
        }
    }

    @Test
    void paintsLeftRightAndANonEmptyDisparityView(@TempDir Path tmp) throws Exception {
        UiSettings settings = UiSettings.defaults().withSource("synthetic").withPreset("fast");
        Path settingsFile = tmp.resolve("ui.yaml");
        try (StationController controller = new StationController(settings, settingsFile,
                LoopSpec.synthetic(320, 240))) {
            StationController.applyTheme(false);
            controller.startAndWait();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while ((controller.latestView() == null || controller.stats().delivered() < 3)
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(controller.latestView()).as("a finished frame").isNotNull();

            BufferedImage shot = new BufferedImage(1360, 860, BufferedImage.TYPE_INT_RGB);
            StationPanel[] panel = new StationPanel[1];
            SwingUtilities.invokeAndWait(() -> {
                panel[0] = new StationPanel(controller);
                panel[0].setSize(1360, 860);
                layoutAll(panel[0]);
                panel[0].refresh();
                layoutAll(panel[0]);
                Graphics2D g = shot.createGraphics();
                panel[0].printAll(g);
                g.dispose();
            });
            Path dir = Path.of("target", "screenshots");
            Files.createDirectories(dir);
            ImageIO.write(shot, "png", dir.resolve("station.png").toFile());

            // the disparity view's area on screen: count distinct colours and non-background pixels
            ImagePanel map = panel[0].mapView();
            Point at = SwingUtilities.convertPoint(map, 0, 0, panel[0]);
            java.awt.Rectangle r = map.imageBounds();
            assertThat(r.width).isGreaterThan(100);
            Set<Integer> colours = new HashSet<>();
            int dark = 0;
            int total = 0;
            for (int y = at.y + r.y + 2; y < at.y + r.y + r.height - 2; y += 2) {
                for (int x = at.x + r.x + 2; x < at.x + r.x + r.width - 2; x += 2) {
                    int rgb = shot.getRGB(x, y) & 0xffffff;
                    colours.add(rgb);
                    total++;
                    if (((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff) < 30) {
                        dark++;
                    }
                }
            }
            assertThat(colours.size()).as("palette colours in the disparity view").isGreaterThan(50);
            assertThat((double) dark / total).as("share of black (no disparity) pixels").isLessThan(0.5);
            assertThat(controller.latestView().coverage()).isGreaterThan(0.5);
            assertThat(panel[0].statusBar().statusText()).contains("synthetic");
        }
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(
                t -> (t.getName().startsWith(StationPipeline.THREAD_PREFIX)) && t.isAlive());
    }
}
