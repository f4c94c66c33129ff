package io.github.stereostation.sim;

import org.opencv.core.Mat;

/**
 * A rendered stereo pair with its exact ground truth. Owns native memory: {@link #close()} releases every Mat.
 *
 * <p>Ground truth is sampled at each pixel's CENTRE (one ray), while the images average n x n rays per pixel.
 * So at a depth edge a pixel's colour mixes both sides while its ground truth belongs to whichever surface
 * the centre ray hits; that is the usual convention of stereo benchmarks, and it means ground truth and
 * image agree exactly away from edges and to within half a pixel at them.
 *
 * @param left            left camera image, CV_8UC3 BGR
 * @param right           right camera image, CV_8UC3 BGR
 * @param disparityLeft   CV_32F, pixels: for a rectified ideal rig ({@link StereoRig#isRectifiedIdeal()}),
 *                        d = fx·B/Z so that left (x, y) matches right (x - d, y); NaN where the centre ray hits
 *                        nothing. For any other rig (raw, distorted, rotated cameras) disparity is not defined:
 *                        all NaN.
 * @param depthLeftMetres CV_32F, metres: Z (along the left optical axis) of the surface seen by each LEFT pixel
 *                        centre, for any rig (raw pixels when the rig is distorted); NaN where nothing is hit
 * @param nonOccluded     CV_8U: 255 where the left pixel's 3D point is also visible in the right image (inside
 *                        it and not hidden by a nearer surface), 0 where it is occluded, out of the right view,
 *                        or nothing was hit
 * @param disparityRight  CV_32F, pixels: right-view ground truth for a rectified ideal rig (right (x, y) matches
 *                        left (x + d, y)); all NaN for other rigs
 * @param rig             the rig that rendered the pair
 */
public record RenderedPair(Mat left, Mat right, Mat disparityLeft, Mat depthLeftMetres, Mat nonOccluded,
                           Mat disparityRight, StereoRig rig) implements AutoCloseable {
    @Override
    public void close() {
        left.release();
        right.release();
        disparityLeft.release();
        depthLeftMetres.release();
        nonOccluded.release();
        disparityRight.release();
    }
}
