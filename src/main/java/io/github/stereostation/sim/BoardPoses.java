package io.github.stereostation.sim;

import io.github.stereostation.geometry.Matrix3;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Board poses for synthetic calibration sessions. */
public final class BoardPoses {
    private BoardPoses() {
    }

    /**
     * n varied, reproducible poses: the board tilted up to ±30° about its horizontal and vertical axes and
     * rolled up to ±15°, filling 30 to 70 % of the image width, its centre anywhere in the middle 70 % of the
     * left image's width and height (so views reach the image borders, as calibration wants), and the whole printed sheet (quiet zone included) at least 8 px inside BOTH images.
     */
    public static List<Pose> varied(StereoRig rig, BoardTarget board, int n, long seed) {
        Random rng = new Random(seed);
        double[] ext = board.extentMm();
        double sheetW = ext[2] - ext[0], sheetH = ext[3] - ext[1];
        double cx = (ext[0] + ext[2]) / 2, cy = (ext[1] + ext[3]) / 2;
        List<Pose> poses = new ArrayList<>(n);
        int attempts = 0;
        while (poses.size() < n) {
            if (++attempts > 5000 * Math.max(1, n)) {
                throw new IllegalStateException("cannot fit the board " + board + " into both views of " + rig);
            }
            double ax = Math.toRadians(rng.nextDouble() * 60 - 30);
            double ay = Math.toRadians(rng.nextDouble() * 60 - 30);
            double roll = Math.toRadians(rng.nextDouble() * 30 - 15);
            double[] rot = Matrix3.multiply(Matrix3.fromRodrigues(new double[] {0, 0, roll}),
                    Matrix3.multiply(Matrix3.fromRodrigues(new double[] {0, ay, 0}),
                            Matrix3.fromRodrigues(new double[] {ax, 0, 0})));
            double fill = 0.3 + 0.4 * rng.nextDouble();
            double z = rig.left().fx() * Math.max(sheetW, sheetH * rig.width() / (double) rig.height())
                    / (fill * rig.width());
            double u = rig.width() * (0.15 + 0.7 * rng.nextDouble());
            double v = rig.height() * (0.15 + 0.7 * rng.nextDouble());
            double[] ray = rig.left().ray(u, v);
            double[] rc = Matrix3.apply(rot, cx, cy, 0);
            double[] t = {ray[0] * z - rc[0], ray[1] * z - rc[1], z - rc[2]};
            Pose pose = new Pose(Matrix3.toRodrigues(rot), t);
            if (fitsBothViews(rig, pose, ext, 8)) {
                poses.add(pose);
            }
        }
        return poses;
    }

    /** True when the sheet's border, sampled densely, projects at least marginPx inside both images. */
    static boolean fitsBothViews(StereoRig rig, Pose pose, double[] ext, double marginPx) {
        double[] rr = rig.rotationMatrix();
        double[] rt = rig.translationMm();
        int steps = 16;
        for (int i = 0; i <= steps; i++) {
            double a = i / (double) steps;
            double[][] border = {
                    {ext[0] + a * (ext[2] - ext[0]), ext[1]}, {ext[0] + a * (ext[2] - ext[0]), ext[3]},
                    {ext[0], ext[1] + a * (ext[3] - ext[1])}, {ext[2], ext[1] + a * (ext[3] - ext[1])}};
            for (double[] b : border) {
                double[] p = pose.apply(b[0], b[1], 0);
                if (!inside(rig.left(), rig.left().project(p[0], p[1], p[2]), marginPx)) {
                    return false;
                }
                double[] q = Matrix3.apply(rr, p[0], p[1], p[2]);
                if (!inside(rig.right(), rig.right().project(q[0] + rt[0], q[1] + rt[1], q[2] + rt[2]), marginPx)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean inside(PinholeCamera cam, double[] uv, double margin) {
        return uv[0] >= margin && uv[1] >= margin && uv[0] <= cam.width() - 1 - margin
                && uv[1] <= cam.height() - 1 - margin;
    }
}
