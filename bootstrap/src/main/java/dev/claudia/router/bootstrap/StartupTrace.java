package dev.claudia.router.bootstrap;

import java.io.PrintStream;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code -Dclaudia.startup.trace=true}: one line on standard error at each start-up phase, with the
 * milliseconds since the process started (as the kernel tells it, which on Linux is exact only to
 * the second: read the first figure as a rough one) and since the previous mark (exact), and the
 * thread, so that
 * start-up can be measured on a user's machine without a profiler. Off (the default), a mark is one
 * test of a constant: it reads no clock and allocates nothing.
 */
public final class StartupTrace {

    private static final boolean ON = Boolean.getBoolean("claudia.startup.trace");
    /** The process start (the kernel's, so the JVM's own creation is counted), read only when on. */
    private static final long STARTED_MS = ON ? ProcessHandle.current().info().startInstant()
            .map(Instant::toEpochMilli).orElse(System.currentTimeMillis()) : 0;
    private static long last = STARTED_MS;
    private static final Set<String> ONCE = ON ? ConcurrentHashMap.newKeySet() : null;

    private StartupTrace() {}

    /** Prints {@code startup: +<ms since start> ms (+<since the last mark>) <phase> [<thread>]} when on. */
    public static void mark(String phase) {
        if (ON) {
            print(System.err, phase);
        }
    }

    /** Like {@link #mark}, the first time only (the first request, say). */
    public static void markOnce(String phase) {
        if (ON && ONCE.add(phase)) {
            print(System.err, phase);
        }
    }

    private static synchronized void print(PrintStream out, String phase) {
        long now = System.currentTimeMillis();
        out.println("startup: +" + (now - STARTED_MS) + " ms (+" + (now - last) + ") " + phase
                + " [" + Thread.currentThread().getName() + "]");
        last = now;
    }
}
