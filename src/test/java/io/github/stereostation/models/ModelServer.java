package io.github.stereostation.models;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real HTTP server on the loopback address serving one file at /model.onnx the way a release host does
 * (Content-Length, Range requests answered with 206, /release/model.onnx redirecting there), with faults a test can switch on: cut the first answer
 * half-way, or stall after the first bytes. Everything else is 404.
 */
public final class ModelServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final byte[] file;
    private final CountDownLatch release = new CountDownLatch(1);
    /** The Range header of each request for the file (null when none), in order. */
    public final List<String> ranges = new CopyOnWriteArrayList<>();
    /** The request URIs as the server saw them (absolute when they came through a proxy). */
    public final List<URI> requests = new CopyOnWriteArrayList<>();
    public final AtomicLong bytesSent = new AtomicLong();
    public volatile long cutFirstAnswerAt = -1;
    public volatile long stallAfter = -1;
    /** Keep the client waiting this long before answering at all (a server that accepts and says nothing). */
    public volatile int silentMillis;
    /** Send the body chunked, without a Content-Length, as some servers do. */
    public volatile boolean chunked;
    /** Pause after each 8 KB chunk, to make a download slow enough to watch. */
    public volatile int chunkDelayMillis;

    public ModelServer(byte[] file) throws IOException {
        this.file = file.clone();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(pool);
        server.createContext("/", this::handle);
        server.start();
    }

    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange ex) throws IOException {
        requests.add(ex.getRequestURI());
        if (ex.getRequestURI().getPath().equals("/release/model.onnx")) { // as release hosts do: to the CDN
            ex.getResponseHeaders().add("Location", url("/model.onnx").toString());
            ex.sendResponseHeaders(302, -1);
            ex.close();
            return;
        }
        if (!ex.getRequestURI().getPath().equals("/model.onnx")) {
            ex.sendResponseHeaders(404, -1);
            ex.close();
            return;
        }
        if (silentMillis > 0) {
            try {
                release.await(silentMillis, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        String range = ex.getRequestHeaders().getFirst("Range");
        ranges.add(range);
        int start = 0;
        if (range != null && range.startsWith("bytes=") && range.endsWith("-")) {
            start = Integer.parseInt(range.substring(6, range.length() - 1));
            ex.getResponseHeaders().add("Content-Range", "bytes " + start + "-" + (file.length - 1) + "/" + file.length);
            ex.sendResponseHeaders(206, file.length - start);
        } else {
            ex.sendResponseHeaders(200, chunked ? 0 : file.length);
        }
        OutputStream out = ex.getResponseBody();
        int end = file.length;
        if (cutFirstAnswerAt >= 0 && ranges.size() == 1) {
            end = (int) cutFirstAnswerAt;
        }
        if (stallAfter >= 0) {
            end = Math.min(end, start + (int) stallAfter);
        }
        for (int i = start; i < end; i += 8192) {
            int n = Math.min(8192, end - i);
            out.write(file, i, n);
            bytesSent.addAndGet(n);
            if (chunkDelayMillis > 0) {
                out.flush();
                try {
                    Thread.sleep(chunkDelayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        out.flush();
        if (stallAfter >= 0) {
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        ex.close(); // short of Content-Length when cut: the connection is dropped, as a failing network does
    }

    public static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes tiny.yaml: a sidecar for tiny.onnx (16x16 RGB / 255) whose download section has these pins. */
    public static void sidecar(java.nio.file.Path folder, String id, URI url, long bytes, String sha)
            throws IOException {
        java.nio.file.Files.writeString(folder.resolve("tiny.yaml"), String.join("\n",
                "name: Tiny test net", "model: tiny.onnx", "inputWidth: 16", "inputHeight: 16", "multipleOf: 1",
                "keepAspect: false", "interpolation: linear", "channelOrder: RGB", "scaleToUnit: true",
                "normalizationInGraph: true", "output: inverse-depth",
                "download:", "  id: " + id, "  url: " + url, "  bytes: " + bytes,
                sha == null ? "" : "  sha256: " + sha, "  licence: test", ""));
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        pool.shutdownNow();
    }
}
