package io.github.stereostation.pipeline;

import io.github.stereostation.UserInputException;
import io.github.stereostation.calibration.RectificationRefiner;
import io.github.stereostation.calibration.RefinedRectification;
import io.github.stereostation.calibration.StereoCalibration;
import io.github.stereostation.capture.SourceFailure;
import io.github.stereostation.capture.StereoFrame;
import io.github.stereostation.capture.StereoSource;

import java.io.IOException;
import java.util.function.IntConsumer;

/**
 * Board-free refinement of a calibration from a source (cameras or a recording): reads pairs for a few seconds,
 * collects feature matches on each pair rectified with the calibration, and fits the right camera's turn
 * ({@link RectificationRefiner}). The window's Refine… and the command both run it.
 */
public final class RigRefinement {
    private RigRefinement() {
    }

    /**
     * @param maxPairs   stop after this many pairs
     * @param maxSeconds or after this long (a camera that delivers slowly)
     * @param progress   told the number of matches after each pair (may be null)
     * @throws UserInputException when the frames do not fit the calibration or hold too few features
     */
    public static RefinedRectification fromSource(StereoSource source, StereoCalibration calibration, int maxPairs,
                                                  double maxSeconds, IntConsumer progress) throws IOException {
        if (maxPairs < 1 || !(maxSeconds > 0)) {
            throw new IllegalArgumentException("need at least one pair and a positive time");
        }
        long deadline = System.nanoTime() + (long) (maxSeconds * 1e9);
        try (RectificationRefiner refiner = new RectificationRefiner(calibration)) {
            int pairs = 0;
            while (pairs < maxPairs && System.nanoTime() < deadline) {
                StereoFrame f;
                try {
                    f = source.next();
                } catch (SourceFailure e) {
                    continue; // a camera hiccup: the resilient sources retry; the deadline bounds the wait
                }
                if (f == null) {
                    break;
                }
                try (f) {
                    calibration.requireImageSize(f.left().cols(), f.left().rows(), source.describe());
                    refiner.addRawPair(f.left(), f.right());
                }
                pairs++;
                if (progress != null) {
                    progress.accept(refiner.matchCount());
                }
            }
            if (pairs == 0) {
                throw new UserInputException(source.describe() + ": no pairs to refine from");
            }
            return refiner.refine();
        }
    }
}
