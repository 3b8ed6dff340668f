package dev.claudia.router.provider.support;

import dev.claudia.router.domain.port.ProviderFailure;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A streaming response body under the backend's {@link IdleWatchdog}: any bytes read count as life
 * (comments such as OpenRouter's {@code ": OPENROUTER PROCESSING"} included), and a body silent for
 * longer than the read timeout has its connection dropped, which ends the read blocked on it.
 * {@link #close()} drops the connection at once (the caller went away, or a retry replaces the stream).
 */
public final class WatchedBody implements IdleWatchdog.Watched {

    private final InputStream in;
    private final AutoCloseable connection;
    private final IdleWatchdog watchdog;
    private final String backend;
    private volatile long lastActivity = System.nanoTime();
    private volatile boolean expired;
    private volatile boolean closed;

    public WatchedBody(InputStream body, AutoCloseable connection, IdleWatchdog watchdog, String backend) {
        this.in = new FilterInputStream(body) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                lastActivity = System.nanoTime();
                return n;
            }
        };
        this.connection = connection;
        this.watchdog = watchdog;
        this.backend = backend;
        watchdog.watch(this);
    }

    /** The body to read from. */
    public InputStream in() {
        return in;
    }

    /** True once {@link #close()} was called: a read failing now is the caller's doing, not the provider's. */
    public boolean closed() {
        return closed;
    }

    /** What a read that failed mid-stream means: a timeout (the watchdog's or the client's) or a lost connection. */
    public ProviderFailure lost(IOException e) {
        return NetworkFailures.lostMidStream(e, backend, expired, watchdog.limit());
    }

    /** The caller is done with the stream, finished or not. */
    public void close() {
        closed = true;
        release();
    }

    /** Gives the connection back (the answer is complete) or drops it; idempotent. */
    public void release() {
        watchdog.forget(this);
        try {
            connection.close();
        } catch (Exception ignored) {
            // the connection is being dropped either way
        }
    }

    @Override
    public long lastActivityNanos() {
        return lastActivity;
    }

    @Override
    public void expire() {
        expired = true;
        release();
    }
}
