package io.github.stereostation.capture;

import java.io.IOException;

/**
 * The left view of a stereo source as one camera: a replay's left* images become the successive frames of a
 * single camera, which is how a two-shot session is simulated and tested. The right views are dropped.
 */
public final class LeftViewSource implements FrameSource {
    private final StereoSource stereo;
    private final CameraSettings fallback;
    private StereoFrame latched;

    public LeftViewSource(StereoSource stereo, CameraSettings fallback) {
        this.stereo = stereo;
        this.fallback = fallback;
    }

    @Override
    public boolean grab() throws IOException {
        drop();
        latched = stereo.next();
        return latched != null;
    }

    @Override
    public TimedFrame retrieve() {
        if (latched == null) {
            throw new IllegalStateException("retrieve() without a successful grab()");
        }
        StereoFrame f = latched;
        latched = null;
        f.right().release();
        return new TimedFrame(f.left(), f.leftNanos(), f.sequence());
    }

    private void drop() {
        if (latched != null) {
            latched.close();
            latched = null;
        }
    }

    @Override
    public boolean live() {
        return stereo.live();
    }

    @Override
    public CameraSettings settings() {
        return stereo.settings().orElse(fallback);
    }

    @Override
    public String describe() {
        return "left views of " + stereo.describe();
    }

    @Override
    public void close() {
        drop();
        stereo.close();
    }
}
