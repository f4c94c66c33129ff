package io.github.stereostation.capture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Keeps a live source usable through faults. A reader thread owns the underlying source (so native calls never
 * cross threads) and hands frames over through a small blocking queue (nothing is dropped here; a slow consumer
 * slows the reader, and the camera driver drops old exposures as it always does).
 * <ul>
 *   <li>The source throws (camera unplugged, read error): status DISCONNECTED, the source is closed, and the
 *       reader reopens it every {@code retryInterval} until it works (status OK again): no restart needed.
 *       A reopen refused because another program holds the device reports BUSY.</li>
 *   <li>The source stalls (open, but no frame): after {@code frameTimeout} status NO_FRAMES.</li>
 * </ul>
 * {@link #next()} never blocks longer than {@code frameTimeout}: it returns a frame, returns null when the
 * source ended, or throws a {@link SourceFailure} carrying the current status, after which the caller may call
 * it again. {@link #close()} stops the reader and closes the underlying source.
 */
public final class ResilientStereoSource implements StereoSource {
    private static final Logger LOG = LoggerFactory.getLogger(ResilientStereoSource.class);

    /** Opens (or reopens) the underlying source. */
    @FunctionalInterface
    public interface Opener {
        StereoSource open() throws IOException;
    }

    private sealed interface Item permits FrameItem, FaultItem, EndItem {
    }

    private record FrameItem(StereoFrame frame) implements Item {
    }

    private record FaultItem(SourceStatus status) implements Item {
    }

    private record EndItem() implements Item {
    }

    private final String description;
    private final Opener opener;
    private final long frameTimeoutNanos;
    private final long retryNanos;
    private final BlockingQueue<Item> queue = new ArrayBlockingQueue<>(2);
    // Frames and failures share the queue so the consumer hears of a fault exactly where it happened.
    private final List<Consumer<SourceStatus>> listeners = new CopyOnWriteArrayList<>();
    private final Thread reader;
    private final boolean live;
    private final Optional<CameraSettings> settings;
    private volatile SourceStatus status;
    private volatile boolean closing;
    private volatile boolean endSeen;
    private volatile long opens;
    /** The source the reader is using now, for counters only (never called across threads otherwise). */
    private volatile StereoSource current;

    /**
     * @param first the already opened source to start with (opening once up front lets callers report a missing
     *              device as an error instead of retrying forever); later reopens use {@code opener}
     */
    public ResilientStereoSource(StereoSource first, Opener opener, Duration frameTimeout, Duration retryInterval) {
        this.description = first.describe();
        this.opener = opener;
        this.frameTimeoutNanos = frameTimeout.toNanos();
        this.retryNanos = retryInterval.toNanos();
        this.live = first.live();
        this.settings = first.settings();
        this.status = SourceStatus.of(SourceStatus.State.OK, description + ": receiving");
        this.opens = 1;
        this.reader = new Thread(() -> readLoop(first), "capture " + description);
        this.reader.setDaemon(true);
        this.reader.start();
    }

    /** Opens the source once through {@code opener}, then keeps it going. */
    public static ResilientStereoSource open(Opener opener, Duration frameTimeout, Duration retryInterval) throws IOException {
        return new ResilientStereoSource(opener.open(), opener, frameTimeout, retryInterval);
    }

    /** Tells {@code l} about every status change (called on the reader or the consumer thread; keep it short). */
    public void addStatusListener(Consumer<SourceStatus> l) {
        listeners.add(l);
    }

    /** How many times the underlying source has been opened (1 + successful reconnects). */
    public long opens() {
        return opens;
    }

    /** @return true when the status changed */
    private boolean setStatus(SourceStatus s) {
        SourceStatus old = status;
        if (old.state() == s.state() && old.message().equals(s.message())) {
            return false;
        }
        status = s;
        if (s.state() != SourceStatus.State.OK && s.state() != SourceStatus.State.ENDED) {
            LOG.warn("{}", s.message());
        } else {
            LOG.info("{}", s.message());
        }
        for (Consumer<SourceStatus> l : listeners) {
            try {
                l.accept(s);
            } catch (RuntimeException e) {
                LOG.warn("status listener failed", e);
            }
        }
        return true;
    }

    private void readLoop(StereoSource first) {
        StereoSource source = first;
        current = first;
        try {
            while (!closing) {
                if (source == null) {
                    source = reopen();
                    if (source == null) {
                        continue;
                    }
                    current = source;
                }
                StereoFrame f;
                try {
                    f = source.next();
                } catch (IOException | RuntimeException e) {
                    if (closing) {
                        break; // the interrupt from close() ended the read: not a fault worth reporting
                    }
                    SourceStatus s = SourceStatus.of(e instanceof SourceFailure sf && sf.state() != SourceStatus.State.ENDED
                                    ? sf.state() : SourceStatus.State.DISCONNECTED,
                            message(e) + "; reconnecting");
                    setStatus(s);
                    closeQuietly(source);
                    queue.put(new FaultItem(s)); // in stream order: the consumer hears of it right after the last good frame
                    source = null;
                    pause(retryNanos);
                    continue;
                }
                if (f == null) {
                    setStatus(SourceStatus.of(SourceStatus.State.ENDED, description + " ended"));
                    queue.put(new EndItem());
                    return;
                }
                if (!status.ok()) {
                    setStatus(SourceStatus.of(SourceStatus.State.OK, description + ": receiving"));
                }
                try {
                    queue.put(new FrameItem(f));
                } catch (InterruptedException e) {
                    f.close();
                    throw e;
                }
            }
        } catch (InterruptedException e) {
            // close() asked us to stop
        } finally {
            closeQuietly(source);
            if (closing) {
                drain();
            }
        }
    }

    private StereoSource reopen() throws InterruptedException {
        try {
            StereoSource s = opener.open();
            opens++;
            setStatus(SourceStatus.of(SourceStatus.State.OK, description + ": reconnected"));
            return s;
        } catch (IOException | RuntimeException e) {
            SourceStatus.State state = e instanceof SourceFailure sf ? sf.state() : SourceStatus.State.DISCONNECTED;
            if (state == SourceStatus.State.ENDED || state == SourceStatus.State.OK) {
                state = SourceStatus.State.DISCONNECTED;
            }
            SourceStatus s = SourceStatus.of(state, message(e) + "; retrying every "
                    + TimeUnit.NANOSECONDS.toMillis(retryNanos) + " ms");
            if (setStatus(s)) {
                queue.put(new FaultItem(s)); // each new kind of failure once, not every retry
            }
            pause(retryNanos);
            return null;
        }
    }

    private static String message(Throwable e) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    private static void pause(long nanos) throws InterruptedException {
        TimeUnit.NANOSECONDS.sleep(nanos);
    }

    private static void closeQuietly(StereoSource s) {
        if (s == null) {
            return;
        }
        try {
            s.close();
        } catch (RuntimeException e) {
            LOG.warn("closing {} failed", s.describe(), e);
        }
    }

    @Override
    public StereoFrame next() throws IOException {
        if (closing) {
            throw new IllegalStateException("source closed");
        }
        if (endSeen) {
            return null;
        }
        Item item;
        try {
            item = queue.poll(frameTimeoutNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + description, e);
        }
        if (item instanceof FrameItem fi) {
            return fi.frame();
        }
        if (item instanceof EndItem) {
            endSeen = true;
            return null;
        }
        if (item instanceof FaultItem fault) {
            throw new SourceFailure(fault.status().state(), fault.status().message());
        }
        // Timed out. If the reader is busy reconnecting, say so; otherwise the source is open but silent.
        SourceStatus s = status;
        if (s.ok() || s.state() == SourceStatus.State.NO_FRAMES) {
            s = SourceStatus.of(SourceStatus.State.NO_FRAMES, description + ": no frame for "
                    + TimeUnit.NANOSECONDS.toMillis(frameTimeoutNanos) + " ms");
            setStatus(s);
        }
        throw new SourceFailure(s.state(), s.message());
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public SourceStatus status() {
        return status;
    }

    @Override
    public boolean live() {
        return live;
    }

    /** The counters of the source in use now (they restart when a camera is reopened). */
    @Override
    public Optional<PairingStats> pairing() {
        StereoSource s = current;
        return s == null ? Optional.empty() : s.pairing();
    }

    @Override
    public Optional<CameraSettings> settings() {
        return settings;
    }

    /** Stops the reader (interrupting a stalled read where the driver allows) and releases the source and frames. */
    @Override
    public void close() {
        closing = true;
        reader.interrupt();
        try {
            reader.join(TimeUnit.NANOSECONDS.toMillis(frameTimeoutNanos) + 2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (reader.isAlive()) {
            LOG.warn("{} is stuck in its driver; it will be released when the driver returns", description);
        }
        drain();
    }

    private void drain() {
        Item it;
        while ((it = queue.poll()) != null) {
            if (it instanceof FrameItem fi) {
                fi.frame().close();
            }
        }
    }

    /** True once the reader thread has finished and released the underlying source (for tests and shutdown). */
    public boolean released() {
        return !reader.isAlive();
    }
}
