package io.github.stereostation.ui;

import io.github.stereostation.cloud.PointCloud;

import javax.swing.JFrame;
import javax.swing.SwingUtilities;
import javax.swing.WindowConstants;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.util.concurrent.CountDownLatch;

/** A window around {@link CloudViewerPanel}, used by {@code cloud --view} and the station's snapshots. */
public final class CloudViewerFrame extends JFrame {
    private final CloudViewerPanel panel;

    public CloudViewerFrame(String title, PointCloud cloud) {
        super(title);
        panel = new CloudViewerPanel(cloud);
        setContentPane(panel);
        setDefaultCloseOperation(WindowConstants.DISPOSE_ON_CLOSE);
        addWindowListener(new WindowAdapter() {
            @Override
            public void windowClosed(WindowEvent e) {
                panel.viewer().dispose();
            }
        });
        pack();
        setLocationByPlatform(true);
    }

    public PointCloudViewer viewer() {
        return panel.viewer();
    }

    /** Opens a window on the event thread and returns it. */
    public static CloudViewerFrame open(String title, PointCloud cloud) {
        return open(title, cloud, null);
    }

    private static CloudViewerFrame open(String title, PointCloud cloud, Runnable onClosed) {
        CloudViewerFrame[] made = new CloudViewerFrame[1];
        try {
            SwingUtilities.invokeAndWait(() -> {
                useStationLook();
                made[0] = new CloudViewerFrame(title, cloud);
                if (onClosed != null) {
                    made[0].addWindowListener(new WindowAdapter() {
                        @Override
                        public void windowClosed(WindowEvent e) {
                            onClosed.run();
                        }
                    });
                }
                made[0].setVisible(true);
                made[0].viewer().requestFocusInWindow();
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw new IllegalStateException("cannot open the viewer window", e.getCause());
        }
        return made[0];
    }

    /**
     * The station's FlatLaf look (light or dark as the station last used) when nothing has set FlatLaf yet, as
     * when a command opens the viewer on its own.
     */
    static void useStationLook() {
        if (javax.swing.UIManager.getLookAndFeel() instanceof com.formdev.flatlaf.FlatLaf) {
            return;
        }
        boolean dark;
        try {
            dark = UiSettings.load(UiSettings.DEFAULT_FILE).dark();
        } catch (RuntimeException e) {
            dark = false; // an unreadable settings file is the station's business; the viewer opens light
        }
        StationController.applyTheme(dark);
    }

    /** Opens a window and blocks until the user closes it (for the command line). */
    public static void showAndWait(String title, PointCloud cloud) throws InterruptedException {
        CountDownLatch closed = new CountDownLatch(1);
        open(title, cloud, closed::countDown);
        closed.await();
    }
}
