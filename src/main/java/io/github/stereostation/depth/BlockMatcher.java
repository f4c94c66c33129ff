package io.github.stereostation.depth;

import org.opencv.calib3d.StereoBM;
import org.opencv.core.Mat;

/** OpenCV's StereoBM (sum of absolute differences over a window, grey only). Owns native memory. */
public final class BlockMatcher extends OpenCvMatcher {
    private final StereoBM bm;
    private final Mat greyLeft = new Mat();
    private final Mat greyRight = new Mat();

    public BlockMatcher(MatcherSettings settings) {
        super(settings);
        bm = StereoBM.create(16, settings.blockSize());
        bm.setPreFilterCap(settings.preFilterCap());
        bm.setTextureThreshold(10);
        bm.setUniquenessRatio(settings.uniquenessRatio());
        bm.setSpeckleWindowSize(settings.speckleWindow());
        bm.setSpeckleRange(settings.speckleRange() * 16);
        bm.setDisp12MaxDiff(settings.disp12MaxDiff());
        bm.setMinDisparity(0);
    }

    @Override
    protected void match(Mat left, Mat right, int numDisparities, Mat raw16) {
        bm.setNumDisparities(numDisparities);
        bm.compute(toGrey(left, greyLeft), toGrey(right, greyRight), raw16);
    }

    private static Mat toGrey(Mat in, Mat scratch) {
        if (in.channels() == 1) {
            return in;
        }
        org.opencv.imgproc.Imgproc.cvtColor(in, scratch, in.channels() == 4
                ? org.opencv.imgproc.Imgproc.COLOR_BGRA2GRAY : org.opencv.imgproc.Imgproc.COLOR_BGR2GRAY);
        return scratch;
    }

    @Override
    public void close() {
        super.close();
        greyLeft.release();
        greyRight.release();
    }
}
