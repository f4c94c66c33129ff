package io.github.stereostation.ui;

import io.github.stereostation.cloud.PointCloud;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.event.KeyEvent;
import java.awt.event.MouseEvent;
import java.awt.event.MouseWheelEvent;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PointCloudViewerTest {
    static final Path SHOTS = Path.of("target", "screenshots");
    static final int N = 1000; // N x N = 1 000 000 points

    /**
     * One point per pixel of an N x N camera whose focal length equals the viewer's at N x N, so the viewer's
     * reset view must reproduce the texture: a checkered wall at 3 m and a red-shaded ball of radius 0.6 m
     * centred at 2 m in front of it.
     */
    static PointCloud wallAndBall(double focalPx, int[] textureOut) {
        float[] p = new float[3 * N * N];
        byte[] c = new byte[3 * N * N];
        double cx = N / 2.0 - 0.5, cy = N / 2.0 - 0.5; // pixel centres land mid-pixel in the renderer
        double bz = 2.0, br = 0.6;
        for (int y = 0; y < N; y++) {
            for (int x = 0; x < N; x++) {
                int i = y * N + x;
                double rx = (x - cx) / focalPx, ry = (y - cy) / focalPx; // ray (rx, ry, 1)
                // ray-sphere: |t r - (0,0,bz)|^2 = br^2
                double a = rx * rx + ry * ry + 1, b = -2 * bz, cc = bz * bz - br * br;
                double disc = b * b - 4 * a * cc;
                double z;
                int rgb;
                if (disc >= 0) {
                    double t = (-b - Math.sqrt(disc)) / (2 * a);
                    z = t;
                    int shade = 120 + (int) (135 * (bz - z) / br);
                    rgb = shade << 16 | 30 << 8 | 30;
                } else {
                    z = 3.0;
                    boolean dark = ((x / 50) + (y / 50)) % 2 == 0;
                    rgb = dark ? 0x404060 : 0xE0E0E0;
                }
                p[3 * i] = (float) (rx * z);
                p[3 * i + 1] = (float) (ry * z);
                p[3 * i + 2] = (float) z;
                c[3 * i] = (byte) (rgb >> 16);
                c[3 * i + 1] = (byte) (rgb >> 8);
                c[3 * i + 2] = (byte) rgb;
                textureOut[i] = rgb;
            }
        }
        return new PointCloud(p, c);
    }

    static void save(BufferedImage img, String name) throws IOException {
        Files.createDirectories(SHOTS);
        ImageIO.write(img, "png", SHOTS.resolve(name).toFile());
    }

    @Test
    void rendersAMillionPointsAndTheCaptureViewpointReproducesTheCapturedImage() throws IOException {
        PointCloudViewer viewer = new PointCloudViewer();
        double f = new OrbitCamera(0, 0, 1, 1, 0, 0, 50).focalPx(N);
        int[] texture = new int[N * N];
        PointCloud cloud = wallAndBall(f, texture);
        assertThat(cloud.size()).isEqualTo(1_000_000);
        viewer.setCloud(cloud);
        // the home view looks from the capture camera with a field of view fitted to the cloud (the wall spans the
        // whole capture image, so about the capture camera's own 50 degrees, plus a 5 % margin)
        OrbitCamera home = viewer.camera();
        assertThat(home.eye()).containsExactly(new double[]{0, 0, 0}, within(1e-6));
        assertThat(home.fovYDegrees()).isBetween(50.0, 54.0);
        assertThat(viewer.isAutoPointSize()).isTrue();
        viewer.setCamera(new OrbitCamera(0, 0, home.targetZ(), home.targetZ(), 0, 0, 50)); // exactly the capture camera
        BufferedImage front = viewer.renderOffscreen(N, N);
        save(front, "viewer-1M-points-front.png");
        int same = 0;
        for (int y = 0; y < N; y++) {
            for (int x = 0; x < N; x++) {
                if ((front.getRGB(x, y) & 0xFFFFFF) == texture[y * N + x]) {
                    same++;
                }
            }
        }
        System.out.printf("viewer: capture viewpoint matches the captured image at %.4f %% of pixels%n", 100.0 * same / (N * N));
        assertThat(same).isGreaterThan((int) (0.999 * N * N));

        // orbit 35 degrees and colour by depth: the ball (near, TURBO's red end as in the station's disparity view)
        // hides part of the wall (far, blue end)
        viewer.setCamera(viewer.camera().orbit(Math.toRadians(35), Math.toRadians(-10)));
        viewer.setColourMode(CloudRenderer.ColourMode.DEPTH);
        viewer.setPointSizePx(2);
        BufferedImage side = viewer.renderOffscreen(800, 600);
        save(side, "viewer-1M-points-orbit-depth.png");
        int nearColour = DepthColours.rgb(0f), covered = 0, reddish = 0;
        for (int y = 0; y < 600; y++) {
            for (int x = 0; x < 800; x++) {
                int v = side.getRGB(x, y) & 0xFFFFFF;
                if (v != CloudRenderer.BACKGROUND) {
                    covered++;
                }
                if (((v >> 16) & 0xFF) > (v & 0xFF) + 60) {
                    reddish++;
                }
            }
        }
        assertThat((nearColour >> 16) & 0xFF).isGreaterThan(nearColour & 0xFF);
        assertThat(DepthColours.rgb(0f)).as("near = the top of the station's palette")
                .isEqualTo(DepthColours.turbo(255));
        assertThat(covered).isGreaterThan(800 * 600 / 3);
        assertThat(reddish).isGreaterThan(2000); // the near ball shows in the near colours
    }

    /**
     * A snapshot-like cloud: a 0.7 to 2.5 m desk scene seen by a 640x480 camera, plus 1 % of points at 12 to 20 m
     * in the left band (where a filled-in disparity of a pixel or two lands). The pivot must stay in the scene,
     * and orbiting by 40 or 200 px of drag must keep the scene in view.
     */
    @Test
    void theOrbitPivotIsTheCloudsRobustCentreDespiteFarOutliers() throws IOException {
        java.util.Random rnd = new java.util.Random(7);
        int n = 100_000;
        float[] p = new float[3 * n];
        double f = 560;
        float[] z = new float[n];
        for (int i = 0; i < n; i++) {
            boolean outlier = i % 100 == 0;
            double x = outlier ? rnd.nextInt(40) : 40 + rnd.nextInt(600);
            double y = rnd.nextInt(480);
            double depth = outlier ? 12 + 8 * rnd.nextDouble() : 0.7 + 1.8 * (y / 480.0) * (0.5 + 0.5 * rnd.nextDouble());
            p[3 * i] = (float) ((x - 320) / f * depth);
            p[3 * i + 1] = (float) ((y - 240) / f * depth);
            p[3 * i + 2] = (float) depth;
            z[i] = (float) depth;
        }
        java.util.Arrays.sort(z);
        double z5 = z[(int) (0.05 * (n - 1))], z95 = z[(int) (0.95 * (n - 1))];
        PointCloudViewer viewer = new PointCloudViewer(new PointCloud(p, null));
        viewer.setSize(640, 480);
        viewer.resetView();
        OrbitCamera home = viewer.camera();
        System.out.printf("viewer pivot at z = %.3f m; the cloud's 5-95 %% depth range is %.3f to %.3f m%n",
                home.targetZ(), z5, z95);
        assertThat(home.targetZ()).as("pivot depth").isBetween(z5, z95);
        save(viewer.renderOffscreen(640, 480), "viewer-outliers-home.png");
        int homeCovered = covered(viewer.renderOffscreen(640, 480));
        for (int dragPx : new int[]{40, 200}) {
            viewer.setCamera(home.orbit(-dragPx * PointCloudViewer.ORBIT_PER_PX, 0));
            BufferedImage turned = viewer.renderOffscreen(640, 480);
            save(turned, "viewer-outliers-drag-" + dragPx + "px.png");
            int c = covered(turned);
            System.out.printf("after a %d px drag %d pixels show points (%d at home)%n", dragPx, c, homeCovered);
            assertThat(c).as("points in view after a " + dragPx + " px drag").isGreaterThan(homeCovered / 10);
        }
        viewer.dispose();
    }

    static int covered(BufferedImage img) {
        int c = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if ((img.getRGB(x, y) & 0xFFFFFF) != CloudRenderer.BACKGROUND) {
                    c++;
                }
            }
        }
        return c;
    }

    @Test
    void theZBufferKeepsTheNearestPointWhicheverOrderTheyCome() {
        // two points on the optical axis: red at 1 m, green at 2 m, in both orders
        for (boolean redFirst : new boolean[]{true, false}) {
            float[] p = redFirst ? new float[]{0, 0, 1, 0, 0, 2} : new float[]{0, 0, 2, 0, 0, 1};
            byte[] c = redFirst ? new byte[]{(byte) 255, 0, 0, 0, (byte) 255, 0} : new byte[]{0, (byte) 255, 0, (byte) 255, 0, 0};
            CloudRenderer r = new CloudRenderer(new PointCloud(p, c));
            OrbitCamera front = new OrbitCamera(0, 0, 1.5, 1.5, 0, 0, 50); // eye at the origin
            assertThat(r.render(front, CloudRenderer.ColourMode.IMAGE, 1, 11, 11).getRGB(5, 5) & 0xFFFFFF).isEqualTo(0xFF0000);
            // from behind (yaw 180 degrees about the midpoint), green is nearer
            OrbitCamera back = front.orbit(Math.PI, 0);
            assertThat(r.render(back, CloudRenderer.ColourMode.IMAGE, 1, 11, 11).getRGB(5, 5) & 0xFFFFFF).isEqualTo(0x00FF00);
        }
    }

    @Test
    void pointSizeDrawsSquaresAndPointsBehindTheEyeAreSkipped() {
        CloudRenderer r = new CloudRenderer(new PointCloud(new float[]{0, 0, 1, 0, 0, -1}, null));
        OrbitCamera eyeAtOrigin = new OrbitCamera(0, 0, 1, 1, 0, 0, 50);
        for (int size : new int[]{1, 3, 4}) {
            BufferedImage img = r.render(eyeAtOrigin, CloudRenderer.ColourMode.DEPTH, size, 21, 21);
            int lit = 0;
            for (int y = 0; y < 21; y++) {
                for (int x = 0; x < 21; x++) {
                    lit += (img.getRGB(x, y) & 0xFFFFFF) != CloudRenderer.BACKGROUND ? 1 : 0;
                }
            }
            assertThat(lit).isEqualTo(size * size);
        }
    }

    @Test
    void aPreviewStrideDrawsAnEvenSubset() {
        float[] p = new float[3 * 9];
        for (int i = 0; i < 9; i++) {
            p[3 * i] = (i - 4) * 0.1f; // a row of points 1 m ahead, 0.1 m apart
            p[3 * i + 2] = 1f;
        }
        CloudRenderer r = new CloudRenderer(new PointCloud(p, null));
        OrbitCamera cam = new OrbitCamera(0, 0, 1, 1, 0, 0, 50);
        for (int stride : new int[]{1, 3}) {
            int[] raster = new int[101 * 101];
            r.render(cam, CloudRenderer.ColourMode.DEPTH, 1, stride, raster, new float[raster.length], 101, 101);
            int lit = 0;
            for (int v : raster) {
                lit += v != CloudRenderer.BACKGROUND ? 1 : 0;
            }
            assertThat(lit).isEqualTo(9 / stride);
        }
    }

    @Test
    void mouseAndKeysOrbitPanZoomResetAndSwitchModes() {
        PointCloudViewer v = new PointCloudViewer(new PointCloud(new float[]{-1, -1, 2, 1, 1, 4}, null));
        v.setSize(400, 300);
        OrbitCamera start = v.camera();
        assertThat(start.targetZ()).isEqualTo(3.0);
        assertThat(start.eye()).containsExactly(new double[]{0, 0, 0}, within(1e-9)); // the capture camera's position

        var mouse = v.getMouseListeners()[0];
        var motion = v.getMouseMotionListeners()[0];
        mouse.mousePressed(new MouseEvent(v, MouseEvent.MOUSE_PRESSED, 0, MouseEvent.BUTTON1_DOWN_MASK, 100, 100, 1, false, MouseEvent.BUTTON1));
        motion.mouseDragged(new MouseEvent(v, MouseEvent.MOUSE_DRAGGED, 0, MouseEvent.BUTTON1_DOWN_MASK, 150, 90, 1, false, MouseEvent.BUTTON1));
        assertThat(v.camera().yaw() - start.yaw()).isCloseTo(-50 * 0.008, within(1e-12));
        assertThat(v.camera().pitch() - start.pitch()).isCloseTo(10 * 0.008, within(1e-12));

        mouse.mousePressed(new MouseEvent(v, MouseEvent.MOUSE_PRESSED, 0, MouseEvent.BUTTON3_DOWN_MASK, 100, 100, 1, false, MouseEvent.BUTTON3));
        OrbitCamera beforePan = v.camera();
        motion.mouseDragged(new MouseEvent(v, MouseEvent.MOUSE_DRAGGED, 0, MouseEvent.BUTTON3_DOWN_MASK, 130, 100, 1, false, MouseEvent.BUTTON3));
        // panning right moves the target left along the camera's right axis, keeping the orientation
        double[] r = beforePan.rotation();
        double moved = (v.camera().targetX() - beforePan.targetX()) * r[0] + (v.camera().targetY() - beforePan.targetY()) * r[1]
                + (v.camera().targetZ() - beforePan.targetZ()) * r[2];
        assertThat(moved).isNegative();
        assertThat(v.camera().yaw()).isEqualTo(beforePan.yaw());

        double d = v.camera().distance();
        v.getMouseWheelListeners()[0].mouseWheelMoved(new MouseWheelEvent(v, MouseEvent.MOUSE_WHEEL, 0, 0, 10, 10, 0, false,
                MouseWheelEvent.WHEEL_UNIT_SCROLL, 1, -2));
        assertThat(v.camera().distance()).isCloseTo(d / 1.21, within(1e-9));

        var keys = v.getKeyListeners()[0];
        keys.keyPressed(new KeyEvent(v, KeyEvent.KEY_PRESSED, 0, 0, KeyEvent.VK_2, '2'));
        assertThat(v.colourMode()).isEqualTo(CloudRenderer.ColourMode.DEPTH);
        int auto = v.pointSizePx();
        keys.keyPressed(new KeyEvent(v, KeyEvent.KEY_PRESSED, 0, 0, KeyEvent.VK_CLOSE_BRACKET, ']'));
        keys.keyPressed(new KeyEvent(v, KeyEvent.KEY_PRESSED, 0, 0, KeyEvent.VK_CLOSE_BRACKET, ']'));
        keys.keyPressed(new KeyEvent(v, KeyEvent.KEY_PRESSED, 0, 0, KeyEvent.VK_OPEN_BRACKET, '['));
        assertThat(v.pointSizePx()).isEqualTo(auto + 1);
        assertThat(v.isAutoPointSize()).isFalse();
        keys.keyPressed(new KeyEvent(v, KeyEvent.KEY_PRESSED, 0, 0, KeyEvent.VK_LEFT, KeyEvent.CHAR_UNDEFINED));
        keys.keyPressed(new KeyEvent(v, KeyEvent.KEY_PRESSED, 0, 0, KeyEvent.VK_MINUS, '-'));
        assertThat(v.camera()).isNotEqualTo(start);
        keys.keyPressed(new KeyEvent(v, KeyEvent.KEY_PRESSED, 0, 0, KeyEvent.VK_R, 'r'));
        assertThat(v.camera().eye()).containsExactly(new double[]{0, 0, 0}, within(1e-9));
        assertThat(v.camera().targetZ()).isEqualTo(3.0);
        assertThat(v.isAutoPointSize()).isTrue();
        keys.keyPressed(new KeyEvent(v, KeyEvent.KEY_PRESSED, 0, 0, KeyEvent.VK_1, '1'));
        assertThat(v.colourMode()).isEqualTo(CloudRenderer.ColourMode.IMAGE);
        v.dispose();
    }

    static void layout(java.awt.Container c) {
        c.doLayout();
        for (java.awt.Component child : c.getComponents()) {
            if (child instanceof java.awt.Container cc) {
                layout(cc);
            }
        }
    }

    @Test
    void theBackgroundThreadDeliversFramesAndThePanelPaintsThem() throws Exception {
        int[] texture = new int[N * N];
        CloudViewerPanel panel = new CloudViewerPanel(wallAndBall(new OrbitCamera(0, 0, 1, 1, 0, 0, 50).focalPx(N), texture));
        panel.setSize(900, 700);
        layout(panel);
        PointCloudViewer v = panel.viewer();
        v.requestRender();
        long deadline = System.nanoTime() + 60_000_000_000L; // generous: a shared 2-core machine
        while (Double.isNaN(v.lastFrameMillis()) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(v.lastFrameMillis()).isNotNaN();
        BufferedImage shot = new BufferedImage(900, 700, BufferedImage.TYPE_INT_RGB);
        var g = shot.createGraphics();
        panel.paint(g);
        g.dispose();
        save(shot, "cloud-viewer-panel.png");
        // the viewer area shows the frame: checkered wall around the red ball, background at the sides
        int wall = 0, ball = 0;
        for (int y = v.getY(); y < v.getY() + v.getHeight(); y++) {
            for (int x = 0; x < 900; x++) {
                int rgb = shot.getRGB(x, y) & 0xFFFFFF;
                wall += rgb == 0xE0E0E0 || rgb == 0x404060 ? 1 : 0;
                ball += ((rgb >> 16) & 0xFF) > 100 && ((rgb >> 8) & 0xFF) < 60 ? 1 : 0;
            }
        }
        assertThat(v.getHeight()).isBetween(600, 690); // the tool bar takes the rest
        assertThat(wall).isGreaterThan(100_000);
        assertThat(ball).isGreaterThan(100_000);
        v.dispose();
    }
}
