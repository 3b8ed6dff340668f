package dev.claudia.router.provider.support;

import dev.claudia.router.domain.port.FailureKind;
import dev.claudia.router.domain.port.ProviderFailure;
import dev.claudia.router.provider.spi.UpstreamLimits;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A streaming response body under the backend's {@link IdleWatchdog}. What counts as life is an
 * event: the readers made by {@link #events()} mark each one they dispatch, while comments (such as
 * OpenRouter's {@code ": OPENROUTER PROCESSING"} or a proxy's keep-alives) and bare bytes do not, so
 * a stream of comments alone ends after the read timeout like a silent one. Whatever it sends, a
 * stream open longer than {@code maxStreamDuration} is ended too. Either way the connection is
 * dropped, which ends the read blocked on it. {@link #close()} drops it at once (the caller went
 * away, or a retry replaces the stream).
 */
public final class WatchedBody implements IdleWatchdog.Watched {

    private final InputStream in;
    private final AutoCloseable connection;
    private final IdleWatchdog watchdog;
    private final String backend;
    private final int maxLineBytes;
    private final long started = System.nanoTime();
    private volatile long lastActivity = started;
    private volatile IdleWatchdog.Expiry expired;
    private volatile boolean closed;

    /** With the default bounds on SSE lines and whole streams. */
    public WatchedBody(InputStream body, AutoCloseable connection, IdleWatchdog watchdog, String backend) {
        this(body, connection, watchdog, backend, UpstreamLimits.DEFAULT);
    }

    public WatchedBody(InputStream body, AutoCloseable connection, IdleWatchdog watchdog, String backend,
                       UpstreamLimits limits) {
        long maxBytes = limits.maxStreamBytes();
        this.in = new FilterInputStream(body) {
            private long total;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0 && (total += n) > maxBytes) {
                    throw new TooLargeException("a stream", maxBytes);
                }
                return n;
            }
        };
        this.maxLineBytes = limits.maxSseLineBytes();
        this.connection = connection;
        this.watchdog = watchdog;
        this.backend = backend;
        watchdog.watch(this);
    }

    /** The body to read from, for adapters that frame it themselves (they call {@link #progress()}). */
    public InputStream in() {
        return in;
    }

    /** An event reader on this body; every event it dispatches is progress. */
    public SseReader events() {
        return new SseReader(in, false, maxLineBytes, this::progress);
    }

    /** The same, with each event's exact bytes ({@link SseReader#keepingBytes}). */
    public SseReader eventsKeepingBytes() {
        return new SseReader(in, true, maxLineBytes, this::progress);
    }

    /** Something that counts as life arrived (an event, not a comment). */
    public void progress() {
        lastActivity = System.nanoTime();
    }

    /** True once {@link #close()} was called: a read failing now is the caller's doing, not the provider's. */
    public boolean closed() {
        return closed;
    }

    /** What a read that failed mid-stream means: a bound passed (the watchdog's, a size), or a lost connection. */
    public ProviderFailure lost(IOException e) {
        if (e instanceof TooLargeException) {
            boolean whole = e.getMessage().startsWith("a stream");
            return ProviderFailure.of(FailureKind.MALFORMED_RESPONSE, backend, "backend '" + backend + "' sent "
                    + e.getMessage() + (whole ? " (upstream.maxStreamBytes)" : " in its event stream (upstream.maxSseLineBytes)")
                    + "; the stream was cut off");
        }
        if (expired == IdleWatchdog.Expiry.TOO_LONG) {
            return ProviderFailure.of(FailureKind.TIMEOUT, backend, "backend '" + backend + "' kept its stream open for "
                    + "more than " + NetworkFailures.seconds(watchdog.maxDuration()) + " (upstream.maxStreamSeconds); it was ended");
        }
        return NetworkFailures.lostMidStream(e, backend, expired != null, watchdog.limit());
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
    public long startedNanos() {
        return started;
    }

    @Override
    public void expire(IdleWatchdog.Expiry why) {
        expired = why;
        release();
    }
}
