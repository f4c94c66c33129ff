package io.github.stereostation.sim;

import io.github.stereostation.geometry.Matrix3;

import java.util.Arrays;

/**
 * A rigid transform from a board (or object) frame to the LEFT camera frame, as OpenCV's solvePnP reports it:
 * X_camera = R·X_board + t, R as a rotation vector (radians), t in mm.
 */
public record Pose(double[] rotationRodrigues, double[] translationMm) {
    public Pose {
        if (rotationRodrigues.length != 3 || translationMm.length != 3) {
            throw new IllegalArgumentException("rotation and translation need 3 components each");
        }
        rotationRodrigues = rotationRodrigues.clone();
        translationMm = translationMm.clone();
    }

    /** A board facing the camera squarely with its origin at (x, y, z) mm. */
    public static Pose facing(double xMm, double yMm, double zMm) {
        return new Pose(new double[3], new double[] {xMm, yMm, zMm});
    }

    @Override
    public double[] rotationRodrigues() {
        return rotationRodrigues.clone();
    }

    @Override
    public double[] translationMm() {
        return translationMm.clone();
    }

    /** R as a row-major 3x3 array. */
    public double[] rotationMatrix() {
        return Matrix3.fromRodrigues(rotationRodrigues);
    }

    /** Maps a board-frame point (mm) to the left camera frame. */
    public double[] apply(double x, double y, double z) {
        double[] p = Matrix3.apply(rotationMatrix(), x, y, z);
        p[0] += translationMm[0];
        p[1] += translationMm[1];
        p[2] += translationMm[2];
        return p;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Pose p && Arrays.equals(rotationRodrigues, p.rotationRodrigues)
                && Arrays.equals(translationMm, p.translationMm);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(rotationRodrigues) + Arrays.hashCode(translationMm);
    }

    @Override
    public String toString() {
        return "Pose[r=" + Arrays.toString(rotationRodrigues) + ", t=" + Arrays.toString(translationMm) + "]";
    }
}
