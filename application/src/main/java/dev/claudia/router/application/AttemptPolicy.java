package dev.claudia.router.application;

import dev.claudia.router.domain.port.ProviderException;
import dev.claudia.router.domain.port.ProviderFailure;
import dev.claudia.router.domain.routing.RetryPolicy;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.functions.Either;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When to try a route again, and how long to wait: the only place Resilience4j appears.
 *
 * <p>Retries happen on failures that can go away (429, 5xx, connection errors, timeouts, garbled
 * answers), never on client errors. The wait doubles from the route's base delay, with up to 25 %
 * jitter so that parallel clients do not retry in lockstep; a provider's {@code Retry-After} wins
 * when it is longer. A {@code Retry-After} longer than the policy's cap is not waited out here:
 * the failure goes back to the caller, with the header, so a client like Claude Code can schedule
 * its own retry instead of holding a request open.
 */
public final class AttemptPolicy {

    private static final long MAX_BACKOFF_MILLIS = 30_000;

    private final Map<RetryPolicy, Retry> retries = new ConcurrentHashMap<>();

    /** A fresh attempt counter for one route of one request. */
    Retry.Context<Object> begin(RetryPolicy policy) {
        return retries.computeIfAbsent(policy, AttemptPolicy::retryFor).context();
    }

    private static Retry retryFor(RetryPolicy policy) {
        RetryConfig config = RetryConfig.custom()
                .maxAttempts(policy.maxAttempts())
                .retryOnException(e -> e instanceof ProviderException p && !(p instanceof BackendBusyException)
                        && worthRetrying(p.failure(), policy))
                .intervalBiFunction(interval(policy))
                .build();
        return Retry.of("route-" + policy.maxAttempts() + "x" + policy.baseDelay().toMillis() + "ms", config);
    }

    static boolean worthRetrying(ProviderFailure failure, RetryPolicy policy) {
        return failure.retryable()
                && (failure.retryAfter() == null || failure.retryAfter().compareTo(policy.maxRetryAfter()) <= 0);
    }

    private static IntervalBiFunction<Object> interval(RetryPolicy policy) {
        return (attempt, outcome) -> waitMillis(policy, attempt, retryAfterOf(outcome));
    }

    /** The wait before attempt {@code attempt + 1}: exponential backoff, or the provider's Retry-After if longer. */
    static long waitMillis(RetryPolicy policy, int attempt, Duration retryAfter) {
        long base = policy.baseDelay().toMillis();
        long backoff = Math.min(MAX_BACKOFF_MILLIS, base << Math.min(Math.max(attempt - 1, 0), 20));
        long jitter = backoff == 0 ? 0 : ThreadLocalRandom.current().nextLong(backoff / 4 + 1);
        long wait = backoff + jitter;
        return retryAfter == null ? wait : Math.max(wait, retryAfter.toMillis());
    }

    private static Duration retryAfterOf(Either<Throwable, Object> outcome) {
        if (outcome.isLeft() && outcome.getLeft() instanceof ProviderException p) {
            return p.failure().retryAfter();
        }
        return null;
    }
}
