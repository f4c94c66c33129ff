package io.github.stereostation.calibration;

import io.github.stereostation.geometry.CameraIntrinsics;
import io.github.stereostation.io.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Exports a stereo calibration as the two ROS {@code camera_info} YAML files that {@code camera_info_manager}
 * reads ({@code image_width}, {@code camera_matrix}, {@code distortion_model: plumb_bob}, ...). ROS expects
 * the projection's baseline term in metres: P_right[0][3] = -fx' * baseline_m.
 */
public final class RosCameraInfo {
    private RosCameraInfo() {
    }

    /** Writes {@code <dir>/<name>_left.yaml} and {@code <dir>/<name>_right.yaml} (alpha 0 rectification). */
    public static void write(StereoCalibration cal, Path dir, String name) throws IOException {
        RectificationGeometry g = RectificationGeometry.of(cal, 0);
        AtomicFiles.write(dir.resolve(name + "_left.yaml"), render(cal, true, g, name + "_left"));
        AtomicFiles.write(dir.resolve(name + "_right.yaml"), render(cal, false, g, name + "_right"));
    }

    static byte[] render(StereoCalibration cal, boolean left, RectificationGeometry g, String cameraName) {
        CameraIntrinsics c = left ? cal.left() : cal.right();
        double[] p = (left ? g.p1() : g.p2()).clone();
        p[3] = p[3] / 1000.0; // mm -> m, as ROS's stereo_image_proc expects
        double[] d = c.distortion();
        StringBuilder sb = new StringBuilder();
        sb.append("image_width: ").append(c.width()).append('\n');
        sb.append("image_height: ").append(c.height()).append('\n');
        sb.append("camera_name: ").append(cameraName).append('\n');
        matrix(sb, "camera_matrix", 3, 3, c.cameraMatrix());
        sb.append("distortion_model: ").append(d.length <= 5 ? "plumb_bob" : "rational_polynomial").append('\n');
        matrix(sb, "distortion_coefficients", 1, d.length, d);
        matrix(sb, "rectification_matrix", 3, 3, left ? g.r1() : g.r2());
        matrix(sb, "projection_matrix", 3, 4, p);
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void matrix(StringBuilder sb, String key, int rows, int cols, double[] data) {
        sb.append(key).append(":\n  rows: ").append(rows).append("\n  cols: ").append(cols).append("\n  data: [");
        for (int i = 0; i < data.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.12g", data[i]));
        }
        sb.append("]\n");
    }
}
