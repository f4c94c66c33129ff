package io.github.stereostation.capture;

import org.opencv.core.Mat;
import org.opencv.core.Rect;

import java.io.IOException;
import java.util.Optional;

/**
 * A stereo source from one stream whose frames hold both views side by side (a double-width stereo camera, or a
 * side-by-side video): each frame is split down the middle; both halves share one exposure and one timestamp.
 * Owns the underlying source.
 */
public final class SideBySideSource implements StereoSource {
    private final FrameSource source;
    private final String description;
    private long sequence;

    public SideBySideSource(FrameSource source, String description) {
        this.source = source;
        this.description = description;
    }

    @Override
    public StereoFrame next() throws IOException {
        try (TimedFrame f = source.read()) {
            if (f == null) {
                return null;
            }
            return split(f.image(), f.nanos(), sequence++);
        }
    }

    /** Splits a double-width image into copies of its halves. */
    public static StereoFrame split(Mat sideBySide, long nanos, long sequence) throws SourceFailure {
        int w = sideBySide.cols();
        if (w % 2 != 0 || w == 0) {
            throw new SourceFailure(SourceStatus.State.NO_FRAMES,
                    "side-by-side frame is " + w + " pixels wide: expected an even width holding two views");
        }
        int half = w / 2;
        Mat l = sideBySide.submat(new Rect(0, 0, half, sideBySide.rows()));
        Mat r = sideBySide.submat(new Rect(half, 0, half, sideBySide.rows()));
        try {
            return new StereoFrame(l.clone(), r.clone(), nanos, nanos, sequence);
        } finally {
            l.release();
            r.release();
        }
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public boolean live() {
        return source.live();
    }

    @Override
    public Optional<CameraSettings> settings() {
        CameraSettings s = source.settings();
        return Optional.of(s.withSize(s.width() / 2, s.height()));
    }

    @Override
    public void close() {
        source.close();
    }
}
