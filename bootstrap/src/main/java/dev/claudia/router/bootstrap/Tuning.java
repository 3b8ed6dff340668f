package dev.claudia.router.bootstrap;

import dev.claudia.router.bootstrap.config.RouterConfig;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JDK settings the router depends on, set as system properties before any server or client exists.
 * The JDK HTTP server reads its properties once, when its first server is created (static fields of
 * {@code sun.net.httpserver.ServerConfig}), so they hold for every router of the process: a later
 * router that asks for other values is told they do not apply. A value set on the command line
 * ({@code -Dsun.net.httpserver.maxReqTime=...}) wins.
 *
 * <p>Verified against the JDK 25 sources of {@code jdk.httpserver} (and the JDK 21 update line):
 * {@code maxReqTime} is in seconds despite the module documentation's "milliseconds" (the server
 * multiplies it by 1000) and covers the request line, the headers and the body, from the first byte;
 * a connection that sends nothing is closed after the smaller of it and {@code idleInterval}, checked
 * every {@code clockTick} ms;
 * {@code jdk.httpserver.maxConnections} closes connections past the cap as soon as they are accepted;
 * {@code maxReqHeaders} and {@code maxReqHeaderSize} (JDK 21.0.5 and later) close a connection whose
 * headers exceed them, without an answer.
 */
final class Tuning {

    private static final Map<String, String> applied = new LinkedHashMap<>();

    private Tuning() {}

    /** Applies the limits; returns a warning per value that this process cannot honour any more. */
    static synchronized List<String> apply(RouterConfig.Limits limits) {
        Map<String, String> wanted = new LinkedHashMap<>();
        // Each SSE event is one small write followed by a flush; with Nagle's algorithm on, the
        // second of two such writes waits for the client's delayed ACK (up to 40 ms).
        wanted.put("sun.net.httpserver.nodelay", "true");
        // Headers and body must arrive within this many seconds: a client sending a byte a second is cut off.
        wanted.put("sun.net.httpserver.maxReqTime", Integer.toString(limits.receiveTimeoutSeconds()));
        wanted.put("jdk.httpserver.maxConnections", Integer.toString(limits.maxConnections()));
        // The server closes a connection that goes idle while 200 (its default) are already idle, but
        // it answered on it with keep-alive: a client that reuses it meets a closed socket ("header
        // parser received no bytes"). 500 streaming clients hit that race 129 times in 24,000 streams
        // (bench/Stress.java). Any connection the cap admits may stay idle.
        wanted.put("sun.net.httpserver.maxIdleConnections", Integer.toString(limits.maxConnections()));
        // The idle check (also of connections that never sent a byte) runs every clockTick ms, 10 s by default.
        wanted.put("sun.net.httpserver.clockTick", "1000");
        // Claude Code sends about 20 headers of a few KB in all.
        wanted.put("sun.net.httpserver.maxReqHeaders", "100");
        wanted.put("sun.net.httpserver.maxReqHeaderSize", Integer.toString(64 * 1024));
        List<String> warnings = new ArrayList<>();
        wanted.forEach((key, value) -> {
            String before = applied.get(key);
            if (before == null) {
                if (System.getProperty(key) == null) {
                    System.setProperty(key, value);
                }
                applied.put(key, System.getProperty(key));
            } else if (!before.equals(value)) {
                warnings.add(key + " stays " + before + " for this process (the JDK HTTP server reads it once); "
                        + value + " does not apply");
            }
        });
        return warnings;
    }
}
