package io.github.stereostation.ui.wizard;

import io.github.stereostation.calibration.Thumbnail;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.imgproc.Imgproc;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;

/** Copies OpenCV images and thumbnails into Swing images (the wizard keeps no Mats on the event thread). */
final class WizardImages {
    private WizardImages() {
    }

    /** A copy of an 8-bit gray, BGR or BGRA Mat. */
    static BufferedImage of(Mat m) {
        Mat src = m;
        Mat tmp = null;
        if (m.type() == CvType.CV_8UC4) {
            tmp = new Mat();
            Imgproc.cvtColor(m, tmp, Imgproc.COLOR_BGRA2BGR);
            src = tmp;
        } else if (!m.isContinuous()) {
            tmp = m.clone();
            src = tmp;
        }
        try {
            if (src.type() != CvType.CV_8UC1 && src.type() != CvType.CV_8UC3) {
                throw new IllegalArgumentException("cannot show an image of type " + CvType.typeToString(src.type()));
            }
            BufferedImage img = new BufferedImage(src.cols(), src.rows(),
                    src.channels() == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_3BYTE_BGR);
            src.get(0, 0, ((DataBufferByte) img.getRaster().getDataBuffer()).getData());
            return img;
        } finally {
            if (tmp != null) {
                tmp.release();
            }
        }
    }

    static BufferedImage of(Thumbnail t) {
        BufferedImage img = new BufferedImage(t.width(), t.height(), BufferedImage.TYPE_3BYTE_BGR);
        byte[] src = t.bgr();
        System.arraycopy(src, 0, ((DataBufferByte) img.getRaster().getDataBuffer()).getData(), 0, src.length);
        return img;
    }
}
