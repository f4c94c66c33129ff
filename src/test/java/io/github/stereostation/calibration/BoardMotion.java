package io.github.stereostation.calibration;

import io.github.stereostation.capture.StereoFrame;
import io.github.stereostation.capture.StereoSource;
import io.github.stereostation.geometry.Matrix3;
import io.github.stereostation.sim.BoardHand;
import io.github.stereostation.sim.BoardView;
import io.github.stereostation.sim.Chessboard;
import io.github.stereostation.sim.Pose;
import io.github.stereostation.sim.RenderOptions;
import io.github.stereostation.sim.SceneRenderer;
import io.github.stereostation.sim.StereoRig;

import java.util.ArrayList;
import java.util.List;

/**
 * The sim's {@link BoardHand} played once through its poses, for tests, with helpers that make poses covering
 * the image, the range of sizes and of skews. Frame {@code i} has sequence number {@code i}; {@link #step(long)}
 * says what the hand was doing then.
 */
public final class BoardMotion implements StereoSource {
    /** What the board did in one frame: which target pose, and whether it was moving or held (and for how long). */
    public record Step(int poseIndex, boolean moving, int heldFor, Pose pose) {
    }

    private final BoardHand hand;

    public BoardMotion(StereoRig rig, Chessboard board, List<Pose> targets, int moveFrames, int holdFrames,
                       RenderOptions options) {
        this.hand = new BoardHand(rig, board, targets, moveFrames, holdFrames, options, false);
    }

    public List<Step> timeline() {
        return hand.timeline().stream().map(BoardMotion::of).toList();
    }

    public Step step(long sequence) {
        return of(hand.step(sequence));
    }

    private static Step of(BoardHand.Step s) {
        return new Step(s.poseIndex(), s.moving(), s.heldFor(), s.pose());
    }

    public int frameCount() {
        return hand.frameCount();
    }

    @Override
    public StereoFrame next() {
        return hand.next();
    }

    @Override
    public String describe() {
        return "synthetic board motion " + hand.rig().width() + "x" + hand.rig().height();
    }

    @Override
    public void close() {
        hand.close();
    }

    /** Renders one still view of the board (the caller closes it). */
    public static StereoFrame render(StereoRig rig, io.github.stereostation.sim.BoardTarget board, Pose pose,
                                     RenderOptions options, long seq) {
        try (BoardView v = new SceneRenderer(options).renderBoard(rig, board, pose)) {
            return new StereoFrame(v.left().clone(), v.right().clone(), seq, seq, seq);
        }
    }

    /** The same pose moved by (dx, dy, dz) mm in the left camera's frame. */
    public static Pose shifted(Pose p, double dx, double dy, double dz) {
        double[] t = p.translationMm();
        return new Pose(p.rotationRodrigues(), new double[]{t[0] + dx, t[1] + dy, t[2] + dz});
    }

    static Pose lerp(Pose a, Pose b, double t) {
        return BoardHand.lerp(a, b, t);
    }

    // ---- poses that cover the image, the range of sizes and of skews ----

    /**
     * The board with its inner-corner block centred on left-image pixel ({@code u}, {@code v}) (fractions of the
     * image), its width {@code fill} of the image width when facing the camera, turned by {@code tiltDeg} about
     * the in-board axis at {@code axisDeg} from the board's x axis (45 = a diagonal) and rolled by {@code rollDeg}.
     */
    public static Pose pose(StereoRig rig, Chessboard board, double u, double v, double fill, double tiltDeg,
                            double axisDeg, double rollDeg) {
        double s = board.squareMm();
        double hullW = (board.innerCols() - 1) * s;
        double a = Math.toRadians(axisDeg);
        double t = Math.toRadians(tiltDeg);
        double[] tilt = Matrix3.fromRodrigues(new double[]{Math.cos(a) * t, Math.sin(a) * t, 0});
        double[] roll = Matrix3.fromRodrigues(new double[]{0, 0, Math.toRadians(rollDeg)});
        double[] rot = Matrix3.multiply(roll, tilt);
        double z = rig.left().fx() * hullW / (fill * rig.width());
        double[] ray = rig.left().ray(u * rig.width(), v * rig.height());
        double cx = hullW / 2;
        double cy = (board.innerRows() - 1) * s / 2;
        double[] rc = Matrix3.apply(rot, cx, cy, 0);
        return new Pose(Matrix3.toRodrigues(rot), new double[]{ray[0] / ray[2] * z - rc[0], ray[1] / ray[2] * z - rc[1], z - rc[2]});
    }

    /**
     * True when the board's squares (not its white margin) project at least {@code marginPx} inside both images,
     * which is what a detector needs.
     */
    public static boolean fits(StereoRig rig, Chessboard board, Pose pose, double marginPx) {
        return fitsIn(rig, board, pose, marginPx, true) && fitsIn(rig, board, pose, marginPx, false);
    }

    /** {@link #fits} for one camera. */
    public static boolean fitsIn(StereoRig rig, Chessboard board, Pose pose, double marginPx, boolean leftCamera) {
        double s = board.squareMm();
        double x0 = -s;
        double y0 = -s;
        double x1 = board.innerCols() * s;
        double y1 = board.innerRows() * s;
        double[] rr = rig.rotationMatrix();
        double[] rt = rig.translationMm();
        for (int i = 0; i <= 16; i++) {
            double f = i / 16.0;
            double[][] pts = {{x0 + f * (x1 - x0), y0}, {x0 + f * (x1 - x0), y1}, {x0, y0 + f * (y1 - y0)}, {x1, y0 + f * (y1 - y0)}};
            for (double[] b : pts) {
                double[] p = pose.apply(b[0], b[1], 0);
                if (leftCamera && !inside(rig.left().project(p[0], p[1], p[2]), rig.width(), rig.height(), marginPx)) {
                    return false;
                }
                double[] q = Matrix3.apply(rr, p);
                if (!leftCamera && !inside(rig.right().project(q[0] + rt[0], q[1] + rt[1], q[2] + rt[2]), rig.width(), rig.height(), marginPx)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean inside(double[] uv, int w, int h, double m) {
        return uv[0] >= m && uv[1] >= m && uv[0] <= w - 1 - m && uv[1] <= h - 1 - m;
    }

    /**
     * The poses a careful user would hold: the four corners and edges of the image small, the middle at several
     * distances, and tilts up, down, left, right and about both diagonals. Each shrinks until it fits both views.
     */
    public static List<Pose> coverage(StereoRig rig, Chessboard board) {
        double[][] spec = {
                // u, v, fill, tilt, axis, roll; u = -1: as large as both views allow; u = -2 / -3: as far left /
                // right as both views allow (small and turned upright, so the other camera still sees it whole)
                {0.5, 0.5, 0.45, 0, 0, 0},
                {0.25, 0.14, 0.2, 10, 0, 0},
                {0.75, 0.14, 0.2, 10, 90, 0},
                {0.75, 0.86, 0.2, -10, 0, 0},
                {0.25, 0.86, 0.2, -10, 90, 0},
                {-1, 0.5, 0, 0, 0, 3},
                {0.5, 0.5, 0.145, 0, 0, -5},
                {0.65, 0.6, 0.45, 45, 45, 0},
                {0.3, 0.35, 0.45, 45, -45, 0},
                {0.5, 0.2, 0.4, 30, 0, 0},
                {0.5, 0.8, 0.4, -30, 0, 0},
                {-2, 0.5, 0.17, 0, 0, 80},
                {-3, 0.5, 0.17, 0, 0, 80},
                {0.35, 0.4, 0.6, 20, 30, 8},
                {0.65, 0.6, 0.6, -20, 60, -8},
        };
        List<Pose> poses = new ArrayList<>();
        for (double[] p : spec) {
            if (p[0] == -1) {
                poses.add(largest(rig, board, p[1], p[3], p[4], p[5]));
                continue;
            }
            if (p[0] < -1) {
                poses.add(outermost(rig, board, p[0] == -2, p[1], p[2], p[3], p[4], p[5]));
                continue;
            }
            double fill = p[2];
            Pose pose = pose(rig, board, p[0], p[1], fill, p[3], p[4], p[5]);
            while (!fits(rig, board, pose, 3)) {
                fill *= 0.93;
                if (fill < 0.1) {
                    throw new IllegalStateException("pose " + java.util.Arrays.toString(p) + " does not fit");
                }
                pose = pose(rig, board, p[0], p[1], fill, p[3], p[4], p[5]);
            }
            poses.add(pose);
        }
        return poses;
    }

    /** The biggest the board can be in both views at row {@code v}: the best column and the largest fill. */
    static Pose largest(StereoRig rig, Chessboard board, double v, double tilt, double axis, double roll) {
        Pose best = null;
        double bestFill = 0;
        for (double u = 0.45; u <= 0.75; u += 0.01) {
            for (double fill = 0.9; fill > bestFill; fill -= 0.005) {
                Pose p = pose(rig, board, u, v, fill, tilt, axis, roll);
                if (fits(rig, board, p, 3)) {
                    best = p;
                    bestFill = fill;
                    break;
                }
            }
        }
        return best;
    }

    /** The board as far to the left (or right) as it can be while both cameras see it whole. */
    static Pose outermost(StereoRig rig, Chessboard board, boolean left, double v, double fill, double tilt,
                          double axis, double roll) {
        for (int i = 0; i <= 100; i++) {
            double u = left ? 0.02 + 0.005 * i : 0.98 - 0.005 * i;
            Pose p = pose(rig, board, u, v, fill, tilt, axis, roll);
            if (fits(rig, board, p, 2)) {
                return p;
            }
        }
        throw new IllegalStateException("the board does not fit at row " + v);
    }
}
