package io.github.stereostation.calibration;

import io.github.stereostation.UserInputException;
import org.opencv.core.CvException;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The wizard's fit: calibrates from the views taken and judges the result against the session's RMS limit. A
 * fit that ran but is not good enough comes back with its {@link SessionResult#problem()} set, so the user can
 * drop the worst views; one that cannot run at all throws {@link UserInputException} in plain words.
 */
final class SessionCalibrator {
    private final BoardSpec board;
    private final CalibrationSession.Mode mode;
    private final double maxRmsPx;

    SessionCalibrator(BoardSpec board, CalibrationSession.Mode mode, double maxRmsPx) {
        this.board = board;
        this.mode = mode;
        this.maxRmsPx = maxRmsPx;
    }

    /** The fewest views a calibration accepts in this mode. */
    int minViews() {
        return mode == CalibrationSession.Mode.STEREO ? StereoCalibrator.MIN_VIEWS : MonoCalibrator.MIN_VIEWS;
    }

    SessionResult fit(List<CapturedView> views) {
        if (views.size() < minViews()) {
            throw new UserInputException("Only " + views.size() + " views taken; a calibration needs at least "
                    + minViews());
        }
        try {
            if (mode == CalibrationSession.Mode.MONO) {
                MonoCalibration mono = MonoCalibrator.calibrate(views.stream().map(CapturedView::mono).toList(), board);
                String problem = !Double.isFinite(mono.rmsPx()) || mono.rmsPx() > maxRmsPx
                        ? String.format(Locale.ROOT, "The fit did not converge well: RMS error %.2f px is above %.2f px; "
                        + "delete the views with the largest errors and calibrate again", mono.rmsPx(), maxRmsPx)
                        : null;
                return new SessionResult.Mono(mono, problem);
            }
            // The wizard's views cover the image by construction, so refining both cameras jointly with the rig
            // pays: on the synthetic desk rig it halves the baseline error of fitting R and T alone.
            StereoCalibrator.Result r = StereoCalibrator.calibrate(views.stream().map(CapturedView::pair).toList(), board,
                    new StereoCalibrator.Options(0, StereoCalibrator.StereoFit.REFINE_INTRINSIC));
            CalibrationQuality q = r.calibration().quality();
            double worst = Math.max(q.rmsStereoPx(), Math.max(q.rmsLeftPx(), q.rmsRightPx()));
            String problem = null;
            if (!Double.isFinite(worst) || worst > maxRmsPx) {
                ViewError bad = r.report().views().stream()
                        .max(Comparator.comparingDouble(ViewError::worstPx)).orElseThrow();
                problem = String.format(Locale.ROOT, "The fit did not converge well: RMS error %.2f px is above %.2f px "
                                + "(worst view %s, %.2f px); delete the views with the largest errors and calibrate again",
                        worst, maxRmsPx, bad.name(), bad.worstPx());
            }
            return new SessionResult.Stereo(r.calibration(), r.report(), problem);
        } catch (CvException | IllegalArgumentException e) {
            throw new UserInputException(notConverged(views.size(), e), e);
        }
    }

    /** The message for a fit that failed outright; the views are kept. */
    static String notConverged(int views, Throwable e) {
        return "Calibration failed to converge (" + firstLine(e.getMessage()) + "); the " + views
                + " views are kept: delete doubtful views or take more and try again";
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "no details";
        }
        String t = s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl);
    }
}
