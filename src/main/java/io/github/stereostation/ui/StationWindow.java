package io.github.stereostation.ui;

import io.github.stereostation.io.AtomicFiles;

import javax.imageio.ImageIO;
import javax.swing.JFrame;
import javax.swing.SwingUtilities;
import javax.swing.WindowConstants;
import java.awt.AWTException;
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

/** The station's main window: a FlatLaf frame around {@link StationPanel}; closing it stops the loop. */
public final class StationWindow {
    private StationWindow() {
    }

    /** Builds and shows the window on the event thread, starts the loop, and blocks until the window closes. */
    public static void showAndWait(StationController controller) throws InterruptedException {
        showAndWait(controller, null, 0);
    }

    /**
     * As {@link #showAndWait(StationController)}; with a screenshot file, the window is captured from the screen
     * after {@code afterSeconds} (java.awt.Robot, so it is what a person sees), saved as PNG, and closed.
     */
    public static void showAndWait(StationController controller, Path screenshot, double afterSeconds)
            throws InterruptedException {
        CountDownLatch closed = new CountDownLatch(1);
        JFrame[] window = new JFrame[1];
        SwingUtilities.invokeLater(() -> {
            StationController.applyTheme(controller.settings().dark());
            JFrame frame = new JFrame("Stereo Station");
            StationPanel panel = new StationPanel(controller);
            frame.setContentPane(panel);
            frame.setDefaultCloseOperation(WindowConstants.DISPOSE_ON_CLOSE);
            frame.addWindowListener(new WindowAdapter() {
                @Override
                public void windowClosed(WindowEvent e) {
                    panel.stopRefreshing();
                    closed.countDown();
                }
            });
            frame.setSize(1360, 860);
            frame.setLocationByPlatform(true);
            frame.setVisible(true);
            window[0] = frame;
            panel.startRefreshing();
            controller.start();
        });
        if (screenshot != null) {
            Thread.sleep((long) (afterSeconds * 1000));
            try {
                Rectangle[] bounds = new Rectangle[1];
                SwingUtilities.invokeAndWait(() -> bounds[0] = window[0].getBounds());
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
            } finally {
                SwingUtilities.invokeLater(() -> window[0].dispose());
            }
        }
        closed.await();
        controller.close();
    }
}
