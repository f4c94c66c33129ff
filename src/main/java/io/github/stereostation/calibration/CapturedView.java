package io.github.stereostation.calibration;

/**
 * A view the wizard has taken: its id (stable while the session lives), the corners found at full resolution
 * in each camera ({@code right} is null in single-camera mode), small copies of the images, the frame's sequence
 * number and whether the user took it by hand.
 */
public record CapturedView(int id, String name, BoardCorners left, BoardCorners right, Thumbnail leftThumb,
                           Thumbnail rightThumb, long sequence, boolean manual) {

    public ViewPair pair() {
        return new ViewPair(name, left, right);
    }

    public MonoView mono() {
        return new MonoView(name, left);
    }
}
