package dev.claudia.router.domain.routing;

import java.time.Duration;
import java.util.Objects;

/**
 * How often and how patiently to try one route.
 *
 * @param maxAttempts   all attempts, the first included (config {@code retryAttempts}); at least 1
 * @param baseDelay     the first backoff; each retry doubles it (config {@code retryBaseDelayMs})
 * @param maxRetryAfter the longest provider {@code Retry-After} the router waits out itself; a
 *                      longer one is passed to the caller instead of blocking the request
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxRetryAfter) {
    public static final Duration DEFAULT_MAX_RETRY_AFTER = Duration.ofSeconds(20);

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        Objects.requireNonNull(baseDelay, "baseDelay");
        Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
    }

    public static RetryPolicy of(int maxAttempts, long baseDelayMillis) {
        return new RetryPolicy(maxAttempts, Duration.ofMillis(baseDelayMillis), DEFAULT_MAX_RETRY_AFTER);
    }
}
