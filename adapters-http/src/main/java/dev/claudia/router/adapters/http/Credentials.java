package dev.claudia.router.adapters.http;

import dev.claudia.router.adapters.http.mapping.ApiError;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;

/**
 * Requires a credential on the API endpoints, from {@code x-api-key} or {@code Authorization:
 * Bearer}, as Anthropic does (clients always send one). Any value passes unless client keys are
 * configured ({@link ClientKeys}: {@code CLAUDIA_AUTH_TOKEN}, {@code CLAUDIA_CLIENT_KEYS},
 * {@code access.clientKeys}), in which case it must be one of them, compared in constant time. The
 * caller's credential is never forwarded to a provider: providers get the key configured for them.
 */
@Priority(Priorities.AUTHENTICATION)
public final class Credentials implements ContainerRequestFilter {

    private final ClientKeys keys;

    @Inject
    public Credentials(HttpSettings settings) {
        this.keys = settings.access().clientKeys();
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (!request.getUriInfo().getPath().startsWith("v1/")) {
            return;
        }
        String presented = presented(request);
        if (presented == null) {
            request.abortWith(ApiError.of(401, "authentication_error", "missing credentials: send an API key in "
                    + "x-api-key or Authorization: Bearer (any value works unless the router requires a token)")
                    .withHeader("x-should-retry", "false").toResponse());
        } else if (keys.required() && !keys.accepts(presented)) {
            request.abortWith(ApiError.of(401, "authentication_error", "invalid credentials: this router accepts "
                    + "only its client keys (CLAUDIA_AUTH_TOKEN, CLAUDIA_CLIENT_KEYS or access.clientKeys)")
                    .withHeader("x-should-retry", "false").toResponse());
        }
    }

    private static String presented(ContainerRequestContext request) {
        String key = request.getHeaderString("x-api-key");
        if (key != null && !key.isBlank()) {
            return key.strip();
        }
        String authorization = request.getHeaderString("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = authorization.substring(7).strip();
            return token.isEmpty() ? null : token;
        }
        return null;
    }
}
