package dev.claudia.router.adapters.http;

import java.time.Duration;
import java.util.Objects;

/**
 * Knobs of the HTTP edge.
 *
 * @param maxBodyBytes      requests above this size get 413 {@code request_too_large} (Anthropic: 32 MB)
 * @param pingInterval      a stream quiet for this long gets a {@code ping} event. Short (500 ms by default)
 *                          because the ping is also how a client that left is noticed while the
 *                          provider is silent: the write fails and the provider request is cancelled
 * @param requiredAuthToken when non-null, callers must present exactly this token (x-api-key or
 *                          Bearer); when null any non-empty credential is accepted
 */
public record HttpSettings(long maxBodyBytes, Duration pingInterval, String requiredAuthToken) {

    public static final long ANTHROPIC_MAX_BODY = 32L * 1024 * 1024;

    public HttpSettings {
        if (maxBodyBytes <= 0) {
            throw new IllegalArgumentException("maxBodyBytes must be positive");
        }
        Objects.requireNonNull(pingInterval, "pingInterval");
    }

    public static HttpSettings defaults() {
        return new HttpSettings(ANTHROPIC_MAX_BODY, Duration.ofMillis(500), null);
    }

    @Override
    public String toString() {
        // never print the token
        return "HttpSettings[maxBodyBytes=" + maxBodyBytes + ", pingInterval=" + pingInterval
                + ", requiredAuthToken=" + (requiredAuthToken == null ? "none" : "***") + "]";
    }
}
