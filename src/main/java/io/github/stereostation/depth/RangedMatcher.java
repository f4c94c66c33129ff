package io.github.stereostation.depth;

/** A matcher that can say which disparity range it searched on its last call. */
public interface RangedMatcher extends DisparityMatcher {
    int numDisparities();
}
