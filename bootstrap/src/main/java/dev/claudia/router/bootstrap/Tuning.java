package dev.claudia.router.bootstrap;

/**
 * JDK networking settings the router depends on, set once before any server or client exists
 * (the JDK reads them at class initialisation). A value the user set on the command line wins.
 */
final class Tuning {

    private Tuning() {}

    static void apply() {
        // Each SSE event is one small write followed by a flush; with Nagle's algorithm on, the
        // second of two such writes waits for the client's delayed ACK (up to 40 ms).
        setIfAbsent("sun.net.httpserver.nodelay", "true");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
