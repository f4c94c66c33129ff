package io.github.stereostation.ui;

import io.github.stereostation.io.AtomicFiles;
import io.github.stereostation.pipeline.PipelineStats;

import javax.imageio.ImageIO;
import javax.swing.JFrame;
import javax.swing.SwingUtilities;
import javax.swing.WindowConstants;
import java.awt.AWTException;
import java.awt.Dimension;
import java.awt.GraphicsEnvironment;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The station's main window: a FlatLaf frame around {@link StationPanel}; closing it stops the loop. It opens
 * at the size it had when last closed (remembered in the window settings), never larger than the screen's
 * usable area, and never smaller than {@link #MINIMUM}.
 */
public final class StationWindow {
    /** The size the window opens at the first time, when the screen has room for it. */
    static final Dimension PREFERRED = new Dimension(1360, 860);
    /** The smallest size the layout is made for (a 1280x720 screen less its title bar and task bar). */
    static final Dimension MINIMUM = new Dimension(1000, 620);

    private StationWindow() {
    }

    /** Builds and shows the window on the event thread, starts the loop, and blocks until the window closes. */
    public static void showAndWait(StationController controller) throws InterruptedException {
        showAndWait(controller, null, 0);
    }

    /**
     * Where the window opens on a screen whose usable area (without task bars) is {@code usable}: the
     * remembered size (or {@link #PREFERRED}) cut down to the usable area, centred in it.
     */
    public static Rectangle initialBounds(Rectangle usable, int rememberedWidth, int rememberedHeight) {
        int w = rememberedWidth > 0 ? rememberedWidth : PREFERRED.width;
        int h = rememberedHeight > 0 ? rememberedHeight : PREFERRED.height;
        w = Math.min(Math.max(w, Math.min(MINIMUM.width, usable.width)), usable.width);
        h = Math.min(Math.max(h, Math.min(MINIMUM.height, usable.height)), usable.height);
        return new Rectangle(usable.x + (usable.width - w) / 2, usable.y + (usable.height - h) / 2, w, h);
    }

    /** Builds the station's frame (event thread), sized for the screen, not yet shown. */
    public static JFrame build(StationController controller, Rectangle usable) {
        JFrame frame = new JFrame("Stereo Station");
        StationPanel panel = new StationPanel(controller);
        frame.setContentPane(panel);
        frame.setDefaultCloseOperation(WindowConstants.DISPOSE_ON_CLOSE);
        frame.setMinimumSize(new Dimension(Math.min(MINIMUM.width, usable.width),
                Math.min(MINIMUM.height, usable.height)));
        UiSettings s = controller.settings();
        frame.setBounds(initialBounds(usable, s.windowWidth(), s.windowHeight()));
        return frame;
    }

    /**
     * As {@link #showAndWait(StationController)}. With {@code seconds > 0} the window closes by itself after that
     * long (with a screenshot file, it is first captured from the screen, so it is what a person sees, and
     * saved as PNG). Returns the loop's figures as they stood when the window closed (null if no loop ran).
     */
    public static PipelineStats showAndWait(StationController controller, Path screenshot, double seconds)
            throws InterruptedException {
        CountDownLatch closed = new CountDownLatch(1);
        JFrame[] window = new JFrame[1];
        PipelineStats[] last = new PipelineStats[1];
        SwingUtilities.invokeLater(() -> {
            StationController.applyTheme(controller.settings().dark());
            Rectangle usable = GraphicsEnvironment.getLocalGraphicsEnvironment().getMaximumWindowBounds();
            JFrame frame = build(controller, usable);
            StationPanel panel = (StationPanel) frame.getContentPane();
            frame.addWindowListener(new WindowAdapter() {
                @Override
                public void windowClosing(WindowEvent e) {
                    if ((frame.getExtendedState() & JFrame.MAXIMIZED_BOTH) == 0) {
                        controller.rememberWindowSize(frame.getWidth(), frame.getHeight());
                    }
                }

                @Override
                public void windowClosed(WindowEvent e) {
                    panel.stopRefreshing();
                    last[0] = controller.stats();
                    closed.countDown();
                }
            });
            frame.setVisible(true);
            window[0] = frame;
            panel.startRefreshing();
            controller.start();
        });
        if (seconds > 0) {
            if (!closed.await((long) (seconds * 1000), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                try {
                    if (screenshot != null) {
                        saveScreenshot(window[0], screenshot);
                    }
                } finally {
                    SwingUtilities.invokeLater(() -> window[0].dispose());
                }
            }
        }
        closed.await();
        controller.close();
        return last[0];
    }

    private static void saveScreenshot(JFrame frame, Path screenshot) {
        try {
            Rectangle[] bounds = new Rectangle[1];
            SwingUtilities.invokeAndWait(() -> bounds[0] = frame.getBounds());
            BufferedImage shot = new Robot().createScreenCapture(bounds[0]);
            Path dir = screenshot.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ImageIO.write(shot, "png", png);
            AtomicFiles.write(screenshot, png.toByteArray());
        } catch (AWTException | IOException | InvocationTargetException e) {
            throw new IllegalStateException("cannot save the screenshot " + screenshot + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
