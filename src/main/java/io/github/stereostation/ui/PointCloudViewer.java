package io.github.stereostation.ui;

import io.github.stereostation.cloud.PointCloud;

import javax.swing.JComponent;
import javax.swing.SwingUtilities;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.Font;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.event.KeyAdapter;
import java.awt.event.KeyEvent;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.awt.event.MouseWheelEvent;
import java.awt.image.BufferedImage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An interactive 3D view of a point cloud. Mouse: left drag orbits, right or middle drag pans, the wheel
 * zooms. Keys: arrows orbit (with Shift they pan), +/- zoom, R resets the view, 1 colours by image, 2 by depth,
 * [ and ] change the point size. Frames are rendered by {@link CloudRenderer} on a background thread; the
 * event thread only paints the last finished frame, so a million-point cloud never stalls the UI. While the
 * mouse drags a cloud whose full frame takes over 30 ms, frames draw an even subset of the points and the full
 * frame follows 200 ms after the last move.
 */
public class PointCloudViewer extends JComponent {
    private static final double FOV_DEGREES = 50;
    static final double ORBIT_PER_PX = 0.008;
    private static final double ORBIT_PER_KEY = Math.toRadians(5);

    /** A preview drawing a subset of points is used while dragging when a full frame takes longer than this. */
    private static final double PREVIEW_ABOVE_MILLIS = 30;
    private static final long FULL_FRAME_AFTER_IDLE_MILLIS = 200;

    private final ScheduledExecutorService renderThread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "cloud-viewer-render");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean renderQueued = new AtomicBoolean();
    private volatile boolean previewWanted;
    private volatile double lastFullFrameMillis;
    private ScheduledFuture<?> pendingFullFrame;

    private volatile CloudRenderer renderer;
    private volatile OrbitCamera camera = new OrbitCamera(0, 0, 1, 1, 0, 0, FOV_DEGREES);
    private volatile CloudRenderer.ColourMode colourMode = CloudRenderer.ColourMode.IMAGE;
    private volatile int pointSizePx = 1;
    private volatile boolean autoPointSize = true;
    private volatile BufferedImage lastFrame;
    private volatile double lastFrameMillis = Double.NaN;

    public PointCloudViewer() {
        setPreferredSize(new Dimension(960, 720));
        setFocusable(true);
        setOpaque(true);
        Gestures g = new Gestures();
        addMouseListener(g);
        addMouseMotionListener(g);
        addMouseWheelListener(g);
        addKeyListener(new Keys());
    }

    public PointCloudViewer(PointCloud cloud) {
        this();
        setCloud(cloud);
    }

    /** Shows a new cloud and resets the view to it (the cloud is shared, not copied). */
    public void setCloud(PointCloud cloud) {
        renderer = new CloudRenderer(cloud);
        resetView();
    }

    /**
     * Shows the next cloud of a live stream, keeping the user's viewpoint (the first non-empty cloud sets the
     * home view).
     */
    public void followCloud(PointCloud cloud) {
        boolean first = renderer == null || camera == null || renderer.size() == 0;
        renderer = new CloudRenderer(cloud);
        if (first) {
            resetView();
        } else {
            requestRender();
        }
    }

    public void resetView() {
        CloudRenderer r = renderer;
        if (r != null) {
            camera = r.homeCamera(getWidth() > 0 && getHeight() > 0 ? getWidth() / (double) getHeight() : 4 / 3.0);
            autoPointSize = true;
        }
        requestRender();
    }

    public OrbitCamera camera() {
        return camera;
    }

    public void setCamera(OrbitCamera camera) {
        this.camera = camera;
        requestRender();
    }

    private void moveCamera(OrbitCamera camera) {
        this.camera = camera;
        requestInteractiveRender();
    }

    public CloudRenderer.ColourMode colourMode() {
        return colourMode;
    }

    public void setColourMode(CloudRenderer.ColourMode mode) {
        colourMode = mode;
        requestRender();
        firePropertyChange("colourMode", null, mode);
    }

    /** The point size in use: the one set, or with automatic sizing the size for the component's current height. */
    public int pointSizePx() {
        return pointSizeFor(getHeight() > 0 ? getHeight() : 720);
    }

    /** True until a point size is set: then points grow when zooming in so neighbours stay closed. */
    public boolean isAutoPointSize() {
        return autoPointSize;
    }

    private int pointSizeFor(int heightPx) {
        CloudRenderer r = renderer;
        return autoPointSize && r != null ? r.autoPointSize(camera, heightPx) : pointSizePx;
    }

    public void setPointSizePx(int size) {
        autoPointSize = false;
        pointSizePx = Math.max(1, Math.min(16, size));
        requestRender();
        firePropertyChange("pointSizePx", null, pointSizePx);
    }

    /** Milliseconds the last background frame took to render (NaN before the first). */
    public double lastFrameMillis() {
        return lastFrameMillis;
    }

    /** Renders the current view synchronously into a new image of the given size (for tests, snapshots, bench). */
    public BufferedImage renderOffscreen(int width, int height) {
        CloudRenderer r = renderer;
        if (r == null) {
            BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = img.createGraphics();
            g.setColor(new Color(CloudRenderer.BACKGROUND));
            g.fillRect(0, 0, width, height);
            g.dispose();
            return img;
        }
        return r.render(camera, colourMode, pointSizeFor(height), width, height);
    }

    /** Asks for a new frame; requests made while one is rendering collapse into one more frame. */
    public void requestRender() {
        previewWanted = false;
        queueRender();
    }

    /** A frame during a drag: on a cloud too big for smooth full frames, a subset now and the full frame once idle. */
    private void requestInteractiveRender() {
        previewWanted = true;
        queueRender();
    }

    private void queueRender() {
        if (renderer == null || !renderQueued.compareAndSet(false, true)) {
            return;
        }
        try {
            renderThread.execute(this::renderFrame);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            renderQueued.set(false); // disposed
        }
    }

    private void renderFrame() {
        renderQueued.set(false);
        CloudRenderer r = renderer;
        int w = getWidth(), h = getHeight();
        if (r == null || w <= 0 || h <= 0) {
            return;
        }
        int stride = previewWanted && lastFullFrameMillis > PREVIEW_ABOVE_MILLIS
                ? (int) Math.ceil(lastFullFrameMillis / (PREVIEW_ABOVE_MILLIS / 2)) : 1;
        long t0 = System.nanoTime();
        BufferedImage frame = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] raster = ((java.awt.image.DataBufferInt) frame.getRaster().getDataBuffer()).getData();
        r.render(camera, colourMode, pointSizeFor(h), stride, raster, new float[w * h], w, h);
        double ms = (System.nanoTime() - t0) / 1e6;
        lastFrameMillis = ms;
        if (stride == 1) {
            lastFullFrameMillis = ms;
        } else {
            if (pendingFullFrame != null) {
                pendingFullFrame.cancel(false);
            }
            pendingFullFrame = renderThread.schedule(() -> {
                previewWanted = false;
                queueRender();
            }, FULL_FRAME_AFTER_IDLE_MILLIS, TimeUnit.MILLISECONDS);
        }
        lastFrame = frame;
        SwingUtilities.invokeLater(this::repaint);
    }

    @Override
    public void setBounds(int x, int y, int width, int height) {
        boolean resized = width != getWidth() || height != getHeight();
        boolean first = getWidth() <= 0 || getHeight() <= 0;
        super.setBounds(x, y, width, height);
        if (first && resized && width > 0 && height > 0 && renderer != null) {
            resetView(); // fit the home view to the real aspect once the component has a size
            return;
        }
        if (resized) {
            requestRender();
        }
    }

    @Override
    protected void paintComponent(Graphics g0) {
        Graphics2D g = (Graphics2D) g0;
        BufferedImage frame = lastFrame;
        g.setColor(new Color(CloudRenderer.BACKGROUND));
        g.fillRect(0, 0, getWidth(), getHeight());
        if (frame != null) {
            // a stale frame from before a resize is stretched until the new one arrives
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
            g.drawImage(frame, 0, 0, getWidth(), getHeight(), null);
        }
        CloudRenderer r = renderer;
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(getFont() != null ? getFont().deriveFont(12f) : new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        // translucent strips keep the text readable over bright clouds
        g.setColor(new Color(0, 0, 0, 150));
        g.fillRect(0, 0, getWidth(), 22);
        g.fillRect(0, getHeight() - 22, getWidth(), 22);
        g.setColor(new Color(0xDDDDDD));
        String status = r == null ? "no cloud" : String.format("%,d points  |  %s colours  |  point %d px" + (autoPointSize ? " (auto)" : "") + "  |  %.1f ms",
                r.size(), colourMode == CloudRenderer.ColourMode.IMAGE ? "image" : "depth", pointSizePx(), lastFrameMillis);
        g.drawString(status, 8, 16);
        g.drawString("drag: orbit   right/middle drag: pan   wheel/+/-: zoom   R: reset   1/2: colours   [ ]: point size",
                8, getHeight() - 8);
    }

    /** Stops the render thread; the viewer shows its last frame afterwards. */
    public void dispose() {
        renderThread.shutdownNow();
    }

    private final class Gestures extends MouseAdapter {
        private int lastX, lastY;

        @Override
        public void mousePressed(MouseEvent e) {
            requestFocusInWindow();
            lastX = e.getX();
            lastY = e.getY();
        }

        @Override
        public void mouseDragged(MouseEvent e) {
            int dx = e.getX() - lastX, dy = e.getY() - lastY;
            lastX = e.getX();
            lastY = e.getY();
            if (SwingUtilities.isLeftMouseButton(e) && !e.isShiftDown()) {
                moveCamera(camera.orbit(-dx * ORBIT_PER_PX, -dy * ORBIT_PER_PX));
            } else {
                double h = Math.max(1, getHeight());
                moveCamera(camera.pan(dx / h, dy / h));
            }
        }

        @Override
        public void mouseWheelMoved(MouseWheelEvent e) {
            moveCamera(camera.zoom(Math.pow(1.1, e.getPreciseWheelRotation())));
        }
    }

    private final class Keys extends KeyAdapter {
        @Override
        public void keyPressed(KeyEvent e) {
            boolean pan = e.isShiftDown();
            switch (e.getKeyCode()) {
                case KeyEvent.VK_LEFT -> setCamera(pan ? camera.pan(-0.05, 0) : camera.orbit(ORBIT_PER_KEY, 0));
                case KeyEvent.VK_RIGHT -> setCamera(pan ? camera.pan(0.05, 0) : camera.orbit(-ORBIT_PER_KEY, 0));
                case KeyEvent.VK_UP -> setCamera(pan ? camera.pan(0, -0.05) : camera.orbit(0, ORBIT_PER_KEY));
                case KeyEvent.VK_DOWN -> setCamera(pan ? camera.pan(0, 0.05) : camera.orbit(0, -ORBIT_PER_KEY));
                case KeyEvent.VK_PLUS, KeyEvent.VK_EQUALS, KeyEvent.VK_ADD -> setCamera(camera.zoom(1 / 1.2));
                case KeyEvent.VK_MINUS, KeyEvent.VK_SUBTRACT -> setCamera(camera.zoom(1.2));
                case KeyEvent.VK_R -> resetView();
                case KeyEvent.VK_1 -> setColourMode(CloudRenderer.ColourMode.IMAGE);
                case KeyEvent.VK_2 -> setColourMode(CloudRenderer.ColourMode.DEPTH);
                case KeyEvent.VK_OPEN_BRACKET -> setPointSizePx(pointSizePx() - 1);
                case KeyEvent.VK_CLOSE_BRACKET -> setPointSizePx(pointSizePx() + 1);
                default -> {
                    return;
                }
            }
            e.consume();
        }
    }
}
