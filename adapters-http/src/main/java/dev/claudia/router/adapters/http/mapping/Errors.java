package dev.claudia.router.adapters.http.mapping;

import dev.claudia.router.domain.port.FailureKind;
import dev.claudia.router.domain.port.ProviderFailure;

/**
 * The one table from provider failures to Anthropic errors (docs/errors.md). Statuses follow
 * what Anthropic itself would answer, so clients' retry logic does the right thing: transient
 * failures get statuses Claude Code and the SDKs retry (429, 5xx, 529); failures that cannot go
 * away carry {@code x-should-retry: false}, which both obey before any status rule.
 */
public final class Errors {

    private Errors() {}

    public static ApiError from(ProviderFailure failure) {
        if (failure.verbatim() != null) {
            return verbatim(failure);
        }
        ApiError error = switch (failure.kind()) {
            case INVALID_REQUEST, CONTEXT_TOO_LONG, UNSUPPORTED -> ApiError.of(400, "invalid_request_error", failure.message());
            case AUTHENTICATION -> ApiError.of(401, "authentication_error", failure.message());
            case BILLING -> ApiError.of(402, "billing_error", failure.message());
            case PERMISSION -> ApiError.of(403, "permission_error", failure.message());
            case NOT_FOUND -> ApiError.of(404, "not_found_error", failure.message());
            case REQUEST_TOO_LARGE -> ApiError.of(413, "request_too_large", failure.message());
            case RATE_LIMITED -> ApiError.of(429, "rate_limit_error", failure.message());
            case OVERLOADED -> ApiError.of(529, "overloaded_error", failure.message());
            case SERVER_ERROR -> ApiError.of(500, "api_error", failure.message());
            case UNREACHABLE, MALFORMED_RESPONSE -> ApiError.of(502, "api_error", failure.message());
            case TIMEOUT -> ApiError.of(504, "timeout_error", failure.message());
        };
        if (failure.retryAfter() != null) {
            long seconds = Math.max(1, (failure.retryAfter().toMillis() + 999) / 1000);
            error = error.withHeader("retry-after", Long.toString(seconds));
        }
        return failure.retryable() ? error : error.withHeader("x-should-retry", "false");
    }

    /**
     * A provider's own Anthropic error, as it came: its status and body, its {@code retry-after}
     * and {@code x-should-retry}. Where the provider said nothing about retrying, the router's rule
     * applies: a failure that cannot go away says {@code x-should-retry: false}.
     */
    private static ApiError verbatim(ProviderFailure failure) {
        String type = typeOf(failure.kind());
        int status = failure.upstreamStatus() >= 400 ? failure.upstreamStatus() : from(withoutBody(failure)).status();
        ApiError error = ApiError.verbatim(status, type, failure.message(), failure.verbatim());
        for (var header : failure.verbatim().headers().entrySet()) {
            error = error.withHeader(header.getKey(), header.getValue());
        }
        if (failure.verbatim().header("x-should-retry") == null && !failure.retryable()) {
            error = error.withHeader("x-should-retry", "false");
        }
        return error;
    }

    private static ProviderFailure withoutBody(ProviderFailure failure) {
        return new ProviderFailure(failure.kind(), failure.message(), failure.backend(), failure.upstreamStatus(),
                failure.retryAfter());
    }

    /** The Anthropic error type a failure maps to, for error events inside streams. */
    public static String typeOf(FailureKind kind) {
        return from(ProviderFailure.of(kind, "-", "-")).type();
    }
}
