package io.github.stereostation.ui;

import io.github.stereostation.OpenCvNative;
import io.github.stereostation.pipeline.LoopSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import javax.swing.AbstractButton;
import javax.swing.JComboBox;
import javax.swing.JComponent;
import javax.swing.JSpinner;
import javax.swing.JViewport;
import javax.swing.SwingUtilities;
import java.awt.Component;
import java.awt.Container;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The station's layout on a 1366x768 laptop screen, painted offscreen: the window opens inside the screen, and
 * every control of the side panel lies wholly inside what its scroll pane shows, also after an invalid entry
 * whose message appears, wrapped, under the field. Screenshots of both states go to target/screenshots/.
 */
class StationLayoutTest {
    /** A 1366x768 screen with openbox: the usable area is the whole screen; the title bar takes about 24 px. */
    static final Rectangle LAPTOP = new Rectangle(0, 0, 1366, 768);
    static final int TITLE_BAR = 24;

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

    /** Combo boxes, spinners, check boxes and buttons that are showing inside {@code root}. */
    static List<JComponent> controls(Container root) {
        List<JComponent> out = new ArrayList<>();
        for (Component c : root.getComponents()) {
            if (!c.isVisible()) {
                continue;
            }
            if (c instanceof JComboBox<?> || c instanceof JSpinner || c instanceof AbstractButton) {
                out.add((JComponent) c);
            } else if (c instanceof Container k) {
                out.addAll(controls(k));
            }
        }
        return out;
    }

    static BufferedImage paint(Component c) {
        BufferedImage shot = new BufferedImage(c.getWidth(), c.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = shot.createGraphics();
        c.printAll(g);
        g.dispose();
        return shot;
    }

    static void save(BufferedImage img, String name) throws Exception {
        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        ImageIO.write(img, "png", dir.resolve(name).toFile());
    }

    /** Every control lies inside the side panel's visible rectangle and is as large as it wants to be. */
    static void assertSideControlsVisible(StationPanel panel, String state) {
        JViewport port = panel.sidePanel().getViewport();
        Rectangle visible = SwingUtilities.convertRectangle(port, new Rectangle(port.getExtentSize()), panel);
        Rectangle inPanel = new Rectangle(0, 0, panel.getWidth(), panel.getHeight());
        List<JComponent> cs = controls((Container) port.getView());
        assertThat(cs).as("side panel controls").hasSizeGreaterThan(15);
        for (JComponent c : cs) {
            Rectangle r = SwingUtilities.convertRectangle(c.getParent(), c.getBounds(), panel);
            String what = state + ": " + c.getClass().getSimpleName() + " " + r
                    + (c instanceof AbstractButton b ? " '" + b.getText() + "'" : "");
            assertThat(visible.contains(r)).as(what + " inside the visible side panel " + visible).isTrue();
            assertThat(inPanel.contains(r)).as(what + " inside the window").isTrue();
            assertThat(r.width).as(what + " not squeezed").isGreaterThanOrEqualTo(
                    Math.min(c.getPreferredSize().width, TuningPanel.FIELD_WIDTH));
        }
    }

    @Test
    void theWindowFitsA1366x768ScreenAndTheSidePanelNeverClips(@TempDir Path dir) throws Exception {
        Rectangle first = StationWindow.initialBounds(LAPTOP, 0, 0);
        assertThat(LAPTOP.contains(first)).as("first start " + first).isTrue();
        Rectangle remembered = StationWindow.initialBounds(LAPTOP, 1600, 1000);
        assertThat(LAPTOP.contains(remembered)).as("a size remembered from a bigger screen " + remembered).isTrue();
        Rectangle big = StationWindow.initialBounds(new Rectangle(0, 0, 1920, 1080), 1500, 900);
        assertThat(big.getSize()).as("a remembered size that fits is kept").isEqualTo(new java.awt.Dimension(1500, 900));

        try (StationController controller = new StationController(UiSettings.defaults().withSource("synthetic"),
                dir.resolve("ui.yaml"), LoopSpec.synthetic(320, 240))) {
            StationController.applyTheme(false);
            StationPanel[] panel = new StationPanel[1];
            TuningPanel[] tuning = new TuningPanel[1];
            SwingUtilities.invokeAndWait(() -> {
                panel[0] = new StationPanel(controller);
                panel[0].setSize(first.width, first.height - TITLE_BAR);
                layoutAll(panel[0]);
                tuning[0] = (TuningPanel) panel[0].sidePanel().getViewport().getView();
            });
            BufferedImage before = onEdt(() -> paint(panel[0]));
            save(before, "layout-1366x768.png");
            SwingUtilities.invokeAndWait(() -> assertSideControlsVisible(panel[0], "as opened"));

            // an even block size: refused, with the reason under the field, and nothing pushed out of view
            SwingUtilities.invokeAndWait(() -> {
                tuning[0].blockSizeSpinner().setValue(4);
                layoutAll(panel[0]);
            });
            String problem = onEdt(() -> tuning[0].problemLabelOf(tuning[0].blockSizeSpinner()).getText());
            assertThat(problem).contains("block size").doesNotContain("--");
            assertThat(onEdt(() -> tuning[0].problemLabelOf(tuning[0].blockSizeSpinner()).isVisible())).isTrue();
            Rectangle field = onEdt(() -> SwingUtilities.convertRectangle(tuning[0].blockSizeSpinner().getParent(),
                    tuning[0].blockSizeSpinner().getBounds(), panel[0]));
            Rectangle message = onEdt(() -> SwingUtilities.convertRectangle(tuning[0].problemLabelOf(tuning[0].blockSizeSpinner()).getParent(),
                    tuning[0].problemLabelOf(tuning[0].blockSizeSpinner()).getBounds(), panel[0]));
            assertThat(message.y).as("the message sits right under the field").isBetween(field.y + field.height,
                    field.y + field.height + 8);
            assertThat(message.x + message.width).as("wrapped inside the side panel")
                    .isLessThanOrEqualTo(panel[0].getWidth());
            assertThat(message.width).as("the message's lines are not cut off")
                    .isGreaterThanOrEqualTo(onEdt(() -> tuning[0].problemLabelOf(tuning[0].blockSizeSpinner()).getPreferredSize().width));
            save(onEdt(() -> paint(panel[0])), "layout-1366x768-invalid-entry.png");
            SwingUtilities.invokeAndWait(() -> assertSideControlsVisible(panel[0], "after an invalid entry"));

            // an action that cannot run yet is disabled and says why; a failure stays on screen in full
            assertThat(onEdt(() -> panel[0].view3dButton().isEnabled())).isFalse();
            assertThat(onEdt(() -> panel[0].view3dButton().getToolTipText())).contains("snapshot first");
            String failure = "snapshot failed: /nowhere/snapshots: cannot create the folder (read-only file system); "
                    + "the pair was not saved";
            controller.say(failure, true);
            SwingUtilities.invokeAndWait(() -> {
                panel[0].refresh();
                panel[0].refresh();
                layoutAll(panel[0]);
            });
            assertThat(onEdt(() -> panel[0].notifications().notices())).extracting(Notice::text).containsExactly(failure);
            save(onEdt(() -> paint(panel[0])), "layout-1366x768-notice.png");

            // the smallest screen the layout is made for
            SwingUtilities.invokeAndWait(() -> {
                panel[0].setSize(1280, 720 - TITLE_BAR);
                layoutAll(panel[0]);
                assertSideControlsVisible(panel[0], "at 1280x720");
            });
            save(onEdt(() -> paint(panel[0])), "layout-1280x720-invalid-entry.png");
        }
    }

    static <T> T onEdt(java.util.function.Supplier<T> s) throws Exception {
        Object[] out = new Object[1];
        SwingUtilities.invokeAndWait(() -> out[0] = s.get());
        @SuppressWarnings("unchecked") T t = (T) out[0];
        return t;
    }
}
