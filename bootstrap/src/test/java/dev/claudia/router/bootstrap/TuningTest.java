package dev.claudia.router.bootstrap;

import dev.claudia.router.bootstrap.config.RouterConfig;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** The JDK HTTP server settings the router needs, as system properties (read once per process). */
class TuningTest {

    @Test
    void every_admitted_connection_may_stay_idle_and_requests_have_a_time_limit() {
        Tuning.apply(new RouterConfig.Limits(32 << 20, 32 << 20, 512, 30_000, 128, 512, 128 * 1024, 1024, 30));
        // Whatever the first router of this JVM asked for holds; the idle cap must match its connection cap,
        // else the server closes keep-alive connections that clients still reuse.
        assertNotNull(System.getProperty("jdk.httpserver.maxConnections"));
        assertEquals(System.getProperty("jdk.httpserver.maxConnections"),
                System.getProperty("sun.net.httpserver.maxIdleConnections"));
        assertEquals("true", System.getProperty("sun.net.httpserver.nodelay"));
        assertNotNull(System.getProperty("sun.net.httpserver.maxReqTime"));
    }
}
