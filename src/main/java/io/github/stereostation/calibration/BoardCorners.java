package io.github.stereostation.calibration;

import org.opencv.core.CvType;
import org.opencv.core.Mat;

import java.util.Arrays;

/**
 * The board corners found in one image: corner ids (row by row over the inner corners, see
 * {@link BoardSpec#cornerMm}) and their pixel positions {@code x0,y0,x1,y1,...}. Plain Java arrays, so a view
 * can be kept, listed and dropped by a UI without owning native memory.
 */
public record BoardCorners(int[] ids, float[] xy, int imageWidth, int imageHeight) {

    public BoardCorners {
        if (ids.length * 2 != xy.length) {
            throw new IllegalArgumentException("ids and points differ in count");
        }
        ids = ids.clone();
        xy = xy.clone();
    }

    /**
     * A whole chessboard as OpenCV's detectors list it ({@code n} corners, row by row), numbered so that corner 0
     * is on the image's left: a board seen the other way round is the same board numbered backwards.
     */
    static BoardCorners ofChessboard(Mat corners, int n, int imageWidth, int imageHeight) {
        float[] xy = new float[2 * n];
        corners.get(0, 0, xy);
        if (xy[2 * (n - 1)] < xy[0]) {
            float[] rev = new float[2 * n];
            for (int i = 0; i < n; i++) {
                rev[2 * i] = xy[2 * (n - 1 - i)];
                rev[2 * i + 1] = xy[2 * (n - 1 - i) + 1];
            }
            xy = rev;
        }
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = i;
        }
        return new BoardCorners(ids, xy, imageWidth, imageHeight);
    }

    public int count() {
        return ids.length;
    }

    public float x(int i) {
        return xy[2 * i];
    }

    public float y(int i) {
        return xy[2 * i + 1];
    }

    /** Index of corner {@code id} in this detection, or -1. */
    public int indexOf(int id) {
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] == id) {
                return i;
            }
        }
        return -1;
    }

    /** The corners whose ids are in {@code keep}, in the order of {@code keep}. */
    public BoardCorners select(int[] keep) {
        float[] out = new float[keep.length * 2];
        for (int k = 0; k < keep.length; k++) {
            int i = indexOf(keep[k]);
            if (i < 0) {
                throw new IllegalArgumentException("corner " + keep[k] + " not detected");
            }
            out[2 * k] = xy[2 * i];
            out[2 * k + 1] = xy[2 * i + 1];
        }
        return new BoardCorners(keep, out, imageWidth, imageHeight);
    }

    /** Image points as a CV_32FC2 column; the caller releases it. */
    public Mat imagePoints() {
        Mat m = new Mat(ids.length, 1, CvType.CV_32FC2);
        m.put(0, 0, xy);
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BoardCorners b && Arrays.equals(ids, b.ids) && Arrays.equals(xy, b.xy)
                && imageWidth == b.imageWidth && imageHeight == b.imageHeight;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ids) * 31 + Arrays.hashCode(xy);
    }

    @Override
    public String toString() {
        return "BoardCorners[" + ids.length + " corners in " + imageWidth + "x" + imageHeight + "]";
    }
}
