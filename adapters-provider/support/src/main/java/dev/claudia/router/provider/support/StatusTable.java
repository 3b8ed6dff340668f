package dev.claudia.router.provider.support;

import dev.claudia.router.domain.port.FailureKind;

/**
 * The one table from a provider's HTTP status to a domain {@link FailureKind}, for every adapter
 * (and for in-band error codes that follow HTTP's numbering). Adapters refine it where their
 * provider says more, e.g. a 400 whose text says the prompt is too long.
 */
public final class StatusTable {

    private StatusTable() {}

    public static FailureKind kind(int status) {
        return switch (status) {
            case 400, 422 -> FailureKind.INVALID_REQUEST;
            case 401 -> FailureKind.AUTHENTICATION;
            case 402 -> FailureKind.BILLING;
            case 403 -> FailureKind.PERMISSION;
            case 404 -> FailureKind.NOT_FOUND;
            case 408, 504 -> FailureKind.TIMEOUT;
            // A conflict at a provider is a transient server-side state (OpenAI documents 409 as
            // "try again", Anthropic retries its conflict_error), not a client error.
            case 409 -> FailureKind.SERVER_ERROR;
            case 413 -> FailureKind.REQUEST_TOO_LARGE;
            case 429 -> FailureKind.RATE_LIMITED;
            // 529 is Anthropic's own "overloaded"; gateways in front of Claude pass it on.
            case 503, 529 -> FailureKind.OVERLOADED;
            default -> status >= 500 ? FailureKind.SERVER_ERROR : status >= 400 ? FailureKind.INVALID_REQUEST
                    : FailureKind.SERVER_ERROR;
        };
    }
}
