package io.github.stereostation.calibration;

/**
 * One calibration view from a stereo rig: the board as seen by the left and the right camera at the same
 * moment. {@code name} says where it came from (file names, a capture index) so reports can point at it.
 */
public record ViewPair(String name, BoardCorners left, BoardCorners right) {

    /** The same view keeping only the corners both cameras saw (ChArUco boards may be partly visible). */
    public ViewPair commonCorners() {
        if (java.util.Arrays.equals(left.ids(), right.ids())) {
            return this;
        }
        int[] common = java.util.Arrays.stream(left.ids()).filter(id -> right.indexOf(id) >= 0).toArray();
        return new ViewPair(name, left.select(common), right.select(common));
    }
}
