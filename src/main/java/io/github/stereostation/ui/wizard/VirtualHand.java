package io.github.stereostation.ui.wizard;

import io.github.stereostation.calibration.BoardSpec;
import io.github.stereostation.capture.StereoSource;
import io.github.stereostation.pipeline.GroundTruthTap;
import io.github.stereostation.sim.BoardHand;
import io.github.stereostation.sim.BoardTarget;
import io.github.stereostation.sim.CharucoTarget;
import io.github.stereostation.sim.Chessboard;
import io.github.stereostation.sim.StereoRig;
import io.github.stereostation.sim.SyntheticStereoSource;

/**
 * The wizard without cameras: the synthetic rig shows a desk, not a board, so when the wizard is given the
 * synthetic rig it shows the same rig with the chosen board moved through varied poses by a virtual hand
 * ({@link BoardHand}), and calibrating it recovers that rig.
 */
final class VirtualHand {
    /** Poses in one pass of the hand: enough for full coverage with the default capture settings. */
    static final int POSES = 30;

    private VirtualHand() {
    }

    /** {@code opened} itself, or for the synthetic rig a hand showing {@code board} to that rig (closing it). */
    static StereoSource standIn(StereoSource opened, BoardSpec board) {
        StereoRig rig = opened instanceof SyntheticStereoSource s ? s.rig()
                : opened instanceof GroundTruthTap t ? t.rig().rig() : null;
        if (rig == null) {
            return opened;
        }
        opened.close();
        return BoardHand.waving(rig, target(board), POSES, 1);
    }

    static BoardTarget target(BoardSpec spec) {
        return spec.kind() == BoardSpec.Kind.CHESSBOARD
                ? new Chessboard(spec.innerCols(), spec.innerRows(), spec.squareMm())
                : new CharucoTarget(spec.squaresX(), spec.squaresY(), spec.squareMm(), spec.markerMm(),
                spec.dictionaryId());
    }
}
