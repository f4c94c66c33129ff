package io.github.stereostation.capture;

import java.io.IOException;
import java.util.Optional;

/**
 * A stereo source made of two single-camera sources. Each round latches both cameras with {@code grab()} back to
 * back and decodes afterwards (the accepted way to get near-simultaneous exposures from two USB cameras without
 * hardware sync), then lets a {@link StereoPairer} match the frames by timestamp, so a frame one camera missed
 * does not shift every later pair. Ends when either side ends. Owns both sources.
 */
public final class TwoCameraSource implements StereoSource {
    private final FrameSource left;
    private final FrameSource right;
    private final StereoPairer pairer;
    private final String description;
    private boolean ended;

    public TwoCameraSource(FrameSource left, FrameSource right, double maxSkewMillis, String description) {
        this.left = left;
        this.right = right;
        this.pairer = new StereoPairer(maxSkewMillis);
        this.description = description;
    }

    /** The pairer, to read its counters or attach a listener. */
    public StereoPairer pairer() {
        return pairer;
    }

    public PairingStats stats() {
        return pairer.stats();
    }

    @Override
    public Optional<PairingStats> pairing() {
        return Optional.of(pairer.stats());
    }

    @Override
    public StereoFrame next() throws IOException {
        while (true) {
            StereoFrame f = pairer.poll();
            if (f != null || ended) {
                return f;
            }
            boolean gotLeft = left.grab();
            boolean gotRight = right.grab();
            if (gotLeft) {
                pairer.offerLeft(left.retrieve());
            }
            if (gotRight) {
                pairer.offerRight(right.retrieve());
            }
            if (!gotLeft || !gotRight) {
                ended = true;
                pairer.finish();
            }
        }
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public boolean live() {
        return left.live() || right.live();
    }

    @Override
    public Optional<CameraSettings> settings() {
        return Optional.of(left.settings());
    }

    @Override
    public void close() {
        pairer.close();
        try {
            left.close();
        } finally {
            right.close();
        }
    }
}
