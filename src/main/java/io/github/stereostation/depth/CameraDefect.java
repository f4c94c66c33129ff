package io.github.stereostation.depth;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

import java.util.Locale;

/**
 * The defects of a desk rig made of two webcams, applied to a clean rectified pair so a matcher can be scored
 * on what real cameras deliver. Each defect has one fixed strength (the values of a typical webcam pair);
 * every one is deterministic, so a score under a defect is repeatable.
 */
public enum CameraDefect {
    /** The right camera exposes 30 % brighter (its own auto-exposure). */
    GAIN("right camera 30 % brighter"),
    /** The right camera applies gamma 0.8 (a different tone curve). */
    GAMMA("right camera gamma 0.8"),
    /** Sensor noise, sigma 3 grey levels, independent in each camera. */
    NOISE("sensor noise sigma 3 in both"),
    /** Both frames went through MJPEG at quality 75, as USB webcams send them. */
    JPEG("MJPEG quality 75 in both"),
    /** The right image sits 0.7 px lower: vertical misalignment left after calibration. */
    VSHIFT("right image 0.7 px lower"),
    /** The right camera is slightly out of focus (Gaussian blur, sigma 0.8 px). */
    BLUR("right camera blurred, sigma 0.8 px");

    private final String description;

    CameraDefect(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a defect name (case-insensitive); the message lists the valid names. */
    public static CameraDefect parse(String s) {
        for (CameraDefect d : values()) {
            if (d.label().equals(s.trim().toLowerCase(Locale.ROOT))) {
                return d;
            }
        }
        StringBuilder valid = new StringBuilder();
        for (CameraDefect d : values()) {
            valid.append(valid.length() == 0 ? "" : ", ").append(d.label());
        }
        throw new io.github.stereostation.UserInputException("unknown camera defect '" + s + "'; valid: " + valid);
    }

    /**
     * Applies the defect to a pair (8-bit, same size); returns new left and right Mats that the caller
     * releases (an image the defect leaves alone is still a copy).
     */
    public Mat[] apply(Mat left, Mat right) {
        Mat l = left.clone();
        Mat r = right.clone();
        switch (this) {
            case GAIN -> r.convertTo(r, -1, 1.3, 0);
            case GAMMA -> {
                Mat lut = new Mat(1, 256, CvType.CV_8U);
                byte[] t = new byte[256];
                for (int i = 0; i < 256; i++) {
                    t[i] = (byte) (int) Math.round(255 * Math.pow(i / 255.0, 0.8));
                }
                lut.put(0, 0, t);
                Core.LUT(right, lut, r);
                lut.release();
            }
            case NOISE -> {
                addNoise(l, 0x5eed1L);
                addNoise(r, 0x5eed2L);
            }
            case JPEG -> {
                jpeg(l);
                jpeg(r);
            }
            case VSHIFT -> {
                Mat m = new Mat(2, 3, CvType.CV_64F);
                m.put(0, 0, 1, 0, 0, 0, 1, 0.7);
                Imgproc.warpAffine(right, r, m, right.size(), Imgproc.INTER_LINEAR, Core.BORDER_REPLICATE);
                m.release();
            }
            case BLUR -> Imgproc.GaussianBlur(right, r, new Size(0, 0), 0.8);
        }
        return new Mat[] {l, r};
    }

    private static void addNoise(Mat img, long seed) {
        Core.setRNGSeed((int) seed);
        Mat noise = new Mat(img.size(), CvType.makeType(CvType.CV_16S, img.channels()));
        Core.randn(noise, 0, 3);
        Mat wide = new Mat();
        img.convertTo(wide, noise.type());
        Core.add(wide, noise, wide);
        wide.convertTo(img, img.type());
        noise.release();
        wide.release();
    }

    private static void jpeg(Mat img) {
        MatOfByte buf = new MatOfByte();
        Imgcodecs.imencode(".jpg", img, buf, new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, 75));
        Mat decoded = Imgcodecs.imdecode(buf, img.channels() == 1 ? Imgcodecs.IMREAD_GRAYSCALE : Imgcodecs.IMREAD_COLOR);
        decoded.copyTo(img);
        decoded.release();
        buf.release();
    }

}
