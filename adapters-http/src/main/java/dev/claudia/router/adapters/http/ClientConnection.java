package dev.claudia.router.adapters.http;

import java.net.InetSocketAddress;

/**
 * The TCP connection a request arrived on, as the HTTP server's thread knows it. Jersey's request
 * context does not carry it on the JDK HTTP server, so bootstrap's handler hands it over on the
 * request's own thread ({@link #serve}) and {@link ClientPresence} uses it to notice a client that
 * left while its answer is being prepared.
 *
 * @param local  the router's end (its listening address)
 * @param remote the client's end
 */
public record ClientConnection(InetSocketAddress local, InetSocketAddress remote) {

    private static final ThreadLocal<ClientConnection> CURRENT = new ThreadLocal<>();

    /** Runs {@code request} with this connection as the current one. */
    public void serve(IoWork request) throws java.io.IOException {
        CURRENT.set(this);
        try {
            request.run();
        } finally {
            CURRENT.remove();
        }
    }

    /** The connection of the request this thread is serving, or null (a server that does not tell). */
    public static ClientConnection current() {
        return CURRENT.get();
    }

    /** Work that may fail with an I/O error, such as handling an exchange. */
    @FunctionalInterface
    public interface IoWork {
        void run() throws java.io.IOException;
    }
}
