package io.github.stereostation.models;

import io.github.stereostation.UserInputException;
import io.github.stereostation.io.AtomicFiles;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.NoRouteToHostException;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/**
 * Downloads a model's weights from its pinned URL into the model folder. The bytes go to a part file with a
 * distinct name ({@code .NAME.part}) that survives an interruption, so the next fetch asks the server for the rest
 * (HTTP Range); the finished file's size and SHA-256 are checked against the sidecar before it is moved into place
 * under the model's name in one atomic step. Nothing under the model's name is ever half-written. Failures are
 * one-line {@link UserInputException}s that say what happened and whether a rerun resumes.
 */
public final class ModelFetcher {

    /**
     * @param connectTimeout how long to wait for the server (or proxy) to accept the connection
     * @param stallTimeout   how long a download may receive nothing before it is given up
     * @param environment    where the https_proxy / http_proxy / no_proxy settings are read (the process's own)
     */
    public record Settings(Duration connectTimeout, Duration stallTimeout, Map<String, String> environment) {
        public Settings {
            environment = Map.copyOf(environment);
        }

        public static Settings defaults() {
            return new Settings(Duration.ofSeconds(20), Duration.ofSeconds(30), System.getenv());
        }

        public Settings withStallTimeout(Duration stall) {
            return new Settings(connectTimeout, stall, environment);
        }
    }

    /** What a fetch did. */
    public record Result(Path file, String sha256, boolean verified, long resumedFromBytes, boolean alreadyInstalled) {
    }

    /** Hears the progress of a download (called on the downloading thread, about ten times a second). */
    @FunctionalInterface
    public interface Listener {
        void progress(FetchProgress progress);

        /** A line worth telling the user (resuming, the server not resuming, an unverifiable file). */
        default void note(String line) {
        }
    }

    /** Lets another thread stop a download at once, even one waiting for the body's bytes; the part file is kept. */
    public static final class Cancellation {
        private volatile boolean cancelled;

        public void cancel() {
            cancelled = true;
        }

        public boolean isCancelled() {
            return cancelled;
        }

        void check() {
            if (cancelled) {
                throw new CancellationException("download cancelled");
            }
        }
    }

    private static final java.util.concurrent.locks.ReentrantLock PART_FILES = new java.util.concurrent.locks.ReentrantLock();
    private static final int BUFFER = 1 << 16;
    private static final long PROGRESS_NANOS = 100_000_000L;
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");

    private final Settings settings;
    private final Proxies proxies;

    public ModelFetcher(Settings settings) {
        this.settings = settings;
        this.proxies = new Proxies(settings.environment());
    }

    /** The part file a download of {@code target} writes to until it is verified. */
    public static Path partFile(Path target) {
        return target.resolveSibling("." + target.getFileName() + ".part");
    }

    /**
     * Fetches the model into {@code target} (normally {@link ModelCatalog#target}). A target that already holds the
     * pinned bytes is left as it is.
     */
    public Result fetch(KnownModel model, Path target, Listener listener, Cancellation cancellation) {
        ModelDownload d = model.download();
        Path folder = target.toAbsolutePath().getParent();
        if (!Files.isDirectory(folder)) {
            throw new UserInputException(folder + ": the model folder does not exist");
        }
        if (d.checksumKnown() && Files.isRegularFile(target) && d.sha256().equals(sha256Of(target))) {
            return new Result(target, d.sha256(), true, 0, true);
        }
        Path part = partFile(target);
        // one download at a time: a cancelled one may still be waiting for the server when the next starts
        PART_FILES.lock();
        try {
            long have = Files.isRegularFile(part) ? Files.size(part) : 0;
            if (d.bytes() > 0 && have > d.bytes()) {
                Files.delete(part);
                have = 0;
            }
            long resumedFrom = have;
            if (d.bytes() == 0 || have < d.bytes()) {
                resumedFrom = download(d, part, have, listener, cancellation);
            }
            return verifyAndInstall(model, part, target, resumedFrom, listener);
        } catch (IOException e) {
            throw new UserInputException(part + ": " + e.getMessage(), e);
        } finally {
            PART_FILES.unlock();
        }
    }

    /** Appends the rest of the file to the part file; returns the byte offset the server resumed from. */
    private long download(ModelDownload d, Path part, long have, Listener listener, Cancellation cancellation)
            throws IOException {
        URI url = d.url();
        Proxy proxy = proxies.forUri(url);
        String via = proxy == null ? "" : " through the proxy " + where(proxy);
        checkSpace(part, d.bytes() - have, d.bytes());
        HttpURLConnection http = null;
        try {
            http = (HttpURLConnection) (proxy == null ? url.toURL().openConnection() : url.toURL().openConnection(proxy));
            http.setConnectTimeout((int) settings.connectTimeout().toMillis());
            // the body's stall is timed by copy(); this only ends a reader thread left behind by a cancel or stall
            http.setReadTimeout((int) settings.stallTimeout().toMillis() + 5000);
            http.setRequestProperty("User-Agent", "stereo-station");
            http.setRequestProperty("Accept-Encoding", "identity");
            if (have > 0) {
                http.setRequestProperty("Range", "bytes=" + have + "-");
                listener.note("resuming at " + Bytes.megabytes(have));
            }
            int code = http.getResponseCode();
            cancellation.check(); // cancelled while the server made us wait: write nothing
            long start;
            if (code == HttpURLConnection.HTTP_PARTIAL) {
                start = rangeStart(http.getHeaderField("Content-Range"), url);
                if (start != have) {
                    Files.deleteIfExists(part);
                    throw new UserInputException(url + ": asked to resume at byte " + have + ", the server sent from "
                            + start + "; the part file is deleted, fetch again to start over");
                }
            } else if (code == HttpURLConnection.HTTP_OK) {
                if (have > 0) {
                    listener.note("the server does not resume downloads; starting again from the beginning");
                }
                start = 0;
            } else if (code == 416 && have > 0) {
                return have; // nothing more to send: the part holds the whole file, which verification checks
            } else if (code == HttpURLConnection.HTTP_PROXY_AUTH) {
                throw new UserInputException("the proxy " + (proxy == null ? "" : where(proxy) + " ")
                        + "asks for a password (HTTP 407), which Stereo Station does not send; use a proxy without"
                        + " one, or download " + url + " another way and install that file");
            } else {
                throw new UserInputException(url + ": HTTP " + code + (http.getResponseMessage() == null ? ""
                        : " " + http.getResponseMessage()) + via + "; nothing was installed");
            }
            long length = http.getContentLengthLong();
            long total = length >= 0 ? start + length : d.bytes();
            if (d.bytes() > 0 && total != d.bytes()) {
                Files.deleteIfExists(part);
                throw new UserInputException(url + ": the server offers " + total + " bytes, the pinned size is "
                        + d.bytes() + " (the upstream file changed?); nothing was installed");
            }
            checkSpace(part, total - start, total);
            BodyReader body = new BodyReader(http);
            http = null; // the reader closes the connection when its last read returns
            try (OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    start == 0 ? StandardOpenOption.TRUNCATE_EXISTING : StandardOpenOption.APPEND)) {
                copy(body, out, part, start, total, listener, cancellation);
            }
            return start;
        } catch (CancellationException | UserInputException e) {
            throw e;
        } catch (IOException e) {
            cancellation.check(); // a cancel wins over whatever the network did meanwhile
            throw new UserInputException(networkFailure(e, url, proxy, part), e);
        } finally {
            if (http != null) {
                http.disconnect();
            }
        }
    }

    /**
     * Copies the body into the part file. A reader thread does the blocking reads and hands the bytes over, so that
     * this thread can notice a cancel or a stall at once, whatever the socket is doing (a blocked read of
     * HttpURLConnection cannot be interrupted or closed from outside).
     */
    private void copy(BodyReader reader, OutputStream out, Path part, long start, long total, Listener listener,
                      Cancellation cancellation) throws IOException {
        long done = start;
        RateMeter rate = new RateMeter();
        long now = System.nanoTime();
        rate.add(now, done);
        long lastReport = now;
        long lastData = now;
        long stallNanos = settings.stallTimeout().toNanos();
        listener.progress(new FetchProgress(done, total, 0));
        try {
            while (true) {
                cancellation.check();
                Object item = reader.poll();
                now = System.nanoTime();
                if (item == null) {
                    if (now - lastData > stallNanos) {
                        throw new UserInputException("the download stalled: no data for "
                                + Bytes.seconds(settings.stallTimeout()) + " after " + Bytes.megabytes(done) + " of "
                                + Bytes.megabytes(total) + "; the part is kept, fetch again to resume");
                    }
                    continue;
                }
                if (item instanceof IOException e) {
                    throw e;
                }
                if (item == BodyReader.END) {
                    break;
                }
                byte[] chunk = (byte[]) item;
                try {
                    out.write(chunk);
                } catch (IOException e) {
                    throw new UserInputException(diskFailure(e, part, done), e);
                }
                done += chunk.length;
                lastData = now;
                if (now - lastReport >= PROGRESS_NANOS) {
                    rate.add(now, done);
                    listener.progress(new FetchProgress(done, total, rate.bytesPerSecond()));
                    lastReport = now;
                }
            }
        } finally {
            reader.stop();
        }
        try {
            out.flush();
        } catch (IOException e) {
            throw new UserInputException(diskFailure(e, part, done), e);
        }
        rate.add(System.nanoTime(), done);
        listener.progress(new FetchProgress(done, total, rate.bytesPerSecond()));
        if (total > 0 && done < total) {
            throw new UserInputException("the connection closed after " + Bytes.megabytes(done) + " of "
                    + Bytes.megabytes(total) + "; the part is kept, fetch again to resume");
        }
    }

    /**
     * Reads a response body on its own daemon thread into a small queue of chunks, then END or the IOException,
     * and closes the connection when its last read returns (closing it from another thread would wait for that
     * read anyway).
     */
    private static final class BodyReader {
        static final Object END = new Object();
        private final BlockingQueue<Object> chunks = new ArrayBlockingQueue<>(32);
        private volatile boolean stopped;

        BodyReader(HttpURLConnection http) {
            Thread t = new Thread(() -> {
                try (InputStream in = http.getInputStream()) {
                    while (!stopped) {
                        byte[] buf = new byte[BUFFER];
                        int n = in.read(buf);
                        if (n < 0) {
                            hand(END);
                            return;
                        }
                        hand(n == buf.length ? buf : Arrays.copyOf(buf, n));
                    }
                } catch (IOException e) {
                    hand(e);
                } finally {
                    http.disconnect();
                }
            }, "model-download-reader");
            t.setDaemon(true);
            t.start();
        }

        private void hand(Object item) {
            try {
                while (!stopped && !chunks.offer(item, 100, TimeUnit.MILLISECONDS)) {
                    Thread.onSpinWait();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** The next chunk, END or IOException; null when nothing came within 100 ms. */
        Object poll() {
            try {
                return chunks.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("download interrupted");
            }
        }

        void stop() {
            stopped = true;
        }
    }

    private Result verifyAndInstall(KnownModel model, Path part, Path target, long resumedFrom, Listener listener)
            throws IOException {
        ModelDownload d = model.download();
        long size = Files.size(part);
        if (d.bytes() > 0 && size != d.bytes()) {
            Files.delete(part);
            throw new UserInputException(model.spec().name() + ": downloaded " + size + " bytes, the pinned size is "
                    + d.bytes() + "; the download is deleted and nothing was installed");
        }
        String sha = sha256Of(part);
        if (d.checksumKnown() && !sha.equals(d.sha256())) {
            Files.delete(part);
            throw new UserInputException(model.spec().name() + ": SHA-256 " + sha + " does not match the pinned "
                    + d.sha256() + " (a damaged or substituted file); the download is deleted and nothing was"
                    + " installed");
        }
        if (!d.checksumKnown()) {
            listener.note("no pinned SHA-256 for " + model.id() + ", so the file could not be verified; its SHA-256 is "
                    + sha);
        }
        AtomicFiles.moveIntoPlace(part, target);
        return new Result(target, sha, d.checksumKnown(), resumedFrom, false);
    }

    /** SHA-256 of a file, lower-case hex. */
    public static String sha256Of(Path file) {
        MessageDigest digest = sha256();
        byte[] buf = new byte[BUFFER];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buf)) >= 0; ) {
                digest.update(buf, 0, n);
            }
        } catch (IOException e) {
            throw new UserInputException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    private static long rangeStart(String contentRange, URI url) {
        Matcher m = contentRange == null ? null : CONTENT_RANGE.matcher(contentRange.trim());
        if (m == null || !m.matches()) {
            throw new UserInputException(url + ": partial answer without a usable Content-Range ('" + contentRange
                    + "')");
        }
        return Long.parseLong(m.group(1));
    }

    /** Refuses before writing when the folder cannot hold what is still to come. */
    static void checkSpace(Path part, long stillToCome, long total) throws IOException {
        if (stillToCome <= 0) {
            return;
        }
        Path folder = part.toAbsolutePath().getParent();
        long free = Files.getFileStore(folder).getUsableSpace();
        if (free < stillToCome) {
            throw new UserInputException(folder + ": not enough disk space for the model (" + Bytes.megabytes(stillToCome)
                    + " still to download of " + Bytes.megabytes(total) + ", " + Bytes.megabytes(free) + " free)");
        }
    }

    private static String diskFailure(IOException e, Path part, long done) {
        String why = e.getMessage() == null ? e.toString() : e.getMessage();
        return part + ": cannot write after " + Bytes.megabytes(done) + " (" + why + (why.contains("space") ? ""
                : "; is the disk full?") + "); the part is kept, free some space and fetch again to resume";
    }

    private static String networkFailure(IOException e, URI url, Proxy proxy, Path part) {
        String host = url.getHost();
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String keep = Files.isRegularFile(part) ? "; the part is kept, fetch again to resume" : "";
        if (proxy != null && (e instanceof ConnectException || e instanceof NoRouteToHostException
                || e instanceof UnknownHostException && why.contains(proxyHost(proxy)))) {
            return "cannot reach the proxy " + where(proxy) + " (" + why + "); check https_proxy / http_proxy"
                    + keep;
        }
        if (e instanceof UnknownHostException) {
            return "cannot look up " + host + " (no network, or no DNS?)" + keep;
        }
        if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
            return "cannot connect to " + host + (url.getPort() > 0 ? ":" + url.getPort() : "") + " (" + why
                    + "; no network?)" + keep;
        }
        if (e instanceof SocketTimeoutException) {
            return "no answer from " + host + (proxy == null ? "" : " through the proxy " + where(proxy))
                    + " (" + why + ")" + keep;
        }
        if (e instanceof SSLException) {
            return "secure connection to " + host + " failed (" + why + "; a proxy or firewall intercepting HTTPS?)"
                    + keep;
        }
        return "download from " + url + " failed (" + why + ")" + keep;
    }

    private static String where(Proxy proxy) {
        return proxy.address() instanceof java.net.InetSocketAddress a ? a.getHostString() + ":" + a.getPort()
                : String.valueOf(proxy.address());
    }

    private static String proxyHost(Proxy proxy) {
        return proxy.address() instanceof java.net.InetSocketAddress a ? a.getHostString() : "";
    }
}
