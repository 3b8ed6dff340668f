package dev.claudia.router.application;

import dev.claudia.router.domain.port.FailureKind;
import dev.claudia.router.domain.port.ProviderFailure;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;

import java.time.Duration;

/**
 * Holds one backend to its {@link BackendLimits}, with Resilience4j: a {@link Bulkhead} for calls in
 * progress and a rate limiter (a fixed one-minute window) for calls started. A call that finds no
 * room waits up to {@code maxWait} when nothing else could serve it, and not at all when a fallback
 * route could: a busy free endpoint then hands over to the next route at once. Without a permit the
 * call is a {@link BackendBusyException} (429 {@code rate_limit_error} with the wait as
 * {@code retry-after}), and no provider is asked.
 */
public final class BackendGate {

    /** What a permitted call holds; closing it frees its place among the calls in progress. */
    public interface Permit extends AutoCloseable {
        @Override
        void close();
    }

    private static final Permit FREE = () -> { };

    private final String backend;
    private final BackendLimits limits;
    private final Bulkhead bulkhead;
    private final AtomicRateLimiter rate;

    public BackendGate(String backend, BackendLimits limits) {
        this.backend = backend;
        this.limits = limits;
        this.bulkhead = limits.maxConcurrent() == 0 ? null : Bulkhead.of("backend-" + backend, BulkheadConfig.custom()
                .maxConcurrentCalls(limits.maxConcurrent()).maxWaitDuration(limits.maxWait()).fairCallHandlingStrategyEnabled(true)
                .build());
        this.rate = limits.requestsPerMinute() == 0 ? null : new AtomicRateLimiter("backend-" + backend,
                RateLimiterConfig.custom().limitForPeriod(limits.requestsPerMinute())
                        .limitRefreshPeriod(Duration.ofMinutes(1)).timeoutDuration(limits.maxWait()).build());
    }

    /** A gate that lets everything through. */
    public static BackendGate open(String backend) {
        return new BackendGate(backend, BackendLimits.NONE);
    }

    public BackendLimits limits() {
        return limits;
    }

    /**
     * A permit for one provider call; throws {@link BackendBusyException} when there is none in time.
     *
     * @param mayWait false when a fallback route could serve the request instead
     */
    public Permit enter(boolean mayWait, Cancellation cancellation) {
        if (bulkhead == null && rate == null) {
            return FREE;
        }
        return cancellation.whileWaiting(() -> {
            boolean slot = bulkhead == null || (mayWait || bulkhead.getMetrics().getAvailableConcurrentCalls() > 0)
                    && bulkhead.tryAcquirePermission();
            cancellation.check();
            if (!slot) {
                throw busy("already has " + limits.maxConcurrent() + " request(s) in progress (backends." + backend
                        + ".limits.maxConcurrent)", Duration.ofSeconds(1));
            }
            Permit permit = bulkhead == null ? FREE : bulkhead::onComplete;
            try {
                waitForRate(mayWait, cancellation);
                return permit;
            } catch (RuntimeException e) {
                permit.close();
                throw e;
            }
        });
    }

    private void waitForRate(boolean mayWait, Cancellation cancellation) {
        if (rate == null) {
            return;
        }
        long ahead = rate.getDetailedMetrics().getNanosToWait();
        long wait = ahead > 0 && !mayWait ? -1 : rate.reservePermission();
        if (wait < 0) {
            throw busy("is at its limit of " + limits.requestsPerMinute() + " requests per minute (backends." + backend
                    + ".limits.requestsPerMinute)", Duration.ofNanos(Math.max(ahead, rate.getDetailedMetrics()
                    .getNanosToWait())));
        }
        if (wait > 0) {
            try {
                Thread.sleep(Duration.ofNanos(wait));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        cancellation.check();
    }

    private BackendBusyException busy(String what, Duration retryAfter) {
        Duration after = retryAfter.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : retryAfter;
        return new BackendBusyException(new ProviderFailure(FailureKind.RATE_LIMITED, "backend '" + backend + "' "
                + what + "; retry in " + ((after.toMillis() + 999) / 1000) + " s", backend, 0, after));
    }
}
