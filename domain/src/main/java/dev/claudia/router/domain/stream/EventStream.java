package dev.claudia.router.domain.stream;

/**
 * A pull-based stream of events for one assistant message. Pulling (rather than pushing into a
 * sink) lets the application decide, event by event, whether a failure can still be retried
 * invisibly or must reach the client, and lets the HTTP adapter write each event as it arrives.
 *
 * <p>Not thread-safe: one consumer pulls. {@link #close()} may be called from any thread to abort
 * (for example when the client disconnects) and must release the upstream connection promptly.
 */
public interface EventStream extends AutoCloseable {

    /**
     * Blocks until the next event is available.
     *
     * @return the next event, or null once the stream has ended
     * @throws dev.claudia.router.domain.port.ProviderException when the provider fails; after a
     *         failure the stream is finished
     */
    StreamEvent next();

    /**
     * True when {@link #next()} will return at once, without waiting for the provider: a writer
     * can then hold its flush and send both events in one write, losing no time. False when
     * unsure.
     */
    default boolean ready() {
        return false;
    }

    /** Aborts or releases the stream; idempotent. */
    @Override
    void close();
}
