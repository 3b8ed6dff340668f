package dev.claudia.router.adapters.http;

import dev.claudia.router.adapters.http.mapping.ApiError;
import dev.claudia.router.adapters.http.mapping.BodyBudget;

import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bounds what all requests together hold: bytes of request bodies (and with them the request's
 * parsed form, which lives as long as the request) and requests to providers in progress. A request
 * beyond either bound is answered at once with 529 {@code overloaded_error} and {@code retry-after},
 * which Claude Code and the SDKs retry, instead of the router running out of memory or connections.
 */
final class Admission {

    static final String RETRY_AFTER_SECONDS = "2";

    private final long maxBodyBytes;
    private final int maxUpstream;
    private final AtomicLong bodyBytes = new AtomicLong();
    private final Semaphore upstream;

    Admission(InboundLimits limits) {
        this.maxBodyBytes = limits.maxBodyBytesInFlight();
        this.maxUpstream = limits.maxConcurrentUpstream();
        this.upstream = new Semaphore(maxUpstream);
    }

    /** Admits one request; {@code toProvider} also takes one of the provider slots. Close the ticket when it is done. */
    Ticket enter(boolean toProvider) {
        if (toProvider && !upstream.tryAcquire()) {
            throw overloaded("Claudia Router is already serving its limit of " + maxUpstream
                    + " requests to providers at once (limits.maxConcurrentUpstream); retry shortly");
        }
        return new Ticket(toProvider);
    }

    long bodyBytesInFlight() {
        return bodyBytes.get();
    }

    int providerRequestsInFlight() {
        return maxUpstream - upstream.availablePermits();
    }

    private static ApiError overloaded(String message) {
        return ApiError.of(529, "overloaded_error", message).withHeader("retry-after", RETRY_AFTER_SECONDS);
    }

    /** What one request holds; {@link #close()} gives it all back, once. */
    final class Ticket implements BodyBudget, AutoCloseable {
        private final boolean providerSlot;
        private final AtomicBoolean closed = new AtomicBoolean();
        private long reserved;

        private Ticket(boolean providerSlot) {
            this.providerSlot = providerSlot;
        }

        @Override
        public void reserve(long bytes) {
            while (true) {
                long now = bodyBytes.get();
                if (now + bytes > maxBodyBytes) {
                    throw overloaded("Claudia Router is already holding " + (now >> 20) + " MB of request bodies, its "
                            + "limit (limits.maxBodyBytesInFlight); retry shortly");
                }
                if (bodyBytes.compareAndSet(now, now + bytes)) {
                    synchronized (this) {
                        reserved += bytes;
                    }
                    return;
                }
            }
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                synchronized (this) {
                    bodyBytes.addAndGet(-reserved);
                    reserved = 0;
                }
                if (providerSlot) {
                    upstream.release();
                }
            }
        }
    }
}
