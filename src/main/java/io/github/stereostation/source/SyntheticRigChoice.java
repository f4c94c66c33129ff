package io.github.stereostation.source;

import io.github.stereostation.sim.RenderOptions;
import io.github.stereostation.sim.StereoRig;
import io.github.stereostation.sim.SyntheticScene;
import io.github.stereostation.sim.SyntheticStereoSource;

/**
 * Which synthetic rig a spec opens when it asks for one ({@code synthetic}, or {@code auto} without cameras).
 *
 * @param rectified  the ideal rectified desk rig, whose distances and truth are known without a calibration;
 *                   false: the raw desk rig (lens distortion, small misalignment), as real webcams deliver images
 * @param loopFrames the animation's loop period in frames (even; rendered once, then replayed, see
 *                   {@link SyntheticStereoSource#looping}); 0 renders every frame afresh
 * @param paced      delivered at the camera frame rate like a camera; false: as fast as it is asked
 *                   ({@code synthetic:fast} is never paced)
 */
public record SyntheticRigChoice(boolean rectified, int loopFrames, boolean paced) {

    /** The raw desk, looping, paced like a camera: what commands that record, calibrate or snapshot expect. */
    public static final SyntheticRigChoice CAMERA_LIKE =
            new SyntheticRigChoice(false, SyntheticStereoSource.LIVE_LOOP_FRAMES, true);

    public SyntheticRigChoice {
        if (loopFrames < 0 || loopFrames % 2 != 0) {
            throw new IllegalArgumentException("synthetic loop period must be 0 or an even number of frames, got "
                    + loopFrames);
        }
    }

    /** The ideal rectified desk, unpaced (the live loop paces what it takes), looping with this period (0: none). */
    public static SyntheticRigChoice ideal(int loopFrames) {
        return new SyntheticRigChoice(true, loopFrames, false);
    }

    /** Builds the rig's source at this size; paced to {@code fps} when {@link #paced} and {@code pace} allow. */
    SyntheticStereoSource open(int width, int height, double fps, boolean pace) {
        StereoRig rig = rectified ? StereoRig.idealDesk(width, height) : StereoRig.desk(width, height);
        SyntheticStereoSource s = loopFrames == 0 ? new SyntheticStereoSource(rig)
                : SyntheticStereoSource.looping(rig, RenderOptions.LIVE, seconds -> SyntheticScene.deskAt(1, seconds),
                // the ideal rig is the station's: a quick draft pass first, so the window is live at once
                loopFrames, rectified ? SyntheticStereoSource.DRAFT : null);
        if (paced && pace) {
            s.setFramesPerSecond(fps);
        }
        return s;
    }
}
