package io.github.stereostation.depth;

import org.opencv.calib3d.StereoSGBM;
import org.opencv.core.Mat;

/**
 * OpenCV's StereoSGBM on the colour images as given (colour carries matching information that grey throws
 * away); penalties follow block size and channel count. Owns native memory.
 */
public final class SemiGlobalMatcher extends OpenCvMatcher {
    private final StereoSGBM sgbm;
    private int channels = -1;

    public SemiGlobalMatcher(MatcherSettings settings) {
        super(settings);
        sgbm = StereoSGBM.create(0, 16, settings.blockSize());
        sgbm.setPreFilterCap(settings.preFilterCap());
        sgbm.setUniquenessRatio(settings.uniquenessRatio());
        sgbm.setSpeckleWindowSize(settings.speckleWindow());
        // OpenCV compares speckle steps in fixed point internally and multiplies this value by 16 itself
        sgbm.setSpeckleRange(settings.speckleRange());
        sgbm.setDisp12MaxDiff(settings.disp12MaxDiff());
        sgbm.setMode(settings.sgbmMode().opencvMode);
    }

    @Override
    protected void match(Mat left, Mat right, int numDisparities, Mat raw16) {
        int cn = left.channels();
        if (cn != channels) {
            sgbm.setP1(settings.p1(cn));
            sgbm.setP2(settings.p2(cn));
            channels = cn;
        }
        sgbm.setNumDisparities(numDisparities);
        sgbm.compute(left, right, raw16);
    }
}
