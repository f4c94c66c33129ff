package io.github.stereostation.sim;

import io.github.stereostation.capture.StereoFrame;
import io.github.stereostation.capture.StereoSource;
import org.opencv.core.Mat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * A hand holding a board in front of the synthetic rig, as a {@link StereoSource}: for each target pose the
 * board moves there over {@code moveFrames} interpolated frames, then is held still for {@code holdFrames}
 * frames. Frame {@code i} has sequence number {@code i}; {@link #step(long)} says what the hand was doing then.
 * A looping hand goes back to the first pose after the last and carries on for ever, so a calibration
 * wizard can be tried without cameras. Frames are rendered when the pose changes and copied while it is held.
 */
public final class BoardHand implements StereoSource {
    /** What the board did in one frame: which target pose, and whether it was moving or held (and for how long). */
    public record Step(int poseIndex, boolean moving, int heldFor, Pose pose) {
    }

    private final StereoRig rig;
    private final BoardTarget board;
    private final SceneRenderer renderer;
    private final List<Step> timeline = new ArrayList<>();
    private final boolean loop;
    private volatile double framesPerSecond;
    private long next;
    private long lastEmitNanos;
    private Pose cachedPose;
    private Mat cachedLeft;
    private Mat cachedRight;

    public BoardHand(StereoRig rig, BoardTarget board, List<Pose> targets, int moveFrames, int holdFrames,
                     RenderOptions options, boolean loop) {
        this.rig = rig;
        this.board = board;
        this.renderer = new SceneRenderer(options);
        this.loop = loop;
        int n = targets.size();
        for (int p = 0; p < n + (loop && n > 1 ? 1 : 0); p++) {
            int target = p % n;
            if (p > 0) {
                for (int f = 1; f <= moveFrames; f++) {
                    // the last moving frame is still short of the target, so the first held frame moves too
                    timeline.add(new Step(target, true, 0, lerp(targets.get(p - 1), targets.get(target),
                            f / (moveFrames + 1.0))));
                }
            }
            if (p < n) {
                for (int f = 1; f <= holdFrames; f++) {
                    timeline.add(new Step(target, false, f, targets.get(target)));
                }
            }
        }
    }

    /**
     * A hand that keeps showing {@code board} to the rig in {@code poses} varied, reproducible poses that
     * reach the image borders (see {@link BoardPoses#varied}), moving for 3 frames and holding each for 6, for
     * ever, rendered with {@link RenderOptions#LIVE} (unpaced: see {@link #setFramesPerSecond}).
     */
    public static BoardHand waving(StereoRig rig, BoardTarget board, int poses, long seed) {
        return new BoardHand(rig, board, BoardPoses.varied(rig, board, poses, seed), 3, 6, RenderOptions.LIVE, true);
    }

    /** Paces {@link #next()} to this many frames per second (0, the default, delivers as fast as it can). */
    public void setFramesPerSecond(double fps) {
        this.framesPerSecond = fps;
    }

    public StereoRig rig() {
        return rig;
    }

    public List<Step> timeline() {
        return List.copyOf(timeline);
    }

    /** What the hand did in frame {@code sequence} (a looping hand repeats its timeline). */
    public Step step(long sequence) {
        return timeline.get((int) (loop ? sequence % timeline.size() : sequence));
    }

    /** Frames in one pass through the poses. */
    public int frameCount() {
        return timeline.size();
    }

    @Override
    public synchronized StereoFrame next() {
        if (timeline.isEmpty() || (!loop && next >= timeline.size())) {
            return null;
        }
        Step s = step(next);
        if (!s.pose().equals(cachedPose)) {
            releaseCache();
            try (BoardView v = renderer.renderBoard(rig, board, s.pose())) {
                cachedLeft = v.left().clone();
                cachedRight = v.right().clone();
            }
            cachedPose = s.pose();
        }
        double fps = framesPerSecond;
        if (fps > 0 && lastEmitNanos != 0) {
            long wait;
            while ((wait = lastEmitNanos + (long) (1e9 / fps) - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
        }
        lastEmitNanos = System.nanoTime();
        long t = next * 33_333_333L;
        StereoFrame f = new StereoFrame(cachedLeft.clone(), cachedRight.clone(), t, t, next);
        next++;
        return f;
    }

    private void releaseCache() {
        if (cachedLeft != null) {
            cachedLeft.release();
            cachedRight.release();
        }
        cachedLeft = null;
        cachedRight = null;
        cachedPose = null;
    }

    @Override
    public String describe() {
        return "synthetic rig " + rig.width() + "x" + rig.height() + " with a board moved by a virtual hand";
    }

    @Override
    public synchronized void close() {
        releaseCache();
    }

    /** The pose a fraction {@code t} of the way from {@code a} to {@code b} (rotation vector and translation). */
    public static Pose lerp(Pose a, Pose b, double t) {
        double[] ra = a.rotationRodrigues();
        double[] rb = b.rotationRodrigues();
        double[] ta = a.translationMm();
        double[] tb = b.translationMm();
        double[] r = new double[3];
        double[] tr = new double[3];
        for (int i = 0; i < 3; i++) {
            r[i] = ra[i] + t * (rb[i] - ra[i]);
            tr[i] = ta[i] + t * (tb[i] - ta[i]);
        }
        return new Pose(r, tr);
    }
}
