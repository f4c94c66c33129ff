package io.github.stereostation.sim;

import io.github.stereostation.depth.DisparityImages;
import io.github.stereostation.depth.Pfm;
import io.github.stereostation.io.AtomicFiles;
import io.github.stereostation.io.ImageFiles;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes a rendered pair in the Middlebury 2014 layout, so every tool that reads Middlebury scenes reads it:
 * im0.png, im1.png, disp0GT.pfm and disp1GT.pfm (+infinity where unknown, as Middlebury does), mask0nocc.png
 * (255 visible in both views, 128 occluded, 0 unknown), calib.txt, plus depth0GT.pfm in metres. Every file
 * is written atomically.
 */
public final class MiddleburyWriter {
    private MiddleburyWriter() {
    }

    public static void write(Path dir, RenderedPair pair) throws IOException {
        ImageFiles.writePng(dir.resolve("im0.png"), pair.left());
        ImageFiles.writePng(dir.resolve("im1.png"), pair.right());
        writePfmInfForNaN(dir.resolve("disp0GT.pfm"), pair.disparityLeft());
        writePfmInfForNaN(dir.resolve("disp1GT.pfm"), pair.disparityRight());
        writePfmInfForNaN(dir.resolve("depth0GT.pfm"), pair.depthLeftMetres());
        ImageFiles.writePng(dir.resolve("mask0nocc.png"), middleburyMask(pair));
        AtomicFiles.write(dir.resolve("calib.txt"), calibText(pair).getBytes(StandardCharsets.US_ASCII));
    }

    private static void writePfmInfForNaN(Path file, Mat m) throws IOException {
        float[] v = new float[(int) m.total()];
        m.get(0, 0, v);
        for (int i = 0; i < v.length; i++) {
            if (Float.isNaN(v[i])) {
                v[i] = Float.POSITIVE_INFINITY;
            }
        }
        Mat copy = new Mat(m.rows(), m.cols(), CvType.CV_32F);
        try {
            copy.put(0, 0, v);
            Pfm.write(file, copy);
        } finally {
            copy.release();
        }
    }

    /** 255 non-occluded, 128 occluded (ground truth known but not visible in the right view), 0 unknown. */
    static Mat middleburyMask(RenderedPair pair) {
        int n = (int) pair.nonOccluded().total();
        byte[] vis = new byte[n];
        pair.nonOccluded().get(0, 0, vis);
        float[] depth = new float[n];
        pair.depthLeftMetres().get(0, 0, depth);
        byte[] mask = new byte[n];
        for (int i = 0; i < n; i++) {
            mask[i] = Float.isNaN(depth[i]) ? 0 : (vis[i] != 0 ? (byte) 255 : (byte) 128);
        }
        Mat m = new Mat(pair.nonOccluded().rows(), pair.nonOccluded().cols(), CvType.CV_8U);
        m.put(0, 0, mask);
        return m;
    }

    /**
     * calib.txt: cam0/cam1 camera matrices, doffs = cx1 - cx0, baseline in mm, size, ndisp (a multiple of 16
     * covering the largest ground-truth disparity), vmin/vmax (the ground-truth disparity range, rounded out).
     * For a raw rig the matrices are the raw cameras' and the disparity fields describe nothing (0).
     */
    static String calibText(RenderedPair pair) {
        StereoRig rig = pair.rig();
        PinholeCamera l = rig.left(), r = rig.right();
        double vmin = 0, vmax = 0;
        if (rig.isRectifiedIdeal()) {
            Mat valid = new Mat();
            DisparityImages.finiteMask(pair.disparityLeft(), valid);
            if (Core.countNonZero(valid) > 0) {
                Core.MinMaxLocResult mm = Core.minMaxLoc(pair.disparityLeft(), valid);
                vmin = Math.floor(mm.minVal);
                vmax = Math.ceil(mm.maxVal);
            }
            valid.release();
        }
        int ndisp = Math.max(16, (int) Math.ceil((vmax + 1) / 16) * 16);
        return String.format(Locale.ROOT,
                "cam0=[%s 0 %s; 0 %s %s; 0 0 1]%ncam1=[%s 0 %s; 0 %s %s; 0 0 1]%ndoffs=%s%nbaseline=%s%n"
                        + "width=%d%nheight=%d%nndisp=%d%nisint=0%nvmin=%d%nvmax=%d%ndyavg=0%ndymax=0%n",
                n(l.fx()), n(l.cx()), n(l.fy()), n(l.cy()), n(r.fx()), n(r.cx()), n(r.fy()), n(r.cy()),
                n(r.cx() - l.cx()), n(rig.baselineMm()), rig.width(), rig.height(),
                ndisp, (int) vmin, (int) vmax);
    }

    private static String n(double v) {
        String s = String.format(Locale.ROOT, "%.6f", v);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
