package io.github.stereostation.cloud;

/** One clean-up step on a cloud (outlier removal, down-sampling). Returns a new cloud; the input is not changed. */
@FunctionalInterface
public interface PointCloudFilter {
    PointCloud apply(PointCloud cloud);

    /** This filter, then {@code next}. */
    default PointCloudFilter then(PointCloudFilter next) {
        return cloud -> next.apply(apply(cloud));
    }
}
