package dev.claudia.router.application;

import dev.claudia.router.domain.port.ProviderException;
import dev.claudia.router.domain.port.ProviderFailure;

/**
 * The router's own limit for a backend is reached ({@link BackendLimits}): no provider was asked.
 * A 429 {@code rate_limit_error} with {@code retry-after} for the caller; for the route walk it is
 * final for the route (it already waited as long as it may), so the next route, if any, is tried.
 */
public final class BackendBusyException extends ProviderException {

    private static final long serialVersionUID = 1L;

    public BackendBusyException(ProviderFailure failure) {
        super(failure);
    }
}
