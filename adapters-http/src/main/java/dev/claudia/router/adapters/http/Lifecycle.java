package dev.claudia.router.adapters.http;

import dev.claudia.router.application.Cancellation;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The requests the router is serving, for the two things that end them from outside: a client that
 * leaves ({@link ClientPresence}) and the router stopping. A graceful stop first {@link #drain()}s (new
 * message requests get 529 {@code overloaded_error}, which clients retry, while those in flight go
 * on), then, once its bound has passed, {@link #cancelAll()}: whole answers still waiting get the
 * same 529, and streams end with an {@code overloaded_error} event.
 */
public final class Lifecycle implements AutoCloseable {

    private final Set<Cancellation> inFlight = ConcurrentHashMap.newKeySet();
    private final ClientPresence presence;
    private volatile boolean draining;

    public Lifecycle() {
        this(new ClientPresence());
    }

    public Lifecycle(ClientPresence presence) {
        this.presence = presence;
    }

    public ClientPresence presence() {
        return presence;
    }

    /** Counts a request in until the returned handle is closed (when its answer is written or its stream ends). */
    public AutoCloseable track(Cancellation cancellation) {
        inFlight.add(cancellation);
        return () -> inFlight.remove(cancellation);
    }

    /** Message requests being served now. */
    public int inFlight() {
        return inFlight.size();
    }

    /** From now on, new message requests are refused with 529; those in flight go on. */
    public void drain() {
        draining = true;
    }

    public boolean draining() {
        return draining;
    }

    /** Ends every request still in flight: the router is stopping. */
    public void cancelAll() {
        for (Cancellation c : inFlight) {
            c.cancel(Cancellation.Reason.SHUTDOWN);
        }
    }

    @Override
    public void close() {
        presence.close();
    }
}
