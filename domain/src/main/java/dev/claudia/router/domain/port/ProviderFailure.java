package dev.claudia.router.domain.port;

import java.time.Duration;
import java.util.Objects;

/**
 * A failed provider call, as data.
 *
 * @param kind           what went wrong
 * @param message        a message fit for the caller: names the backend, never contains a secret
 * @param backend        the backend name in config.json
 * @param upstreamStatus the provider's HTTP status, or 0 when there was no response
 * @param retryAfter     how long the provider asked us to wait, or null
 */
public record ProviderFailure(FailureKind kind, String message, String backend, int upstreamStatus,
                              Duration retryAfter) {
    public ProviderFailure {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(backend, "backend");
    }

    public static ProviderFailure of(FailureKind kind, String backend, String message) {
        return new ProviderFailure(kind, message, backend, 0, null);
    }

    public boolean retryable() {
        return kind.retryable();
    }
}
