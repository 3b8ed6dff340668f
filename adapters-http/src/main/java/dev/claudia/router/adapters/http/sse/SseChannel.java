package dev.claudia.router.adapters.http.sse;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * The client end of one event stream. Two threads write: the request thread (events) and, while
 * the provider is quiet, a short-lived ping thread; a lock keeps their frames whole. The lock is
 * held only by the thread that writes, never by the keep-alive thread that decides about pings: a
 * client that stops reading can block a write for as long as the
 * {@link dev.claudia.router.adapters.http.WriteWatchdog} allows, and that must stall this stream
 * only. A ping never waits for the lock ({@code tryLock}): a busy channel is not idle.
 */
final class SseChannel {

    private final OutputStream out;
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicBoolean pinging = new AtomicBoolean();
    private volatile long lastWriteNanos;
    private volatile boolean opened;
    private volatile IOException failure;

    SseChannel(OutputStream out) {
        this.out = out;
        this.lastWriteNanos = System.nanoTime();
    }

    /** Sends one frame and flushes; {@code opensMessage} marks message_start, after which pings are allowed. */
    void send(byte[] frame, boolean opensMessage) throws IOException {
        send(frame, opensMessage, () -> true);
    }

    /**
     * Sends one frame; when {@code flush} says no, it waits in the buffer for the next frame, which
     * the caller knows is already there (one write instead of two, no later arrival). The question
     * is asked after the write: the first write commits the response headers, and by the time that
     * is done the provider's first content has often arrived too.
     */
    void send(byte[] frame, boolean opensMessage, BooleanSupplier flush) throws IOException {
        lock.lock();
        try {
            write(frame, flush);
            if (opensMessage) {
                opened = true;
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Whether a ping is due: the message has started, nothing was written for {@code idleNanos},
     * no write is in progress and no ping is already on its way. Never blocks; a true answer
     * reserves the ping, which the caller must then {@link #ping() send}.
     */
    boolean pingDue(long idleNanos, long nowNanos) {
        return opened && failure == null && !lock.isLocked() && nowNanos - lastWriteNanos >= idleNanos
                && pinging.compareAndSet(false, true);
    }

    /** Sends the reserved ping, unless an event write got there first. Run on its own thread: it may block. */
    void ping() {
        try {
            if (lock.tryLock()) {
                try {
                    write(SseFrames.PING, () -> true);
                } catch (IOException gone) {
                    // recorded in failure; the keep-alive thread sees it on its next round
                } finally {
                    lock.unlock();
                }
            }
        } finally {
            pinging.set(false);
        }
    }

    /** True once a write failed: the client left, or stopped reading for too long. */
    boolean broken() {
        return failure != null;
    }

    /** The first write failure, or null. */
    IOException failure() {
        return failure;
    }

    private void write(byte[] frame, BooleanSupplier flush) throws IOException {
        if (failure != null) {
            throw new IOException("the client stream is already broken", failure);
        }
        try {
            out.write(frame);
            if (flush.getAsBoolean()) {
                out.flush();
            }
        } catch (IOException e) {
            failure = e;
            throw e;
        }
        lastWriteNanos = System.nanoTime();
    }
}
