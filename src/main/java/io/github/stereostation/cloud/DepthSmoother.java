package io.github.stereostation.cloud;

/**
 * Edge-preserving depth smoothing on the pixel grid: each point's depth becomes the mean depth of its valid
 * neighbours within {@code radiusPx} whose depth differs from its own by at most {@code maxRelativeStep}
 * (so a foreground edge is not blurred into the background). The point then slides along its own viewing
 * ray to the new depth (x and y scale with z), which keeps it on the pixel it came from.
 */
public record DepthSmoother(int radiusPx, double maxRelativeStep) {

    /** Larger windows cost (2r+1)^2 reads per pixel and smooth away the shapes a depth map is for. */
    public static final int MAX_RADIUS_PX = 32;
    /** The value's name, as {@link io.github.stereostation.InvalidValueException#field()} gives it. */
    public static final String RADIUS = "smoothing radius";

    public DepthSmoother {
        if (radiusPx > MAX_RADIUS_PX) {
            throw new io.github.stereostation.InvalidValueException(RADIUS, RADIUS + " " + radiusPx
                    + " px: expected 1 to " + MAX_RADIUS_PX + " px");
        }
        if (radiusPx < 1 || !(maxRelativeStep > 0)) {
            throw new IllegalArgumentException("need radiusPx >= 1 and maxRelativeStep > 0, got " + radiusPx + ", " + maxRelativeStep);
        }
    }

    public OrganizedCloud apply(OrganizedCloud grid) {
        int w = grid.width(), h = grid.height();
        float[] p = grid.positions();
        float[] z = new float[w * h];
        for (int i = 0; i < z.length; i++) {
            z[i] = p[3 * i + 2];
        }
        OrganizedCloud out = grid.copy();
        float[] q = out.positions();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                float z0 = z[i];
                if (Float.isNaN(z0)) {
                    continue;
                }
                double tol = maxRelativeStep * z0;
                double sum = 0;
                int count = 0;
                for (int yy = Math.max(0, y - radiusPx); yy <= Math.min(h - 1, y + radiusPx); yy++) {
                    for (int xx = Math.max(0, x - radiusPx); xx <= Math.min(w - 1, x + radiusPx); xx++) {
                        float zn = z[yy * w + xx];
                        if (!Float.isNaN(zn) && Math.abs(zn - z0) <= tol) {
                            sum += zn;
                            count++;
                        }
                    }
                }
                double scale = (sum / count) / z0;
                q[3 * i] = (float) (p[3 * i] * scale);
                q[3 * i + 1] = (float) (p[3 * i + 1] * scale);
                q[3 * i + 2] = (float) (sum / count);
            }
        }
        return out;
    }
}
