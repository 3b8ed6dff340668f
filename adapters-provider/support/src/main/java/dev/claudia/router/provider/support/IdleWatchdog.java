package dev.claudia.router.provider.support;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Ends provider streams that stay silent longer than the backend's read timeout, and whole-answer
 * bodies that take longer than it. The JDK HTTP client's request timeout only covers the wait for
 * the response headers; a streaming response has its headers long before its body, and nothing
 * else bounds the wait for the next chunk. One timer thread per backend watches all of its calls.
 */
public final class IdleWatchdog {

    /** A stream under watch: it says when bytes last arrived, and is expired when that was too long ago. */
    public interface Watched {
        long lastActivityNanos();

        /** Called once, from the watchdog's thread, when the stream was silent too long: drop the connection. */
        void expire();
    }

    private final long limitNanos;
    private final Duration limit;
    private final Set<Watched> watched = ConcurrentHashMap.newKeySet();

    public IdleWatchdog(String backend, Duration limit) {
        this.limit = limit;
        this.limitNanos = limit.toNanos();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "claudia-idle-" + backend);
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(20, Math.min(1000, limit.toMillis() / 4));
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
            public void expire() {
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

    /** Watches a stream until {@link #forget} (or its expiry). */
    public void watch(Watched stream) {
        watched.add(stream);
    }

    public void forget(Watched stream) {
        watched.remove(stream);
    }

    private void tick() {
        long now = System.nanoTime();
        for (Watched stream : watched) {
            if (now - stream.lastActivityNanos() > limitNanos) {
                watched.remove(stream);
                stream.expire();
            }
        }
    }
}
