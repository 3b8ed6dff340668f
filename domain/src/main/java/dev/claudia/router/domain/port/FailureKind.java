package dev.claudia.router.domain.port;

/**
 * What went wrong with a provider call, independent of wire formats. Each kind knows whether
 * trying again can help; the HTTP adapter maps kinds to Anthropic error types and statuses.
 */
public enum FailureKind {
    /** The provider rejected the request as malformed (HTTP 400/422). */
    INVALID_REQUEST(false),
    /** The prompt does not fit the model's context window. */
    CONTEXT_TOO_LONG(false),
    /** The provider refused our credentials (HTTP 401), or none were configured. */
    AUTHENTICATION(false),
    /** Out of credits (HTTP 402). */
    BILLING(false),
    /** Not allowed (HTTP 403). */
    PERMISSION(false),
    /** The model or endpoint does not exist (HTTP 404). */
    NOT_FOUND(false),
    /** The request is too big for the provider (HTTP 413). */
    REQUEST_TOO_LARGE(false),
    /** Too many requests (HTTP 429). */
    RATE_LIMITED(true),
    /** The provider or model is busy or still loading (HTTP 503, 529). */
    OVERLOADED(true),
    /** The provider failed (HTTP 500, 502, other 5xx). */
    SERVER_ERROR(true),
    /** No answer in time (HTTP 408, 504, or our read timeout). */
    TIMEOUT(true),
    /** The provider could not be reached (connection refused, DNS, TLS). */
    UNREACHABLE(true),
    /** The provider answered something we cannot read (bad JSON, an in-band error, a broken stream). */
    MALFORMED_RESPONSE(true),
    /** The conversation cannot be translated for this provider; trying again cannot help. */
    UNSUPPORTED(false);

    private final boolean retryable;

    FailureKind(boolean retryable) {
        this.retryable = retryable;
    }

    /** True when the same request may succeed if tried again. */
    public boolean retryable() {
        return retryable;
    }
}
