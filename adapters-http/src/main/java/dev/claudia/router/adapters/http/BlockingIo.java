package dev.claudia.router.adapters.http;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * Threads for work that blocks on a client socket: the HTTP server's request threads and the
 * keep-alive pings. Virtual threads from JDK 24 on; platform threads before. The JDK HTTP server
 * reads and writes sockets inside {@code synchronized} methods, and before JDK 24 (JEP 491,
 * https://openjdk.org/jeps/491) a virtual thread blocked inside {@code synchronized} pins its
 * carrier: with one carrier per core, two clients that stop reading (or send a body a byte at a
 * time) would freeze every request of the router until the write-stall or receive bound ends them.
 * A blocked platform thread blocks only itself.
 */
public final class BlockingIo {

    private BlockingIo() {}

    /** True when a virtual thread blocked inside {@code synchronized} releases its carrier. */
    public static boolean virtualThreadsUnpinned() {
        return Runtime.version().feature() >= 24;
    }

    /** A factory for threads named {@code name}; daemon platform threads on JDKs that pin. */
    public static ThreadFactory threads(String name) {
        return virtualThreadsUnpinned()
                ? Thread.ofVirtual().name(name + "-", 0).factory()
                : Thread.ofPlatform().daemon().name(name + "-", 0).factory();
    }

    /** One new thread per task (no pooling: an interrupted write cannot leak into a later request). */
    public static ExecutorService executor(String name) {
        return Executors.newThreadPerTaskExecutor(threads(name));
    }

    /** A daemon thread that runs {@code task} every {@code periodMillis}: for checks that never block. */
    public static ScheduledExecutorService ticker(String name, long periodMillis, Runnable task) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(task, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
        return timer;
    }
}
