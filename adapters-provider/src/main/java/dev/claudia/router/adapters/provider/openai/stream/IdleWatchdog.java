package dev.claudia.router.adapters.provider.openai.stream;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Ends provider streams that stay silent longer than the backend's read timeout. A streaming
 * response has its headers long before its body, and nothing else bounds the wait for the next
 * chunk; one timer thread per backend watches all of its open streams.
 */
public final class IdleWatchdog {

    /** A stream under watch. */
    interface Watched {
        long lastActivityNanos();

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

    Duration limit() {
        return limit;
    }

    void watch(Watched stream) {
        watched.add(stream);
    }

    void forget(Watched stream) {
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
