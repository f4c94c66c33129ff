package io.github.stereostation.sim;

import java.util.List;

/**
 * One render of a scene kept so that later frames of an animation need shade only what moved: per view, the
 * linear colour of every pixel and the set of shapes its sample rays end on. A later frame of the same rig
 * whose surfaces are the same, in the same order, except for some that moved, takes a pixel's colour from
 * here when none of its rays ends on a moving shape, now or here. Exact: those rays end on the same points
 * of the same unchanged surfaces. Holds 2 x (12 + 8) bytes per pixel (6 MB at 640x480).
 */
final class StillReference {
    /** Shapes a reference can track (one bit each). */
    static final int MAX_SHAPES = 64;

    /**
     * What one view's render takes from, or records for, a reference.
     *
     * @param shapeStill per shape of the frame being rendered: unchanged since the reference
     * @param movingMask bits of the shapes that changed
     * @param refRgb     the reference's linear RGB, or null when recording one
     * @param refHits    per pixel, bits of the shapes the reference's rays ended on, or null when recording
     * @param outHits    receives the same bits for this render, or null
     */
    record ViewReuse(boolean[] shapeStill, long movingMask, float[] refRgb, long[] refHits, long[] outHits) {
    }

    private final StereoRig rig;
    private final int supersampling;
    private final SyntheticScene scene;
    private final float[] leftRgb;
    private final long[] leftHits;
    private final float[] rightRgb;
    private final long[] rightHits;

    StillReference(StereoRig rig, int supersampling, SyntheticScene scene, float[] leftRgb, long[] leftHits,
                   float[] rightRgb, long[] rightHits) {
        this.rig = rig;
        this.supersampling = supersampling;
        this.scene = scene;
        this.leftRgb = leftRgb;
        this.leftHits = leftHits;
        this.rightRgb = rightRgb;
        this.rightHits = rightHits;
    }

    /**
     * Which of the scene's surfaces are unchanged since the reference, or null when the reference cannot serve
     * (another rig, sampling, background or number of surfaces).
     */
    boolean[] stillShapes(StereoRig rig, int supersampling, SyntheticScene now) {
        List<Surface> then = scene.surfaces();
        List<Surface> surfaces = now.surfaces();
        if (!this.rig.equals(rig) || this.supersampling != supersampling || then.size() != surfaces.size()
                || !scene.background().equals(now.background())) {
            return null;
        }
        boolean[] still = new boolean[surfaces.size()];
        for (int k = 0; k < still.length; k++) {
            still[k] = surfaces.get(k).equals(then.get(k));
        }
        return still;
    }

    ViewReuse left(boolean[] still) {
        return new ViewReuse(still, moving(still), leftRgb, leftHits, null);
    }

    ViewReuse right(boolean[] still) {
        return new ViewReuse(still, moving(still), rightRgb, rightHits, null);
    }

    private static long moving(boolean[] still) {
        long m = 0;
        for (int k = 0; k < still.length; k++) {
            if (!still[k]) {
                m |= 1L << k;
            }
        }
        return m;
    }
}
