package io.github.stereostation.pipeline;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A single-slot hand-off between two stages that keeps only the newest value: putting into a full slot
 * closes the stale value instead of queueing it, so a slow consumer never builds a backlog.
 */
public final class LatestSlot<T extends AutoCloseable> implements AutoCloseable {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private T value;
    private boolean closed;
    private long dropped;
    private int takersWaiting;

    /** Offers the newest value; a value still waiting is dropped (closed). After close, the value is closed. */
    public void put(T v) {
        T stale;
        lock.lock();
        try {
            if (closed) {
                stale = v;
            } else {
                stale = value;
                value = v;
                if (stale != null) {
                    dropped++;
                }
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
        closeQuietly(stale);
    }

    /** Waits for a value and takes it; returns null once the slot is closed. */
    public T take() throws InterruptedException {
        lock.lock();
        try {
            takersWaiting++;
            changed.signalAll();
            try {
                while (value == null && !closed) {
                    changed.await();
                }
            } finally {
                takersWaiting--;
            }
            if (closed) {
                return null;
            }
            T v = value;
            value = null;
            changed.signalAll();
            return v;
        } finally {
            lock.unlock();
        }
    }

    /** Waits until the consumer has taken the last value (so producing now would not be wasted work). */
    public void awaitEmpty() throws InterruptedException {
        lock.lock();
        try {
            while (value != null && !closed) {
                changed.await();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until the consumer is idle, blocked in {@link #take()} on an empty slot: a value produced now is
     * taken at once instead of ageing in the slot while the consumer finishes its previous one.
     */
    public void awaitTaker() throws InterruptedException {
        lock.lock();
        try {
            while ((takersWaiting == 0 || value != null) && !closed) {
                changed.await();
            }
        } finally {
            lock.unlock();
        }
    }

    /** How many values were replaced before anyone took them. */
    public long dropped() {
        lock.lock();
        try {
            return dropped;
        } finally {
            lock.unlock();
        }
    }

    public boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    /** Wakes every waiter, closes the value still held; later puts close what they are given. */
    @Override
    public void close() {
        T stale;
        lock.lock();
        try {
            closed = true;
            stale = value;
            value = null;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        closeQuietly(stale);
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            // releasing native memory of a dropped frame must not stop the producer
        }
    }
}
