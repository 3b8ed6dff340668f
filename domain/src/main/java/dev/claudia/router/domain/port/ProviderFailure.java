package dev.claudia.router.domain.port;

import dev.claudia.router.domain.message.Verbatim;

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
 * @param verbatim       the provider's own error body when it is already an Anthropic error
 *                       ({@code {"type":"error","error":{...}}}), with the headers that go along
 *                       ({@code retry-after}, {@code x-should-retry}): the caller then gets it
 *                       unchanged, with {@code upstreamStatus}. Null otherwise: the router words the error
 */
public record ProviderFailure(FailureKind kind, String message, String backend, int upstreamStatus,
                              Duration retryAfter, Verbatim verbatim) {
    public ProviderFailure {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(backend, "backend");
    }

    /** A failure the router words itself. */
    public ProviderFailure(FailureKind kind, String message, String backend, int upstreamStatus, Duration retryAfter) {
        this(kind, message, backend, upstreamStatus, retryAfter, null);
    }

    public static ProviderFailure of(FailureKind kind, String backend, String message) {
        return new ProviderFailure(kind, message, backend, 0, null);
    }

    public boolean retryable() {
        return kind.retryable();
    }
}
