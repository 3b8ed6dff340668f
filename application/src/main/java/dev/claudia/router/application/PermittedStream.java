package dev.claudia.router.application;

import dev.claudia.router.domain.stream.EventStream;
import dev.claudia.router.domain.stream.StreamEvent;

import java.util.concurrent.atomic.AtomicBoolean;

/** A provider stream that holds its backend's permit ({@link BackendGate}) until it is closed. */
final class PermittedStream implements EventStream {

    private final EventStream events;
    private final BackendGate.Permit permit;
    private final AtomicBoolean closed = new AtomicBoolean();

    PermittedStream(EventStream events, BackendGate.Permit permit) {
        this.events = events;
        this.permit = permit;
    }

    @Override
    public StreamEvent next() {
        return events.next();
    }

    @Override
    public boolean ready() {
        return events.ready();
    }

    @Override
    public void close() {
        try {
            events.close();
        } finally {
            if (closed.compareAndSet(false, true)) {
                permit.close();
            }
        }
    }
}
