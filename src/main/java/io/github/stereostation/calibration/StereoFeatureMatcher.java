package io.github.stereostation.calibration;

import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfFloat;
import org.opencv.core.MatOfPoint;
import org.opencv.core.MatOfPoint2f;
import org.opencv.core.Size;
import org.opencv.core.TermCriteria;
import org.opencv.imgproc.Imgproc;
import org.opencv.video.Video;

/**
 * Sparse matches between the two views of a roughly rectified pair: corners of the left view
 * ({@code goodFeaturesToTrack}) followed into the right view by pyramidal Lucas-Kanade, which finds each match
 * to a fraction of a pixel in both directions, so a row error of a tenth of a pixel shows. A match is kept
 * only when tracking it back from the right view lands within {@link #MAX_ROUND_TRIP_PX} of where it started,
 * its disparity is plausible (right point left of the left one, within a third of the width) and its row
 * differs by at most {@link #MAX_ROW_ERROR_PX}. Owns scratch Mats: AutoCloseable; one thread at a time.
 */
public final class StereoFeatureMatcher implements AutoCloseable {
    /** Tracks that do not come back to within this distance of their start are mismatches. */
    static final double MAX_ROUND_TRIP_PX = 0.25;
    /** A rig that moved more than this needs a new calibration, not a check. */
    static final double MAX_ROW_ERROR_PX = 24;

    private final int maxCorners;
    private final Mat greyLeft = new Mat();
    private final Mat greyRight = new Mat();
    private final Mat noMask = new Mat();
    private final MatOfPoint corners = new MatOfPoint();
    private final MatOfPoint2f start = new MatOfPoint2f();
    private final MatOfPoint2f tracked = new MatOfPoint2f();
    private final MatOfPoint2f back = new MatOfPoint2f();
    private final MatOfByte status = new MatOfByte();
    private final MatOfByte backStatus = new MatOfByte();
    private final MatOfFloat error = new MatOfFloat();
    private final Size window = new Size(21, 21);
    private final TermCriteria criteria = new TermCriteria(TermCriteria.COUNT + TermCriteria.EPS, 30, 0.003);

    /** @param maxCorners at most this many corners per pair (a few hundred is plenty) */
    public StereoFeatureMatcher(int maxCorners) {
        if (maxCorners < 8) {
            throw new IllegalArgumentException("need at least 8 corners, got " + maxCorners);
        }
        this.maxCorners = maxCorners;
    }

    public StereoFeatureMatcher() {
        this(400);
    }

    /** Matches of a pair (BGR or grey, same size), in the pair's own pixel coordinates. */
    public FeatureMatches match(Mat left, Mat right) {
        if (left.size().width != right.size().width || left.size().height != right.size().height) {
            throw new IllegalArgumentException("left and right images differ in size");
        }
        grey(left, greyLeft);
        grey(right, greyRight);
        int minDistance = Math.max(5, left.cols() / 64);
        Imgproc.goodFeaturesToTrack(greyLeft, corners, maxCorners, 0.01, minDistance, noMask, 7, false, 0.04);
        int n = (int) corners.total();
        if (n == 0) {
            return FeatureMatches.NONE;
        }
        corners.convertTo(start, CvType.CV_32FC2);
        Imgproc.cornerSubPix(greyLeft, start, new Size(4, 4), new Size(-1, -1),
                new TermCriteria(TermCriteria.COUNT + TermCriteria.EPS, 20, 0.01));
        start.copyTo(tracked);
        Video.calcOpticalFlowPyrLK(greyLeft, greyRight, start, tracked, status, error, window, 3, criteria,
                Video.OPTFLOW_USE_INITIAL_FLOW, 1e-4);
        tracked.copyTo(back);
        Video.calcOpticalFlowPyrLK(greyRight, greyLeft, tracked, back, backStatus, error, window, 3, criteria,
                Video.OPTFLOW_USE_INITIAL_FLOW, 1e-4);
        float[] s = new float[2 * n];
        float[] t = new float[2 * n];
        float[] b = new float[2 * n];
        byte[] ok = new byte[n];
        byte[] okBack = new byte[n];
        start.get(0, 0, s);
        tracked.get(0, 0, t);
        back.get(0, 0, b);
        status.get(0, 0, ok);
        backStatus.get(0, 0, okBack);
        float[] l = new float[2 * n];
        float[] r = new float[2 * n];
        int kept = 0;
        double maxDisparity = left.cols() / 3.0;
        for (int i = 0; i < n; i++) {
            double disparity = s[2 * i] - t[2 * i];
            double dy = s[2 * i + 1] - t[2 * i + 1];
            double roundTrip = Math.hypot(b[2 * i] - s[2 * i], b[2 * i + 1] - s[2 * i + 1]);
            if (ok[i] == 0 || okBack[i] == 0 || !(roundTrip <= MAX_ROUND_TRIP_PX) || disparity < -1
                    || disparity > maxDisparity || Math.abs(dy) > MAX_ROW_ERROR_PX
                    || t[2 * i] < 0 || t[2 * i + 1] < 0 || t[2 * i] > left.cols() - 1 || t[2 * i + 1] > left.rows() - 1) {
                continue;
            }
            l[2 * kept] = s[2 * i];
            l[2 * kept + 1] = s[2 * i + 1];
            r[2 * kept] = t[2 * i];
            r[2 * kept + 1] = t[2 * i + 1];
            kept++;
        }
        return new FeatureMatches(java.util.Arrays.copyOf(l, 2 * kept), java.util.Arrays.copyOf(r, 2 * kept));
    }

    private static void grey(Mat in, Mat out) {
        if (in.channels() == 3) {
            Imgproc.cvtColor(in, out, Imgproc.COLOR_BGR2GRAY);
        } else if (in.channels() == 4) {
            Imgproc.cvtColor(in, out, Imgproc.COLOR_BGRA2GRAY);
        } else {
            in.copyTo(out);
        }
    }

    @Override
    public void close() {
        MatValues.release(greyLeft, greyRight, noMask, corners, start, tracked, back, status, backStatus, error);
    }
}
