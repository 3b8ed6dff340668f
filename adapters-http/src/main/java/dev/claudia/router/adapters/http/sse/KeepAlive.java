package dev.claudia.router.adapters.http.sse;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Sends {@code ping} events on streams whose provider has gone quiet (reasoning models can think
 * for minutes before the next token), so clients' idle timeouts do not fire (protocol.md B.3
 * rule 9). One shared thread serves every open stream; no request holds a thread of its own for it.
 *
 * <p>A ping to a client that has gone away fails: the stream's abort hook then cancels the
 * provider request. While tokens flow, the same happens on the next event write, at once.
 */
public final class KeepAlive implements AutoCloseable {

    private final long idleNanos;
    private final ScheduledExecutorService timer;
    private final Set<Watch> watched = ConcurrentHashMap.newKeySet();

    public KeepAlive(Duration interval) {
        this.idleNanos = interval.toNanos();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "claudia-keepalive");
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(50, Math.min(1000, interval.toMillis() / 2));
        timer.scheduleWithFixedDelay(this::tick, period, period, TimeUnit.MILLISECONDS);
    }

    Watch watch(SseChannel channel, Runnable onClientGone) {
        Watch watch = new Watch(channel, onClientGone);
        watched.add(watch);
        return watch;
    }

    private void tick() {
        long now = System.nanoTime();
        for (Watch w : watched) {
            if (!w.channel.pingIfIdle(idleNanos, now)) {
                watched.remove(w);
                w.onClientGone.run();
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    /** One stream under watch; {@link #cancel()} when it ends. */
    final class Watch {
        private final SseChannel channel;
        private final Runnable onClientGone;

        private Watch(SseChannel channel, Runnable onClientGone) {
            this.channel = channel;
            this.onClientGone = onClientGone;
        }

        void cancel() {
            watched.remove(this);
        }
    }
}
