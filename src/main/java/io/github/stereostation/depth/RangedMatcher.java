package io.github.stereostation.depth;

/** A matcher that can say which disparity range it searched on its last call, and how it chose it. */
public interface RangedMatcher extends DisparityMatcher {
    int numDisparities();

    /** How the range of the last call was chosen ("given", or the estimate's own words). */
    String rangeChoice();
}
