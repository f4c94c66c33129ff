package io.github.stereostation.ui;

import org.opencv.core.CvType;
import org.opencv.core.Mat;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;

/** Copies 8-bit Mats into BufferedImages of the matching layout (BGR stays BGR: no per-pixel swizzling). */
public final class MatImages {
    private MatImages() {
    }

    /**
     * A new image holding the Mat's pixels: CV_8UC3 (BGR) → TYPE_3BYTE_BGR, CV_8UC1 → TYPE_BYTE_GRAY.
     * Called on pipeline threads so the event thread only paints.
     */
    public static BufferedImage toImage(Mat m) {
        int type;
        if (m.type() == CvType.CV_8UC3) {
            type = BufferedImage.TYPE_3BYTE_BGR;
        } else if (m.type() == CvType.CV_8UC1) {
            type = BufferedImage.TYPE_BYTE_GRAY;
        } else {
            throw new IllegalArgumentException("cannot show a " + CvType.typeToString(m.type()) + " image");
        }
        BufferedImage img = new BufferedImage(m.cols(), m.rows(), type);
        byte[] data = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        if (m.isContinuous()) {
            m.get(0, 0, data);
        } else {
            Mat c = m.clone();
            c.get(0, 0, data);
            c.release();
        }
        return img;
    }
}
