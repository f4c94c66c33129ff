package io.github.stereostation.source;

import io.github.stereostation.capture.CameraSettings;
import io.github.stereostation.capture.StereoSource;
import io.github.stereostation.sim.SyntheticStereoSource;

/**
 * What a source spec opened, decided once by {@link StereoSources}: callers use these answers instead of asking
 * the source what it is.
 *
 * @param source      the source; the caller owns it and closes it
 * @param description what it is in words ("cameras 0+1", "synthetic rig 640x480 (rectified) ...")
 * @param requested   the camera settings it was opened with (cameras apply what they can, and a file keeps its
 *                    own size and format: {@code source.settings()} says what they got)
 * @param synthetic   the synthetic rig behind {@code source} (the same object), whose ground truth is known;
 *                    null for cameras, videos and replays
 * @param note        why this is not what was asked for ({@code auto} found no two working cameras), or null
 */
public record OpenedSource(StereoSource source, String description, CameraSettings requested,
                           SyntheticStereoSource synthetic, String note) {

    /** Whether distances and truth are known without a calibration (the ideal rectified synthetic rig). */
    public boolean idealRig() {
        return synthetic != null && synthetic.rig().isRectifiedIdeal();
    }
}
