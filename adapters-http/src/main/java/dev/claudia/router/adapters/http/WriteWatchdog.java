package dev.claudia.router.adapters.http;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Ends writes to clients that stopped reading. The JDK HTTP server writes to a blocking socket, so
 * a write to a client whose receive window is full (a Claude Code suspended with Ctrl-Z) blocks
 * until the client reads again, possibly forever, and keeps its provider connection open meanwhile.
 * Every response write goes through a {@link Guard}; one shared thread looks at the guards and
 * interrupts a write that has been blocked longer than the bound. Interrupting a thread blocked in a
 * {@link java.nio.channels.SocketChannel} write closes that channel (the channel is an
 * {@link java.nio.channels.InterruptibleChannel}): the write fails with
 * {@link ClientStalledException}, the stream ends, and its provider connection is released. No
 * other connection is touched, and the watchdog itself never blocks.
 */
public final class WriteWatchdog implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("claudia.http");

    private final long boundNanos;
    private final Set<Guard> open = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer;

    public WriteWatchdog(Duration bound) {
        if (bound.isNegative() || bound.isZero()) {
            throw new IllegalArgumentException("the write stall bound must be positive");
        }
        this.boundNanos = bound.toNanos();
        this.timer = BlockingIo.ticker("claudia-write-watchdog", Math.max(10, Math.min(500, bound.toMillis() / 4)),
                this::tick);
    }

    public Duration bound() {
        return Duration.ofNanos(boundNanos);
    }

    /** The guard for one response's writes; {@link Guard#release()} it when the response is done. */
    Guard guard(String requestId) {
        Guard guard = new Guard(requestId);
        open.add(guard);
        return guard;
    }

    /** Responses being written right now (for tests and /health-like reporting). */
    int openResponses() {
        return open.size();
    }

    private void tick() {
        long now = System.nanoTime();
        for (Guard guard : open) {
            guard.check(now);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    /**
     * The writes of one response. A write runs between {@link #begin()} and {@link #end()}; the
     * watchdog interrupts the writing thread only inside that window (both sides hold the guard's
     * lock), so an interrupt never reaches a thread that has moved on to other work.
     */
    final class Guard {
        private final String requestId;
        private Thread writer;
        private long since;
        private boolean stalled;

        private Guard(String requestId) {
            this.requestId = requestId;
        }

        void begin() throws ClientStalledException {
            synchronized (this) {
                if (stalled) {
                    throw stalledException();
                }
                writer = Thread.currentThread();
                since = System.nanoTime();
            }
        }

        void end() {
            synchronized (this) {
                writer = null;
                if (stalled) {
                    // The interrupt was ours and has done its work (the channel is closed); it must not
                    // leak into whatever this thread does next, such as closing the provider stream.
                    Thread.interrupted();
                }
            }
        }

        /** The exception a failed write reports: a stall when the watchdog caused it. */
        synchronized java.io.IOException failure(java.io.IOException cause) {
            if (!stalled) {
                return cause;
            }
            ClientStalledException e = stalledException();
            e.initCause(cause);
            return e;
        }

        synchronized boolean stalled() {
            return stalled;
        }

        void release() {
            open.remove(this);
        }

        private void check(long now) {
            synchronized (this) {
                if (writer == null || stalled || now - since < boundNanos) {
                    return;
                }
                stalled = true;
                writer.interrupt();
            }
            LOG.log(Level.WARNING, "request " + requestId + ": the client read nothing for "
                    + Duration.ofNanos(boundNanos).toMillis() + " ms; its response was ended (limits.writeStallTimeoutMs)");
        }

        private ClientStalledException stalledException() {
            return new ClientStalledException("the client stopped reading: a write was blocked for more than "
                    + Duration.ofNanos(boundNanos).toMillis() + " ms");
        }
    }
}
