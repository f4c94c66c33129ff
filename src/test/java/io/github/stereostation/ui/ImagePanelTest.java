package io.github.stereostation.ui;

import org.junit.jupiter.api.Test;

import javax.swing.SwingUtilities;
import java.awt.Point;
import java.awt.Rectangle;
import java.awt.event.MouseEvent;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ImagePanelTest {
    @Test
    void hoverAndClickReportTheImagePixelUnderTheMouseWithTheAspectKept() throws Exception {
        List<Point> hovered = new ArrayList<>();
        List<Point> clicked = new ArrayList<>();
        SwingUtilities.invokeAndWait(() -> {
            ImagePanel p = new ImagePanel("Disparity");
            p.setImage(new BufferedImage(80, 60, BufferedImage.TYPE_3BYTE_BGR));
            p.setSize(400, 400);
            p.onPixel((pt, click) -> (click ? clicked : hovered).add(pt));
            Rectangle r = p.imageBounds();
            // a 4:3 image in a square: full width, letterboxed top and bottom
            assertThat(r.width).isEqualTo(400);
            assertThat(r.height).isEqualTo(300);
            int x = r.x + r.width * 3 / 4;
            int y = r.y + r.height / 2;
            for (MouseEvent e : new MouseEvent[]{
                    new MouseEvent(p, MouseEvent.MOUSE_MOVED, 0, 0, x, y, 0, false),
                    new MouseEvent(p, MouseEvent.MOUSE_CLICKED, 0, 0, r.x + 2, r.y + 2, 1, false),
                    new MouseEvent(p, MouseEvent.MOUSE_MOVED, 0, 0, 5, r.y - 5, 0, false)}) {
                p.dispatchEvent(e);
            }
        });
        assertThat(hovered).containsExactly(new Point(60, 30), null);
        assertThat(clicked).containsExactly(new Point(0, 0));
    }
}
