package io.github.stereostation.models;

import io.github.stereostation.OpenCvNative;
import io.github.stereostation.UserInputException;
import io.github.stereostation.depth.MonoDepth;
import io.github.stereostation.depth.MonoModels;
import io.github.stereostation.depth.OnnxMonoDepthEstimator;
import io.github.stereostation.depth.OnnxTestModelsAccess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CancellationException;

import static io.github.stereostation.models.ModelServer.sha256;
import static io.github.stereostation.models.ModelServer.sidecar;
import static org.assertj.core.api.Assertions.assertThat;
import static io.github.stereostation.models.ModelServer.sha256;
import static io.github.stereostation.models.ModelServer.sidecar;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Fetches through real HTTP from a server on the loopback address (no other network): full downloads, a download
 * cut half-way and resumed with a Range request, a wrong checksum, a stalled server, a 404, an environment proxy,
 * and the fetched file loaded by the real ONNX Runtime path.
 */
class ModelFetcherTest {

    @TempDir
    Path folder;

    private final List<ModelServer> servers = new ArrayList<>();

    @BeforeAll
    static void opencv() {
        OpenCvNative.load();
    }

    @AfterEach
    void stopServers() {
        servers.forEach(ModelServer::close);
    }

    private ModelServer serve(byte[] file) throws IOException {
        ModelServer s = new ModelServer(file);
        servers.add(s);
        return s;
    }

    static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new Random(17).nextBytes(b);
        return b;
    }

    /** depth = R plane (after /255, no normalisation) on a fixed 16x16 input: a uniform red photo gives 1.0. */
    static byte[] tinyModel() {
        return OnnxTestModelsAccess.linearDepth(16L, 16L, new float[]{1, 0, 0}, 0f);
    }

    private static ModelFetcher fetcher(Duration stall, Map<String, String> env) {
        return new ModelFetcher(new ModelFetcher.Settings(Duration.ofSeconds(5), stall, env));
    }

    private static ModelFetcher fetcher() {
        return fetcher(Duration.ofSeconds(10), Map.of());
    }

    private ModelFetcher.Result fetch(ModelFetcher f, List<FetchProgress> seen) {
        ModelCatalog catalog = new ModelCatalog(List.of(folder));
        KnownModel model = catalog.find("tiny");
        return f.fetch(model, catalog.target(model), seen::add, new ModelFetcher.Cancellation());
    }

    @Test
    void fullDownloadIsVerifiedInstalledAndRunsInOnnxRuntime() throws Exception {
        byte[] onnx = tinyModel();
        ModelServer server = serve(onnx);
        sidecar(folder, "tiny", server.url("/model.onnx"), onnx.length, sha256(onnx));
        List<FetchProgress> seen = new ArrayList<>();

        ModelFetcher.Result result = fetch(fetcher(), seen);

        assertThat(result.verified()).isTrue();
        assertThat(result.file()).isEqualTo(folder.resolve("tiny.onnx"));
        assertThat(Files.readAllBytes(result.file())).isEqualTo(onnx);
        assertThat(ModelFetcher.partFile(result.file())).doesNotExist();
        assertThat(seen.get(seen.size() - 1).doneBytes()).isEqualTo(onnx.length);
        assertThat(server.ranges).containsExactly((String) null);

        MonoModels.Found found = MonoModels.resolve(null, List.of(folder));
        assertThat(found.model()).isEqualTo(folder.resolve("tiny.onnx"));
        Mat red = new Mat(24, 32, CvType.CV_8UC3, new Scalar(0, 0, 255));
        try (OnnxMonoDepthEstimator est = new OnnxMonoDepthEstimator(found.model(), found.spec(), 1,
                OnnxMonoDepthEstimator.DEFAULT_MAX_PIXELS);
             MonoDepth depth = est.estimate(red)) {
            Core.MinMaxLocResult mm = Core.minMaxLoc(depth.inverseDepth());
            assertThat(mm.minVal).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
            assertThat(mm.maxVal).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
        } finally {
            red.release();
        }

        // a second fetch finds the verified file and asks the server nothing
        ModelFetcher.Result again = fetch(fetcher(), new ArrayList<>());
        assertThat(again.alreadyInstalled()).isTrue();
        assertThat(server.requests).hasSize(1);
    }

    @Test
    void aDownloadCutHalfWayResumesWithARangeRequest() throws Exception {
        byte[] file = randomBytes(3_000_000);
        ModelServer server = serve(file);
        server.cutFirstAnswerAt = 1_400_000;
        // through a redirect, as GitHub release downloads go: the Range header must survive it
        sidecar(folder, "tiny", server.url("/release/model.onnx"), file.length, sha256(file));
        Path target = folder.resolve("tiny.onnx");

        assertThatThrownBy(() -> fetch(fetcher(), new ArrayList<>()))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("closed after 1.4 MB of 3.0 MB")
                .hasMessageContaining("fetch again to resume");
        assertThat(target).doesNotExist();
        assertThat(ModelFetcher.partFile(target)).hasSize(1_400_000);

        long sentBefore = server.bytesSent.get();
        ModelFetcher.Result result = fetch(fetcher(), new ArrayList<>());

        assertThat(server.ranges).containsExactly(null, "bytes=1400000-");
        assertThat(server.bytesSent.get() - sentBefore).isEqualTo(file.length - 1_400_000);
        assertThat(result.resumedFromBytes()).isEqualTo(1_400_000);
        assertThat(result.verified()).isTrue();
        assertThat(Files.readAllBytes(target)).isEqualTo(file);
        assertThat(ModelFetcher.partFile(target)).doesNotExist();
    }

    @Test
    void aWrongChecksumIsRefusedAndNothingIsInstalled() throws Exception {
        byte[] file = randomBytes(200_000);
        ModelServer server = serve(file);
        String other = sha256(new byte[]{1, 2, 3});
        sidecar(folder, "tiny", server.url("/model.onnx"), file.length, other);

        assertThatThrownBy(() -> fetch(fetcher(), new ArrayList<>()))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("SHA-256 " + sha256(file) + " does not match the pinned " + other)
                .hasMessageContaining("nothing was installed");
        try (var files = Files.list(folder)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("tiny.yaml");
        }
    }

    @Test
    void aStalledServerTimesOutWithAClearMessageAndKeepsThePart() throws Exception {
        byte[] file = randomBytes(500_000);
        ModelServer server = serve(file);
        server.stallAfter = 100_000;
        sidecar(folder, "tiny", server.url("/model.onnx"), file.length, sha256(file));
        long t0 = System.nanoTime();

        assertThatThrownBy(() -> fetch(fetcher(Duration.ofMillis(300), Map.of()), new ArrayList<>()))
                .isInstanceOf(UserInputException.class)
                .hasMessageStartingWith("the download stalled: no data for 0.3 s after 0.1 MB of 0.5 MB")
                .hasMessageContaining("fetch again to resume");

        assertThat((System.nanoTime() - t0) / 1e9).isLessThan(5);
        assertThat(folder.resolve("tiny.onnx")).doesNotExist();
        assertThat(ModelFetcher.partFile(folder.resolve("tiny.onnx"))).hasSize(100_000);
    }

    @Test
    void aMissingFileIsAnHttpErrorNamingTheUrl() throws Exception {
        ModelServer server = serve(randomBytes(10));
        URI missing = server.url("/moved.onnx");
        sidecar(folder, "tiny", missing, 10, null);

        assertThatThrownBy(() -> fetch(fetcher(), new ArrayList<>()))
                .isInstanceOf(UserInputException.class)
                .hasMessage(missing + ": HTTP 404 Not Found; nothing was installed");
        try (var files = Files.list(folder)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("tiny.yaml");
        }
    }

    @Test
    void aFileWithoutPinnedChecksumIsKeptButSaidToBeUnverified() throws Exception {
        byte[] file = randomBytes(50_000);
        ModelServer server = serve(file);
        sidecar(folder, "tiny", server.url("/model.onnx"), 0, null);
        List<String> notes = new ArrayList<>();
        ModelCatalog catalog = new ModelCatalog(List.of(folder));
        KnownModel model = catalog.find("tiny");

        ModelFetcher.Result result = fetcher().fetch(model, catalog.target(model), new ModelFetcher.Listener() {
            @Override
            public void progress(FetchProgress progress) {
            }

            @Override
            public void note(String line) {
                notes.add(line);
            }
        }, new ModelFetcher.Cancellation());

        assertThat(result.verified()).isFalse();
        assertThat(notes).containsExactly("no pinned SHA-256 for tiny, so the file could not be verified; its SHA-256 is "
                + sha256(file));
    }

    @Test
    void theHttpProxyEnvironmentVariableIsHonouredAndADeadProxyIsNamed() throws Exception {
        byte[] file = randomBytes(20_000);
        ModelServer proxy = serve(file);
        URI far = URI.create("http://models.example.invalid/model.onnx");
        sidecar(folder, "tiny", far, file.length, sha256(file));

        ModelFetcher.Result result = fetch(fetcher(Duration.ofSeconds(5),
                Map.of("http_proxy", "http://127.0.0.1:" + proxy.port())), new ArrayList<>());

        assertThat(result.verified()).isTrue();
        assertThat(proxy.requests).containsExactly(far); // the absolute URI: it came as a proxy request
        Files.delete(result.file());

        int closedPort;
        try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        int dead = closedPort;
        assertThatThrownBy(() -> fetch(fetcher(Duration.ofSeconds(5), Map.of("HTTP_PROXY", "127.0.0.1:" + dead)),
                new ArrayList<>()))
                .isInstanceOf(UserInputException.class)
                .hasMessageStartingWith("cannot reach the proxy 127.0.0.1");
    }

    @Test
    void noProxyExemptsAHostAndTheErrorThenNamesTheLookup() throws Exception {
        URI far = URI.create("http://models.example.invalid/model.onnx");
        sidecar(folder, "tiny", far, 10, null);

        assertThatThrownBy(() -> fetch(fetcher(Duration.ofSeconds(5), Map.of("http_proxy", "http://127.0.0.1:9",
                "no_proxy", "localhost,.example.invalid")), new ArrayList<>()))
                .isInstanceOf(UserInputException.class)
                .hasMessage("cannot look up models.example.invalid (no network, or no DNS?)");
    }

    @Test
    void javasOwnProxyPropertiesWinOverTheEnvironment() throws Exception {
        byte[] file = randomBytes(20_000);
        ModelServer proxy = serve(file);
        URI far = URI.create("http://models.example.invalid/model.onnx");
        sidecar(folder, "tiny", far, file.length, sha256(file));
        System.setProperty("http.proxyHost", "127.0.0.1");
        System.setProperty("http.proxyPort", String.valueOf(proxy.port()));
        try {
            ModelFetcher.Result result = fetch(fetcher(Duration.ofSeconds(5),
                    Map.of("http_proxy", "http://127.0.0.1:9")), new ArrayList<>()); // a dead one, not used

            assertThat(result.verified()).isTrue();
            assertThat(proxy.requests).containsExactly(far);
        } finally {
            System.clearProperty("http.proxyHost");
            System.clearProperty("http.proxyPort");
        }
    }

    @Test
    void tooLittleDiskSpaceIsRefusedBeforeAnyByteIsFetched() throws Exception {
        ModelServer server = serve(randomBytes(10));
        sidecar(folder, "tiny", server.url("/model.onnx"), 4_000_000_000_000_000L, null);

        assertThatThrownBy(() -> fetch(fetcher(), new ArrayList<>()))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("not enough disk space for the model (4000000000.0 MB still to download");
        assertThat(server.requests).isEmpty();
    }

    /** A 2 MB tmpfs filled by a download of unknown size (chunked, no pinned size): needs root to mount it. */
    @Test
    void aDiskThatFillsUpMidwayIsOneLineAndNothingIsInstalled() throws Exception {
        Path small = Files.createDirectories(folder.resolve("small"));
        boolean mounted;
        try {
            Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", small.toString())
                    .redirectErrorStream(true).start();
            mounted = p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            mounted = false;
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(mounted,
                "full-disk case skipped: this machine does not let the test mount a 2 MB tmpfs (needs root)");
        try {
            byte[] file = randomBytes(3_000_000);
            ModelServer server = serve(file);
            server.chunked = true;
            sidecar(small, "tiny", server.url("/model.onnx"), 0, null);
            ModelCatalog catalog = new ModelCatalog(List.of(small));
            KnownModel model = catalog.find("tiny");

            assertThatThrownBy(() -> fetcher().fetch(model, catalog.target(model), p -> { },
                    new ModelFetcher.Cancellation()))
                    .isInstanceOf(UserInputException.class)
                    .hasMessageContaining("cannot write after")
                    .hasMessageContaining("No space left on device")
                    .hasMessageEndingWith("the part is kept, free some space and fetch again to resume");
            assertThat(catalog.target(model)).doesNotExist();
        } finally {
            new ProcessBuilder("umount", small.toString()).start().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    @Test
    void cancellingStopsAtOnceAndKeepsThePartForLater() throws Exception {
        byte[] file = randomBytes(400_000);
        ModelServer server = serve(file);
        server.stallAfter = 50_000;
        sidecar(folder, "tiny", server.url("/model.onnx"), file.length, sha256(file));
        ModelCatalog catalog = new ModelCatalog(List.of(folder));
        KnownModel model = catalog.find("tiny");
        ModelFetcher.Cancellation cancel = new ModelFetcher.Cancellation();
        Thread canceller = new Thread(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException ignored) {
                return;
            }
            cancel.cancel();
        });
        canceller.start();
        long t0 = System.nanoTime();

        assertThatThrownBy(() -> fetcher().fetch(model, catalog.target(model), p -> { }, cancel))
                .isInstanceOf(CancellationException.class);

        assertThat((System.nanoTime() - t0) / 1e9).isLessThan(5); // the 10 s stall timeout did not have to fire
        assertThat(ModelFetcher.partFile(catalog.target(model))).hasSize(50_000);
        assertThat(catalog.target(model)).doesNotExist();
    }
}
