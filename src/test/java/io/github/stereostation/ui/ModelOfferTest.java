package io.github.stereostation.ui;

import io.github.stereostation.models.KnownModel;
import io.github.stereostation.models.ModelCatalog;
import io.github.stereostation.models.ModelFetcher;
import io.github.stereostation.models.ModelServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import javax.swing.SwingUtilities;
import java.awt.Dimension;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The window's offer when no mono model is installed, driven through its real buttons against a loopback HTTP
 * server and painted offscreen (target/screenshots/model-offer*.png): the download runs off the event thread with
 * progress, a failure stays on screen, a cancel keeps the part.
 */
class ModelOfferTest {

    @TempDir
    Path folder;

    private final AtomicInteger ready = new AtomicInteger();
    private final AtomicInteger gaveUp = new AtomicInteger();
    private final AtomicInteger closed = new AtomicInteger();

    private ModelOffer offer(ModelServer server, byte[] file, String sha) throws Exception {
        ModelServer.sidecar(folder, "tiny", server.url("/model.onnx"), file.length, sha);
        ModelCatalog catalog = new ModelCatalog(List.of(folder));
        KnownModel model = catalog.find("tiny");
        ModelFetcher fetcher = new ModelFetcher(new ModelFetcher.Settings(Duration.ofSeconds(5), Duration.ofSeconds(5),
                Map.of()));
        return onEdt(() -> {
            StationController.applyTheme(false);
            return new ModelOffer("Photo → 3D", catalog, model, fetcher, ready::incrementAndGet,
                    gaveUp::incrementAndGet, closed::incrementAndGet);
        });
    }

    static <T> T onEdt(Callable<T> job) throws Exception {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        SwingUtilities.invokeAndWait(() -> {
            try {
                result.set(job.call());
            } catch (Exception e) {
                failure.set(e);
            }
        });
        if (failure.get() != null) {
            throw failure.get();
        }
        return result.get();
    }

    static void shoot(ModelOffer offer, String name) throws Exception {
        BufferedImage shot = onEdt(() -> {
            invalidateAll(offer); // never shown in a window, so nothing else tells the layouts that sizes changed
            Dimension d = offer.getPreferredSize();
            offer.setSize(Math.max(d.width, 560), d.height);
            StationPanelScreenshotTest.layoutAll(offer);
            BufferedImage img = new BufferedImage(offer.getWidth(), offer.getHeight(), BufferedImage.TYPE_INT_RGB);
            Graphics2D g = img.createGraphics();
            offer.printAll(g);
            g.dispose();
            return img;
        });
        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        ImageIO.write(shot, "png", dir.resolve(name + ".png").toFile());
    }

    static void invalidateAll(java.awt.Component c) {
        c.invalidate();
        if (c instanceof java.awt.Container k) {
            for (java.awt.Component child : k.getComponents()) {
                invalidateAll(child);
            }
        }
    }

    static void waitFor(Callable<Boolean> condition, long millis) throws Exception {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (!onEdt(condition) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(onEdt(condition)).as("condition within " + millis + " ms").isTrue();
    }

    static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new Random(3).nextBytes(b);
        return b;
    }

    @Test
    void downloadShowsProgressOffTheEventThreadThenGoesOn() throws Exception {
        byte[] file = randomBytes(1_200_000);
        try (ModelServer server = new ModelServer(file)) {
            server.chunkDelayMillis = 10;
            ModelOffer offer = offer(server, file, ModelServer.sha256(file));
            assertThat(onEdt(() -> offer.downloadButton().getText())).isEqualTo("Download Tiny test net (1.2 MB)…");
            shoot(offer, "model-offer");

            SwingUtilities.invokeAndWait(() -> offer.downloadButton().doClick());
            // the event thread is free while bytes arrive: the progress line changes under our eyes
            waitFor(() -> offer.progressText().matches("0\\.[3-9] / 1\\.2 MB, [0-9.]+ MB/s, 0:0\\d left"), 10_000);
            assertThat(onEdt(() -> offer.downloadButton().isEnabled())).isFalse();
            shoot(offer, "model-offer-progress");

            waitFor(() -> ready.get() == 1, 20_000);
            assertThat(closed.get()).isEqualTo(1);
            assertThat(Files.readAllBytes(folder.resolve("tiny.onnx"))).isEqualTo(file);
            assertThat(gaveUp.get()).isZero();
        }
    }

    @Test
    void aFailureStaysOnScreenAndNothingGoesOn() throws Exception {
        byte[] file = randomBytes(100_000);
        try (ModelServer server = new ModelServer(file)) {
            ModelOffer offer = offer(server, file, ModelServer.sha256(new byte[]{9}));

            SwingUtilities.invokeAndWait(() -> offer.downloadButton().doClick());
            waitFor(() -> offer.downloadButton().isEnabled(), 10_000);

            assertThat(onEdt(offer::messageText)).contains("does not match the pinned").contains("nothing was installed");
            shoot(offer, "model-offer-error");
            assertThat(ready.get()).isZero();
            assertThat(closed.get()).isZero();
            assertThat(folder.resolve("tiny.onnx")).doesNotExist();
        }
    }

    @Test
    void cancelIsSaidAtOnceEvenWhileTheServerSaysNothing() throws Exception {
        byte[] file = randomBytes(100_000);
        try (ModelServer server = new ModelServer(file)) {
            server.silentMillis = 8_000;
            ModelOffer offer = offer(server, file, ModelServer.sha256(file));
            SwingUtilities.invokeAndWait(() -> offer.downloadButton().doClick());
            Thread.sleep(300);
            long t0 = System.nanoTime();

            SwingUtilities.invokeAndWait(() -> offer.closeButton().doClick());

            assertThat((System.nanoTime() - t0) / 1e9).isLessThan(1);
            assertThat(onEdt(offer::progressText)).isEqualTo("Download cancelled; the part is kept for a later resume.");
            assertThat(onEdt(() -> offer.downloadButton().isEnabled())).isTrue();
            server.close(); // the server answers now: the cancelled fetch must write nothing
            Thread.sleep(500);
            assertThat(ModelFetcher.partFile(folder.resolve("tiny.onnx"))).doesNotExist();
            assertThat(onEdt(offer::messageText)).isEmpty();
        }
    }

    @Test
    void cancelKeepsThePartAndASecondCancelCloses() throws Exception {
        byte[] file = randomBytes(2_000_000);
        try (ModelServer server = new ModelServer(file)) {
            server.chunkDelayMillis = 20;
            ModelOffer offer = offer(server, file, ModelServer.sha256(file));
            SwingUtilities.invokeAndWait(() -> offer.downloadButton().doClick());
            waitFor(() -> offer.progressText().contains(" / 2.0 MB"), 10_000);

            SwingUtilities.invokeAndWait(() -> offer.closeButton().doClick());
            waitFor(() -> offer.downloadButton().isEnabled(), 5_000);

            assertThat(onEdt(offer::progressText)).isEqualTo("Download cancelled; the part is kept for a later resume.");
            assertThat(onEdt(() -> offer.downloadButton().getText())).isEqualTo("Resume download of Tiny test net (2.0 MB)…");
            assertThat(ModelFetcher.partFile(folder.resolve("tiny.onnx"))).exists();
            assertThat(closed.get()).isZero();
            SwingUtilities.invokeAndWait(() -> offer.closeButton().doClick());
            assertThat(closed.get()).isEqualTo(1);
            assertThat(gaveUp.get()).isEqualTo(1);
            assertThat(ready.get()).isZero();
        }
    }
}
