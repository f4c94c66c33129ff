package io.github.stereostation.pipeline;

import io.github.stereostation.OpenCvNative;
import io.github.stereostation.cloud.PlyReader;
import io.github.stereostation.cloud.PointCloud;
import io.github.stereostation.depth.DisparityMap;
import io.github.stereostation.depth.DisparityMatcher;
import io.github.stereostation.depth.DisparityMetrics;
import io.github.stereostation.depth.Pfm;
import io.github.stereostation.depth.Preset;
import io.github.stereostation.geometry.DisparityToDepth;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import io.github.stereostation.geometry.DisparityToDepth;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Mat;
import org.opencv.imgcodecs.Imgcodecs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The station's loop on the synthetic rig, scored against the rig's own truth. */
class LiveLoopTest {
    private static final int W = 320;
    private static final int H = 240;

    @BeforeAll
    static void load() {
        OpenCvNative.load();
    }

    @AfterEach
    void noThreadLeft() {
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(
                t -> t.getName().startsWith(StationPipeline.THREAD_PREFIX) && t.isAlive());
    }

    /** The fast preset with a fixed range, so the offline matcher cannot pick a different one per frame. */
    private static Preset fast64() {
        Preset p = Preset.load("fast");
        return p.withMatcher(p.matcher().withNumDisparities(64));
    }

    private record Scored(long sequence, double pipelineBad2, double offlineBad2) {
    }

    @Test
    void bad2OfTheLoopsFramesEqualsTheOfflineMatcherOnTheSameFrames() throws Exception {
        Preset preset = fast64();
        List<Scored> scores = new CopyOnWriteArrayList<>();
        List<Boolean> confidenceKept = new CopyOnWriteArrayList<>();
        AtomicReference<LiveLoop> ref = new AtomicReference<>();
        try (DisparityMatcher offline = preset.createMatcher()) {
            FrameSink sink = job -> {
                GroundTruthTap.Truth t = ref.get() == null ? null : ref.get().truth().truth(job.sequence());
                if (t == null) {
                    return;
                }
                float[] d = new float[W * H];
                job.disparity().get(0, 0, d);
                float[] o = new float[W * H];
                try (DisparityMap m = offline.compute(job.frame().left(), job.frame().right())) {
                    m.disparity().get(0, 0, o);
                    // The matcher's confidence travels with the job, unchanged.
                    confidenceKept.add(m.confidence() != null && job.confidence() != null
                            && Core.norm(m.confidence(), job.confidence(), Core.NORM_INF) == 0);
                }
                scores.add(new Scored(job.sequence(),
                        DisparityMetrics.measure(d, t.disparity(), t.nonOccluded()).bad2(),
                        DisparityMetrics.measure(o, t.disparity(), t.nonOccluded()).bad2()));
            };
            LiveLoop loop = LiveLoop.open(LoopSpec.synthetic(W, H), () -> preset, sink);
            ref.set(loop);
            try (loop) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (scores.size() < 5 && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertThat(loop.geometry()).isNotNull();
            }
            assertThat(loop.truth().rig().isClosed()).isTrue();
        }
        assertThat(scores).hasSizeGreaterThanOrEqualTo(5);
        assertThat(confidenceKept).hasSizeGreaterThanOrEqualTo(5).containsOnly(true);
        for (Scored s : scores) {
            assertThat(s.pipelineBad2()).as("frame %d", s.sequence()).isCloseTo(s.offlineBad2(), within(1e-9));
        }
        double mean = scores.stream().mapToDouble(Scored::pipelineBad2).average().orElseThrow();
        // bad-2 is in percent: a real matcher on a textured desk gets most pixels within 2 px of the truth,
        // but not all (the output is not a copy of the truth)
        assertThat(mean).isBetween(0.1, 25.0);
    }

    @Test
    void autoWithoutCamerasShowsTheIdealRigWithItsDistancesAndTruthAndSaysWhy() {
        org.junit.jupiter.api.Assumptions.assumeTrue(io.github.stereostation.capture.CameraDiscovery.discover(
                        io.github.stereostation.source.StereoSources.AUTO_DISCOVERY, true, false).cameras().size() < 2,
                "two cameras are attached; this test is about a machine without them");
        Preset preset = Preset.load("fast");
        try (LiveLoop loop = LiveLoop.open(LoopSpec.synthetic(64, 48).withSource("auto"), () -> preset, job -> { })) {
            assertThat(loop.sourceNote()).contains("synthetic rig");
            assertThat(loop.truth()).isNotNull();
            assertThat(loop.geometry()).isNotNull();
            assertThat(loop.describeCalibration()).contains("ideal synthetic rig");
        }
    }

    @Test
    void withDistancesTheRangeFollowsTheNearestWorkingDistanceAndCoversTheScene() throws Exception {
        Preset auto = Preset.load("fast"); // range 0: left to the images
        LoopSpec spec = LoopSpec.synthetic(W, H);
        List<Preset> used = new CopyOnWriteArrayList<>();
        List<Float> truthMax = new CopyOnWriteArrayList<>();
        AtomicReference<LiveLoop> ref = new AtomicReference<>();
        try (LiveLoop loop = LiveLoop.open(spec, () -> auto, job -> {
            GroundTruthTap.Truth t = ref.get() == null ? null : ref.get().truth().truth(job.sequence());
            if (t != null) {
                float max = 0;
                for (float d : t.disparity()) {
                    max = Float.isFinite(d) ? Math.max(max, d) : max;
                }
                truthMax.add(max);
                used.add((Preset) job.settings());
            }
        })) {
            ref.set(loop);
            waitFor(() -> used.size() >= 3);
            DisparityToDepth g = loop.geometry();
            // the disparity of a surface at the nearest working distance, from the rig's own focal length and baseline
            double nearestPx = g.focalPx() * g.baselineMetres() / spec.matcher().nearestMetres() - g.offsetPx();
            for (Preset p : List.copyOf(used)) {
                int n = p.matcher().numDisparities();
                assertThat(n).isGreaterThan((int) nearestPx).isLessThanOrEqualTo((int) nearestPx + 17);
            }
            assertThat(List.copyOf(truthMax)).allSatisfy(m -> assertThat(m).isPositive().isLessThan((float) nearestPx));
            // the window shows what the automatic range became, and why
            int n = used.get(used.size() - 1).matcher().numDisparities();
            assertThat(loop.describeSearchedRange()).isEqualTo("0–" + (n - 1) + " px (from 0.50 m on)");
        }
        // a range given by the user stands
        Preset given = fast64();
        assertThat(spec.withWorkingRange(given, new DisparityToDepth(560, 0.06, 0, 160, 120), W)).isEqualTo(given);
        // a working distance nearer than the image can show is capped inside the image
        assertThat(spec.withWorkingRange(auto, new DisparityToDepth(5600, 0.06, 0, 160, 120), W)
                .matcher().numDisparities()).isEqualTo(304);
    }

    @Test
    void tuningEditsApplyOnTheNextFramesAndRebuildTheMatcherOnlyWhenChanged() throws Exception {
        Preset first = fast64();
        Preset second = first.withMatcher(first.matcher().withUniqueness(25));
        AtomicReference<Preset> tuning = new AtomicReference<>(first);
        List<Object> used = new CopyOnWriteArrayList<>();
        try (LiveLoop loop = LiveLoop.open(LoopSpec.synthetic(W, H), tuning::get, job -> used.add(job.settings()))) {
            waitFor(() -> used.size() >= 3);
            assertThat(loop.matcherBuilds()).isEqualTo(1);
            assertThat(loop.describeSearchedRange()).isEqualTo("0–63 px (as set)"); // a range set by hand stands
            tuning.set(second);
            int mark = used.size();
            waitFor(() -> used.size() >= mark + 4);
            assertThat(loop.matcherBuilds()).isEqualTo(2);
            // a frame already past the match stage may still show the old settings; later ones use the new
            // (a copy: the loop keeps adding while the assertions read)
            List<Object> seen = List.copyOf(used);
            assertThat(seen.subList(mark + 2, seen.size())).allMatch(second::equals);
            assertThat(seen.subList(0, mark)).allMatch(first::equals);
        }
    }

    @Test
    void snapshotSavesPairDisparityDepthAndCloudThatAgree(@TempDir Path dir) throws Exception {
        Preset preset = fast64();
        try (LiveLoop loop = LiveLoop.open(LoopSpec.synthetic(W, H), () -> preset, job -> { })) {
            SnapshotTaker.Snapshot snap = loop.snapshots().request(dir).get(60, TimeUnit.SECONDS);
            Path folder = snap.folder();
            assertThat(folder.getParent()).isEqualTo(dir);
            assertThat(folder.resolve("left.png")).isRegularFile();
            assertThat(folder.resolve("right.png")).isRegularFile();
            assertThat(folder.resolve("disparity.png")).isRegularFile();
            // the matcher's confidence is kept with the frame: the same pair matched offline gives the same map
            Mat savedLeft = Imgcodecs.imread(folder.resolve("left.png").toString(), Imgcodecs.IMREAD_UNCHANGED);
            Mat savedRight = Imgcodecs.imread(folder.resolve("right.png").toString(), Imgcodecs.IMREAD_UNCHANGED);
            Mat confidence = Imgcodecs.imread(folder.resolve("confidence.png").toString(), Imgcodecs.IMREAD_UNCHANGED);
            try (DisparityMatcher offline = preset.createMatcher();
                 DisparityMap m = offline.compute(savedLeft, savedRight)) {
                assertThat(m.confidence()).isNotNull();
                assertThat(confidence.size()).isEqualTo(m.confidence().size());
                assertThat(Core.norm(confidence, m.confidence(), Core.NORM_INF)).isZero();
            }
            savedLeft.release();
            savedRight.release();
            confidence.release();
            Mat d = Pfm.read(folder.resolve("disparity.pfm"));
            Mat z = Pfm.read(folder.resolve("depth.pfm"));
            float[] dv = new float[W * H];
            float[] zv = new float[W * H];
            d.get(0, 0, dv);
            z.get(0, 0, zv);
            DisparityToDepth g = loop.geometry();
            int checked = 0;
            for (int i = 0; i < dv.length; i++) {
                if (!Float.isNaN(dv[i]) && dv[i] > 1) {
                    assertThat((double) zv[i]).isCloseTo(g.depthMetres(dv[i]), within(1e-4 * g.depthMetres(dv[i])));
                    checked++;
                }
            }
            assertThat(checked).isGreaterThan(W * H / 2);
            PointCloud cloud = PlyReader.read(folder.resolve("cloud.ply")).vertices();
            assertThat(cloud.size()).isGreaterThan(W * H / 2).isEqualTo(snap.cloud().size());
            // every point's z is a depth of the map: the cloud's nearest and farthest match the map's
            double minZ = Double.MAX_VALUE;
            for (int i = 2; i < cloud.positions().length; i += 3) {
                minZ = Math.min(minZ, cloud.positions()[i]);
            }
            double minMap = Double.MAX_VALUE;
            for (float v : zv) {
                if (!Float.isNaN(v) && v >= 0.05) {
                    minMap = Math.min(minMap, v);
                }
            }
            assertThat(minZ).isCloseTo(minMap, within(1e-3));
            d.release();
            z.release();
            assertThat(Files.list(folder).map(p -> p.getFileName().toString()))
                    .noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier c) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!c.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(c.getAsBoolean()).isTrue();
    }
}
