package io.github.stereostation.calibration;

import io.github.stereostation.geometry.CameraIntrinsics;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A calibration made by the wizard: stereo (both cameras and the rig) or single camera (intrinsics only, for
 * the moved-camera mode). {@link #problem()} is non-null when the fit ran but is not good enough to use (its
 * error is above the limit); the per-view errors are still there so the user can drop the outliers.
 */
public sealed interface SessionResult permits SessionResult.Stereo, SessionResult.Mono {

    /** Per-view RMS errors in the order of the views used; single-camera results have NaN for the right camera. */
    List<ViewError> viewErrors();

    /** Why this calibration should not be used, or null when it is fine. */
    String problem();

    /** Key figures, one per line, for the results page. */
    List<String> summary();

    /** Writes the calibration as OpenCV YAML, atomically. */
    void save(Path file) throws IOException;

    /** A stereo rig calibration with its report. */
    record Stereo(StereoCalibration calibration, CalibrationReport report, String problem) implements SessionResult {
        @Override
        public List<ViewError> viewErrors() {
            return report.views();
        }

        @Override
        public List<String> summary() {
            CalibrationQuality q = calibration.quality();
            List<String> lines = new ArrayList<>();
            lines.add(String.format(Locale.ROOT, "RMS reprojection error: left %.3f px, right %.3f px, stereo %.3f px",
                    q.rmsLeftPx(), q.rmsRightPx(), q.rmsStereoPx()));
            lines.add(String.format(Locale.ROOT, "Baseline %.2f mm", calibration.baselineMm()));
            lines.add(String.format(Locale.ROOT, "Epipolar error after rectification: mean %.3f px, RMS %.3f px, max %.3f px",
                    q.epipolarMeanPx(), q.epipolarRmsPx(), q.epipolarMaxPx()));
            lines.add(String.format(Locale.ROOT, "Focal length: left %.1f px, right %.1f px; %d views, %dx%d",
                    calibration.left().fxPx(), calibration.right().fxPx(), q.viewCount(), calibration.imageWidth(),
                    calibration.imageHeight()));
            return lines;
        }

        @Override
        public void save(Path file) throws IOException {
            calibration.save(file);
        }
    }

    /** A single camera's intrinsics. */
    record Mono(MonoCalibration calibration, String problem) implements SessionResult {
        @Override
        public List<ViewError> viewErrors() {
            List<ViewError> out = new ArrayList<>();
            double[] rms = calibration.viewRmsPx();
            for (int i = 0; i < rms.length; i++) {
                out.add(new ViewError(calibration.viewNames().get(i), rms[i], Double.NaN));
            }
            return out;
        }

        @Override
        public List<String> summary() {
            CameraIntrinsics k = calibration.intrinsics();
            return List.of(String.format(Locale.ROOT, "RMS reprojection error %.3f px over %d views", calibration.rmsPx(),
                            calibration.viewNames().size()),
                    String.format(Locale.ROOT, "Focal length %.1f / %.1f px, principal point (%.1f, %.1f), %dx%d",
                            k.fxPx(), k.fyPx(), k.cxPx(), k.cyPx(), k.width(), k.height()));
        }

        @Override
        public void save(Path file) throws IOException {
            calibration.save(file);
        }
    }
}
