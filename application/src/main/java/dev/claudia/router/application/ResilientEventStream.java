package dev.claudia.router.application;

import dev.claudia.router.domain.port.FailureKind;
import dev.claudia.router.domain.port.ProviderException;
import dev.claudia.router.domain.port.ProviderFailure;
import dev.claudia.router.domain.routing.Route;
import dev.claudia.router.domain.stream.EventStream;
import dev.claudia.router.domain.stream.StreamEvent;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * A stream that survives provider failures until it has committed to an answer.
 *
 * <p>States: {@code AWAITING_CONTENT} (the caller may have seen {@code message_start} and pings,
 * but no content), {@code COMMITTED} (content went out: the answer cannot change any more), and
 * {@code ENDED}. A failure while awaiting content closes the provider stream and opens another
 * (same route after a backoff, or the next route); the caller just sees content arrive later, and
 * the replacement's own {@code message_start} is swallowed. A failure after the commit becomes the
 * stream's last event, an error, because retrying would repeat or contradict what was sent. A
 * pass-through adapter's {@link StreamEvent.Forwarded} events follow the same rule by their kind, so
 * routes of any adapter can replace one another before the commit.
 *
 * <p>Cancelled ({@link Cancellation}): the provider stream is closed at once, a retry's backoff is
 * cut short and no replacement is opened. A client that left gets nothing more; a shutdown ends the
 * stream with an {@code overloaded_error} event, which Claude Code retries (against the router once
 * it is back). Closing this stream before it ended means the client left.
 */
final class ResilientEventStream implements EventStream {

    private enum State { AWAITING_CONTENT, COMMITTED, ENDED }

    private final RouteAttempts attempts;
    private final Function<Route, EventStream> open;
    private final RequestTrace trace;
    private final Cancellation cancellation;
    private final Runnable released;
    private final AtomicBoolean releasedOnce = new AtomicBoolean();
    private volatile EventStream upstream;
    private volatile boolean closed;
    private volatile State state = State.AWAITING_CONTENT;
    private boolean messageStarted;

    /**
     * Opens the first provider stream; throws when no attempt succeeds.
     *
     * @param released run once when the stream is over (ended or closed): the request's hold on its routing
     */
    ResilientEventStream(RouteAttempts attempts, Function<Route, EventStream> open, RequestTrace trace,
                         Runnable released) {
        this.attempts = attempts;
        this.open = open;
        this.trace = trace;
        this.cancellation = trace.cancellation();
        this.released = released;
        this.upstream = cancellation.whileWaiting(this::openWithRetries);
        cancellation.onCancel(() -> upstream.close()); // wakes a reader blocked on the provider
    }

    @Override
    public StreamEvent next() {
        while (state != State.ENDED) {
            if (cancellation.cancelled()) {
                return cancelled();
            }
            StreamEvent event = pull();
            if (cancellation.cancelled()) {
                return cancelled();
            }
            if (closed) {
                end();
                return null;
            }
            switch (event) {
                case null -> {
                    end();
                    return null;
                }
                case StreamEvent.StreamFailed failed when state == State.AWAITING_CONTENT -> {
                    StreamEvent replacement = recover(new ProviderException(failed.failure()));
                    if (replacement != null) {
                        return replacement;
                    }
                }
                case StreamEvent.StreamFailed failed -> {
                    end();
                    return failed;
                }
                case StreamEvent.MessageStarted started -> {
                    if (!messageStarted) {
                        messageStarted = true;
                        return started;
                    }
                }
                case StreamEvent.Ping ping -> {
                    return ping;
                }
                case StreamEvent.MessageDelta delta -> {
                    commit();
                    trace.usage(delta.usage(), delta.stopReason());
                    return delta;
                }
                case StreamEvent.MessageStopped stopped -> {
                    end();
                    return stopped;
                }
                case StreamEvent.Forwarded forwarded -> {
                    StreamEvent out = forwarded(forwarded);
                    if (out != null) {
                        return out;
                    }
                }
                default -> {
                    commit();
                    return event;
                }
            }
        }
        return null;
    }

    @Override
    public boolean ready() {
        return state == State.ENDED || upstream.ready();
    }

    @Override
    public void close() {
        closed = true;
        if (state != State.ENDED) {
            cancellation.cancel(Cancellation.Reason.CLIENT_GONE); // stops a backoff or a replacement under way
        }
        upstream.close();
        release();
    }

    /** The answer is over: release the provider stream now rather than when the caller closes this one. */
    private void end() {
        state = State.ENDED;
        upstream.close();
        release();
    }

    private void release() {
        if (releasedOnce.compareAndSet(false, true)) {
            released.run();
        }
    }

    /** The last event of a cancelled stream: none for a client that left, an overloaded error on shutdown. */
    private StreamEvent cancelled() {
        end();
        return cancellation.reason() == Cancellation.Reason.SHUTDOWN ? new StreamEvent.StreamFailed(shuttingDown()) : null;
    }

    static ProviderFailure shuttingDown() {
        return ProviderFailure.of(FailureKind.OVERLOADED, "router", "Claudia Router is shutting down; retry shortly");
    }

    /**
     * A provider's own event, classified the same way as ours: its message_start opens the answer
     * (or is swallowed after a replacement), pings pass, message_delta carries the usage for the
     * log, message_stop ends; anything else, unknown events included, commits.
     */
    private StreamEvent forwarded(StreamEvent.Forwarded event) {
        switch (event.kind()) {
            case MESSAGE_START -> {
                if (messageStarted) {
                    return null;
                }
                messageStarted = true;
            }
            case PING -> { }
            case MESSAGE_DELTA -> {
                commit();
                if (event.usage() != null) {
                    trace.usage(event.usage(), event.stopReason());
                }
            }
            case MESSAGE_STOP -> end();
            default -> commit();
        }
        return event;
    }

    private StreamEvent pull() {
        try {
            return upstream.next();
        } catch (ProviderException e) {
            return new StreamEvent.StreamFailed(e.failure());
        }
    }

    private void commit() {
        if (state == State.AWAITING_CONTENT) {
            state = State.COMMITTED;
            attempts.succeeded();
            trace.firstEvent(System.nanoTime());
        }
    }

    /**
     * Replaces the failed provider stream. Returns null when a replacement is open (keep pulling);
     * returns the final error event when none is left but the caller already saw message_start;
     * throws when the caller saw nothing yet, so the HTTP adapter can answer with a plain error.
     */
    private StreamEvent recover(ProviderException failure) {
        upstream.close();
        try {
            cancellation.whileWaiting(() -> {
                attempts.failed(failure);
                upstream = openWithRetries();
                return null;
            });
            return null;
        } catch (RequestCancelledException stop) {
            return cancelled();
        } catch (ProviderException last) {
            state = State.ENDED;
            if (!messageStarted) {
                throw last;
            }
            return new StreamEvent.StreamFailed(last.failure());
        }
    }

    private EventStream openWithRetries() {
        while (true) {
            cancellation.check();
            try {
                return open.apply(attempts.current());
            } catch (ProviderException e) {
                attempts.failed(e);
            }
        }
    }
}
