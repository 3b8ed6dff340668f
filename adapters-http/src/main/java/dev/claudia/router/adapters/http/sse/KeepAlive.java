package dev.claudia.router.adapters.http.sse;

import dev.claudia.router.adapters.http.BlockingIo;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;

/**
 * Sends {@code ping} events on streams whose provider has gone quiet (reasoning models can think
 * for minutes before the next token), so clients' idle timeouts do not fire (docs/translation.md,
 * "Streams"). One shared thread looks at every open stream; it never writes itself, because a write
 * to a client that stopped reading blocks: each due ping is written by a thread of its own, and a
 * stream that is busy writing gets no ping.
 *
 * <p>A ping to a client that has gone away fails: the ping's thread then runs the stream's abort
 * hook, which cancels the provider request at once. While tokens flow, the same happens on the
 * next event write.
 */
public final class KeepAlive implements AutoCloseable {

    private final long idleNanos;
    private final ScheduledExecutorService timer;
    private final ThreadFactory pingThreads = BlockingIo.threads("claudia-ping");
    private final Set<Watch> watched = ConcurrentHashMap.newKeySet();

    public KeepAlive(Duration interval) {
        this.idleNanos = interval.toNanos();
        this.timer = BlockingIo.ticker("claudia-keepalive", Math.max(50, Math.min(1000, interval.toMillis() / 2)),
                this::tick);
    }

    Watch watch(SseChannel channel, Runnable onClientGone) {
        Watch watch = new Watch(channel, onClientGone);
        watched.add(watch);
        return watch;
    }

    private void tick() {
        long now = System.nanoTime();
        for (Watch w : watched) {
            if (w.channel.broken()) {
                gone(w);
            } else if (w.channel.pingDue(idleNanos, now)) {
                pingThreads.newThread(() -> {
                    w.channel.ping();
                    if (w.channel.broken()) {
                        w.goneNow(); // the ping found the client gone: stop its provider now, not at the next round
                    }
                }).start();
            }
        }
    }

    private void gone(Watch w) {
        if (watched.remove(w)) {
            pingThreads.newThread(w.onClientGone).start(); // closing the provider stream may take a moment
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

        /** On the thread that found the client gone. */
        private void goneNow() {
            if (watched.remove(this)) {
                onClientGone.run();
            }
        }
    }
}
