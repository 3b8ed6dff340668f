package dev.claudia.router.application;

import java.time.Duration;
import java.util.Objects;

/**
 * What one backend may be asked at once and per minute (config.json {@code backends.<name>.limits}):
 * free endpoints such as NVIDIA NIM's allow a few dozen requests a minute, local servers one or two
 * at a time. {@code 0} means no bound.
 *
 * @param maxConcurrent     provider calls in progress at once (a stream counts until it ends)
 * @param requestsPerMinute provider calls started per minute (retries count; a fixed one-minute window)
 * @param maxWait           how long a call may queue for either when no fallback route could serve it
 */
public record BackendLimits(int maxConcurrent, int requestsPerMinute, Duration maxWait) {

    public static final BackendLimits NONE = new BackendLimits(0, 0, Duration.ZERO);

    public BackendLimits {
        Objects.requireNonNull(maxWait, "maxWait");
        if (maxConcurrent < 0 || requestsPerMinute < 0 || maxWait.isNegative()) {
            throw new IllegalArgumentException("backend limits cannot be negative: " + maxConcurrent + ", "
                    + requestsPerMinute + ", " + maxWait);
        }
    }

    public boolean unbounded() {
        return maxConcurrent == 0 && requestsPerMinute == 0;
    }
}
