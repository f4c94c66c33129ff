package io.github.stereostation.cli;

import io.github.stereostation.OpenCvNative;
import io.github.stereostation.capture.CameraSettings;
import io.github.stereostation.capture.RecordingFormat;
import io.github.stereostation.capture.ReplaySource;
import io.github.stereostation.capture.SessionManifest;
import io.github.stereostation.capture.SessionRecorder;
import io.github.stereostation.capture.StereoFrame;
import io.github.stereostation.capture.StereoSource;
import io.github.stereostation.cloud.PlyReader;
import io.github.stereostation.depth.Pfm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Faults of the machine and files made to break a reader: a full disk (a 2 MB tmpfs, where this machine lets us
 * mount one), an over-long name, crafted headers; and outputs that would land on inputs or outside their folder.
 * Each ends in exit 2 and one line, loses no listed pair, and leaves existing files byte-identical.
 */
class FaultsTest {
    @TempDir
    static Path tmp;
    static Path tiny;
    static boolean mounted;

    @BeforeAll
    static void setUp() throws Exception {
        OpenCvNative.load();
        System.setProperty("stereostation.log", tmp.resolve("error.log").toString());
        tiny = Files.createDirectories(tmp.resolve("tiny"));
        try {
            Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", tiny.toString())
                    .redirectErrorStream(true).start();
            mounted = p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            mounted = false;
        }
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (mounted) {
            new ProcessBuilder("umount", tiny.toString()).start().waitFor(10, TimeUnit.SECONDS);
        }
    }

    static void needTmpfs() {
        Assumptions.assumeTrue(mounted, "full-disk cases skipped: this machine does not let the test mount a 2 MB tmpfs"
                + " (needs root or CAP_SYS_ADMIN)");
    }

    static void assertOneLine(GeneratedBadInputTest.Outcome o, String... words) {
        assertThat(o.code()).as(o.err()).isEqualTo(2);
        assertThat(o.err().strip().lines().count()).as(o.err()).isEqualTo(1);
        assertThat(o.err()).startsWith("error: ").doesNotContain("\tat ");
        for (String w : words) {
            assertThat(o.err()).contains(w);
        }
    }

    static GeneratedBadInputTest.Outcome run(String... args) {
        return GeneratedBadInputTest.run(List.of(args));
    }

    /** A recorded session of noise pairs (noise does not compress: each 160x120 pair is about 115 kB as PNG). */
    static Path noiseSession(Path dir, int pairs) throws IOException {
        try (SessionRecorder rec = SessionRecorder.start(dir, RecordingFormat.PNG, "noise", CameraSettings.defaults(), 4)) {
            for (int i = 0; i < pairs; i++) {
                try (StereoFrame f = new StereoFrame(noise(i),
                        noise(1000 + i), i * 33_000_000L, i * 33_000_000L + 1000, i)) {
                    rec.put(f);
                }
            }
        }
        return dir;
    }

    @Test
    void recordingOntoAFullDiskListsEveryPairOnDiskAndEachReplays() throws Exception {
        needTmpfs();
        for (String format : List.of("png", "mjpeg")) {
            Path source = noiseSession(tmp.resolve("noise-" + format), 30);
            Path out = tiny.resolve("rec-" + format);
            Path filler = tiny.resolve("filler");
            Files.write(filler, new byte[(int) Math.max(0, Files.getFileStore(tiny).getUsableSpace() - 700_000)]);
            GeneratedBadInputTest.Outcome o = run("record", "--source", "replay:" + source, "--format", format,
                    "--out", out.toString());
            assertOneLine(o, "No space left", "keeps the");
            int listed = SessionManifest.read(out).frames().size();
            assertThat(listed).as(format + " pairs listed before the disk filled").isGreaterThan(2);
            try (Stream<Path> s = Files.list(out)) {
                assertThat(s.filter(p -> p.getFileName().toString().matches("left_\\d+\\.png")).count())
                        .as("left images on disk").isEqualTo(format.equals("png") ? listed : 0);
            }
            int replayed = 0;
            try (StereoSource src = ReplaySource.open(out, CameraSettings.defaults())) {
                for (StereoFrame f; (f = src.next()) != null; replayed++) {
                    assertThat(f.left().cols()).isEqualTo(160);
                    f.close();
                }
            }
            assertThat(replayed).isEqualTo(listed);
            deleteTree(out);
            Files.delete(filler);
        }
    }

    @Test
    void aFailedDisparityOnAFullDiskLeavesTheOldFilesAloneAndAddsNone() throws Exception {
        needTmpfs();
        Path scene = tmp.resolve("scene");
        assertThat(run("sim", "--out", scene.toString(), "--width", "320", "--height", "240", "--supersampling", "1").code())
                .isZero();
        Path out = Files.createDirectories(tiny.resolve("d"));
        Files.writeString(out.resolve("disparity.png"), "an older result of another scene");
        long free = Files.getFileStore(out).getUsableSpace();
        Files.write(out.resolve("filler"), new byte[(int) Math.max(0, free - 150_000)]);
        Map<Path, String> before = GeneratedBadInputTest.hashes(out);
        GeneratedBadInputTest.Outcome o = run("disparity", scene.resolve("im0.png").toString(),
                scene.resolve("im1.png").toString(), "-o", out.toString(), "--preset", "fast");
        assertOneLine(o, "No space left");
        assertThat(GeneratedBadInputTest.hashes(out)).isEqualTo(before);
        try (Stream<Path> s = Files.list(out)) {
            assertThat(s.map(p -> p.getFileName().toString()).toList()).containsExactlyInAnyOrder("disparity.png", "filler");
        }
        deleteTree(out);
    }

    @Test
    void outputsNeverLandOnInputsOrOutsideTheirFolder(@TempDir Path dir) throws Exception {
        Path scene = dir.resolve("scene");
        assertThat(run("sim", "--out", scene.toString(), "--width", "96", "--height", "64", "--supersampling", "1").code())
                .isZero();
        Map<Path, String> before = GeneratedBadInputTest.hashes(dir);
        String im0 = scene.resolve("im0.png").toString();
        String im1 = scene.resolve("im1.png").toString();
        // a base name that is an input beside it, and one that climbs out of the output folder
        assertOneLine(run("disparity", im0, im1, "-o", scene.toString(), "--name", "im0", "--preset", "fast"),
                "im0.png", "inputs");
        assertOneLine(run("disparity", im0, im1, "-o", scene.toString(), "--name", "../x", "--preset", "fast"), "--name");
        // a calibration written over one of the images it is computed from
        assertOneLine(run("calibrate", scene.toString(), "--board", "chess:9x6:25", "--out", im0));
        // a textured mesh that fails after its image and material would have been written
        assertOneLine(run("cloud", im0, "--disparity", scene.resolve("disp0GT.pfm").toString(), "--calib-txt",
                scene.resolve("calib.txt").toString(), "--mesh", "--texture", "--out", dir.resolve("m.obj").toString(),
                "--min-depth", "50"));
        assertThat(GeneratedBadInputTest.hashes(dir)).as("nothing written, nothing changed").isEqualTo(before);
        // a folder that does not exist yet is made
        Path deep = dir.resolve("new/deeper");
        GeneratedBadInputTest.Outcome ok = run("disparity", im0, im1, "-o", deep.toString(), "--preset", "fast");
        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(deep.resolve("disparity.pfm")).isRegularFile();
    }

    @Test
    void anOverLongNameIsOneLine(@TempDir Path dir) throws Exception {
        Path scene = dir.resolve("scene");
        assertThat(run("sim", "--out", scene.toString(), "--width", "96", "--height", "64", "--supersampling", "1").code())
                .isZero();
        GeneratedBadInputTest.Outcome o = run("cloud", scene.resolve("im0.png").toString(), "--disparity",
                scene.resolve("disp0GT.pfm").toString(), "--calib-txt", scene.resolve("calib.txt").toString(),
                "--out", dir.resolve("x".repeat(300) + ".ply").toString());
        assertOneLine(o, "File name too long");
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString()).toList()).containsExactly("scene");
        }
    }

    @Test
    void craftedHeadersAreRefusedWithTheFieldAndItsRange(@TempDir Path dir) throws Exception {
        Path scene = dir.resolve("scene");
        assertThat(run("sim", "--out", scene.toString(), "--width", "96", "--height", "64", "--supersampling", "1").code())
                .isZero();
        Path raw = dir.resolve("raw");
        assertThat(run("sim", "--out", raw.toString(), "--raw", "--width", "96", "--height", "64", "--supersampling", "1")
                .code()).isZero();
        String im0 = scene.resolve("im0.png").toString();
        Path pfm = dir.resolve("huge.pfm");
        Files.writeString(pfm, "Pf\n2000000000 2000000000\n-1.0\nabcd");
        assertOneLine(run("cloud", im0, "--disparity", pfm.toString(), "--calib-txt", scene.resolve("calib.txt").toString(),
                "--out", dir.resolve("c.ply").toString()), "huge.pfm", "2000000000x2000000000", "expected 1 to");
        Path calib0 = dir.resolve("calib0.txt");
        Files.writeString(calib0, Files.readString(scene.resolve("calib.txt")).replaceFirst("cam0=\\[[0-9.]+", "cam0=[0"));
        assertOneLine(run("cloud", im0, "--disparity", scene.resolve("disp0GT.pfm").toString(), "--calib-txt",
                calib0.toString(), "--out", dir.resolve("c.ply").toString()), "calib0.txt", "focal length 0.0");
        String yml = Files.readString(raw.resolve("calibration-truth.yml"));
        Map<String, String> broken = Map.of(
                "six-terms.yml", yml.replaceFirst("(D1: !!opencv-matrix\\s+rows: 1\\s+cols: )5(\\s+dt: d\\s+data: \\[ )",
                        "$16$2 0.0,"),
                "wide.yml", yml.replaceFirst("image_width: \\d+", "image_width: 200000"),
                "far-focal.yml", yml.replaceFirst("(K1: !!opencv-matrix\\s+rows: 3\\s+cols: 3\\s+dt: d\\s+data: \\[ )[-0-9.e]+",
                        "$11e300"),
                "long-string.yml", yml + "note: \"" + "x".repeat(3_000_000) + "\"\n");
        for (var e : broken.entrySet()) {
            assertThat(e.getValue()).as(e.getKey() + " differs from the good file").isNotEqualTo(yml);
            Path f = Files.writeString(dir.resolve(e.getKey()), e.getValue());
            long t0 = System.nanoTime();
            assertOneLine(run("rectify", "--calibration", f.toString(), raw.resolve("im0.png").toString(),
                    raw.resolve("im1.png").toString(), "--out", dir.resolve("r").toString()), e.getKey(),
                    e.getKey().startsWith("long") ? "too large" : "expected");
            assertThat((System.nanoTime() - t0) / 1e9).as(e.getKey() + " refused in seconds").isLessThan(5);
        }
        assertThat(dir.resolve("r")).doesNotExist();
    }

    /** A PNG whose header claims a size its one row of data does not have: decoding it would take gigabytes. */
    static Path claimedPng(Path file, int w, int h) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        java.nio.ByteBuffer ihdr = java.nio.ByteBuffer.allocate(13).putInt(w).putInt(h).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0);
        chunk(out, "IHDR", ihdr.array());
        java.io.ByteArrayOutputStream row = new java.io.ByteArrayOutputStream();
        try (java.util.zip.DeflaterOutputStream z = new java.util.zip.DeflaterOutputStream(row)) {
            z.write(new byte[1 + 3 * 64]);
        }
        chunk(out, "IDAT", row.toByteArray());
        chunk(out, "IEND", new byte[0]);
        return Files.write(file, out.toByteArray());
    }

    static void chunk(java.io.ByteArrayOutputStream out, String type, byte[] data) throws IOException {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        byte[] t = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        crc.update(t);
        crc.update(data);
        out.write(java.nio.ByteBuffer.allocate(4).putInt(data.length).array());
        out.write(t);
        out.write(data);
        out.write(java.nio.ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    @Test
    void picturesTooLargeToMatchAreRefusedFromTheirHeaderAtOnce(@TempDir Path dir) throws Exception {
        Path huge = claimedPng(dir.resolve("huge.png"), 20000, 20000);
        Path out = dir.resolve("out");
        long t0 = System.nanoTime();
        assertOneLine(run("disparity", huge.toString(), huge.toString(), "-o", out.toString()),
                "huge.png", "20000x20000", "400 megapixels", "over the 50");
        Path calib = Files.writeString(dir.resolve("calib.txt"), "cam0=[500 0 32; 0 500 24; 0 0 1]\n"
                + "cam1=[500 0 32; 0 500 24; 0 0 1]\ndoffs=0\nbaseline=60\nwidth=20000\nheight=20000\nndisp=64\n");
        assertOneLine(run("cloud", huge.toString(), huge.toString(), "--calib-txt", calib.toString(), "--out",
                out.resolve("c.ply").toString()), "huge.png", "megapixels");
        assertThat((System.nanoTime() - t0) / 1e9).as("refused without decoding").isLessThan(5);
        assertThat(out).doesNotExist();
        // the Java heap a cloud needs is checked the same way, before any work
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> io.github.stereostation.cloud.OrganizedCloud
                        .requireHeapFor(Runtime.getRuntime().maxMemory(), "x.png"))
                .hasMessageContaining("Java heap").hasMessageContaining("-Xmx");
    }

    @Test
    void aSymbolicLinkInASessionIsNotFollowedOutOfIt(@TempDir Path dir) throws Exception {
        Path session = noiseSession(dir.resolve("s"), 2);
        Path outside = dir.resolve("elsewhere.png");
        Files.move(session.resolve("left_000001.png"), outside);
        Files.createSymbolicLink(session.resolve("left_000001.png"), outside);
        assertOneLine(run("record", "--source", "replay:" + session, "--out", dir.resolve("copy").toString()),
                "left_000001.png", "outside the session");
    }

    @Test
    void aCalibratedCloudDropsPointsBeyondTheStatedMaximumDepth(@TempDir Path dir) throws Exception {
        Path scene = dir.resolve("scene");
        assertThat(run("sim", "--out", scene.toString(), "--width", "96", "--height", "64", "--supersampling", "1").code())
                .isZero();
        // the scene's disparities with a band of far ones (0.01 px: hundreds of metres at this rig)
        Mat d = Pfm.read(scene.resolve("disp0GT.pfm"));
        for (int x = 0; x < d.cols(); x++) {
            d.put(10, x, 0.01f);
        }
        Path far = dir.resolve("far.pfm");
        Pfm.write(far, d);
        d.release();
        String[] base = {"cloud", scene.resolve("im0.png").toString(), "--disparity", far.toString(), "--calib-txt",
                scene.resolve("calib.txt").toString()};
        GeneratedBadInputTest.Outcome o = run(concat(base, "--out", dir.resolve("default.ply").toString()));
        assertThat(o.code()).as(o.err()).isZero();
        o = run(concat(base, "--out", dir.resolve("all.ply").toString(), "--max-depth", "Infinity"));
        assertThat(o.code()).as(o.err()).isZero();
        float[] kept = PlyReader.read(dir.resolve("default.ply")).vertices().positions();
        float[] all = PlyReader.read(dir.resolve("all.ply")).vertices().positions();
        double maxZ = 0;
        for (int i = 2; i < kept.length; i += 3) {
            maxZ = Math.max(maxZ, kept[i]);
        }
        assertThat(maxZ).isLessThanOrEqualTo(100);
        assertThat(all.length - kept.length).as("the far row's points dropped").isEqualTo(3 * 96);
    }

    static String[] concat(String[] a, String... b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    static Mat noise(int seed) {
        Mat m = new Mat(120, 160, CvType.CV_8UC3);
        org.opencv.core.Core.setRNGSeed(seed);
        org.opencv.core.Core.randu(m, 0, 256);
        return m;
    }

    static void deleteTree(Path p) throws IOException {
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        }
    }
}
