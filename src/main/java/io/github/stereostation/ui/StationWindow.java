package io.github.stereostation.ui;

import javax.swing.JFrame;
import javax.swing.SwingUtilities;
import javax.swing.WindowConstants;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.util.concurrent.CountDownLatch;

/** The station's main window: a FlatLaf frame around {@link StationPanel}; closing it stops the loop. */
public final class StationWindow {
    private StationWindow() {
    }

    /** Builds and shows the window on the event thread, starts the loop, and blocks until the window closes. */
    public static void showAndWait(StationController controller) throws InterruptedException {
        CountDownLatch closed = new CountDownLatch(1);
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
            panel.startRefreshing();
            controller.start();
        });
        closed.await();
        controller.close();
    }
}
