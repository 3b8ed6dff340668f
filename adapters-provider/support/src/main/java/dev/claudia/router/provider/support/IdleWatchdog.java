package dev.claudia.router.provider.support;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Ends provider streams that send no event for longer than the backend's read timeout, or that stay
 * open longer than the total bound however lively they are, and whole-answer bodies that take longer
 * than the read timeout. The JDK HTTP client's request timeout only covers the wait for the response
 * headers; a streaming response has its headers long before its body, and nothing else bounds the
 * wait for the next chunk. One timer thread per backend watches all of its calls; {@link #close()}
 * stops it (the backend's provider is closed).
 */
public final class IdleWatchdog implements AutoCloseable {

    /** Why a watched stream was ended. */
    public enum Expiry {
        /** Nothing that counts as life arrived for the read timeout. */
        SILENT,
        /** Open for longer than the total bound. */
        TOO_LONG
    }

    /** A stream under watch: when it started, when it last showed life; expired when either is too long ago. */
    public interface Watched {
        long lastActivityNanos();

        long startedNanos();

        /** Called once, from the watchdog's thread, when the stream is over a bound: drop the connection. */
        void expire(Expiry why);
    }

    private final long limitNanos;
    private final Duration limit;
    private final Duration maxDuration;
    private final long maxDurationNanos;
    private final Set<Watched> watched = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer;

    /** Streams may last as long as they keep sending. */
    public IdleWatchdog(String backend, Duration limit) {
        this(backend, limit, Duration.ofNanos(Long.MAX_VALUE));
    }

    public IdleWatchdog(String backend, Duration limit, Duration maxDuration) {
        this.limit = limit;
        this.limitNanos = limit.toNanos();
        this.maxDuration = maxDuration;
        this.maxDurationNanos = maxDuration.toNanos();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "claudia-idle-" + backend);
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(20, Math.min(1000, Math.min(limit.toMillis(), maxDuration.toMillis()) / 4));
        timer.scheduleWithFixedDelay(this::tick, period, period, TimeUnit.MILLISECONDS);
    }

    /** A bound on one blocking read; closing it (always, in a finally) stops the watch. */
    public interface Deadline extends AutoCloseable {
        /** True when the limit passed and the resource was closed to end the read. */
        boolean expired();

        @Override
        void close();
    }

    /** Closes {@code resource} if the deadline is still open after the limit, which ends a read blocked on it. */
    public Deadline start(AutoCloseable resource) {
        long started = System.nanoTime();
        final class Bound implements Deadline, Watched {
            private volatile boolean expired;

            @Override
            public long lastActivityNanos() {
                return started;
            }

            @Override
            public long startedNanos() {
                return started;
            }

            @Override
            public void expire(Expiry why) {
                expired = true;
                try {
                    resource.close();
                } catch (Exception ignored) {
                    // it is being abandoned either way
                }
            }

            @Override
            public boolean expired() {
                return expired;
            }

            @Override
            public void close() {
                forget(this);
            }
        }
        Bound bound = new Bound();
        watch(bound);
        return bound;
    }

    /** The longest silence allowed. */
    public Duration limit() {
        return limit;
    }

    /** The longest a stream may stay open. */
    public Duration maxDuration() {
        return maxDuration;
    }

    /** Watches a stream until {@link #forget} (or its expiry). */
    public void watch(Watched stream) {
        watched.add(stream);
    }

    public void forget(Watched stream) {
        watched.remove(stream);
    }

    /** Stops the timer; streams still watched are no longer bounded (their provider is being closed). */
    @Override
    public void close() {
        timer.shutdownNow();
        watched.clear();
    }

    private void tick() {
        long now = System.nanoTime();
        for (Watched stream : watched) {
            Expiry why = now - stream.startedNanos() > maxDurationNanos ? Expiry.TOO_LONG
                    : now - stream.lastActivityNanos() > limitNanos ? Expiry.SILENT : null;
            if (why != null) {
                watched.remove(stream);
                stream.expire(why);
            }
        }
    }
}
