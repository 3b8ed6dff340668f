package dev.claudia.router.adapters.http;

import dev.claudia.router.adapters.http.mapping.ApiError;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Requires a credential on the API endpoints, from {@code x-api-key} or {@code Authorization:
 * Bearer}, as Anthropic does (clients always send one). Any value passes unless the router was
 * started with a required token, in which case it is compared in constant time. The caller's
 * credential is never forwarded to a provider: providers get the key configured for them.
 */
@Priority(Priorities.AUTHENTICATION)
public final class Credentials implements ContainerRequestFilter {

    private final byte[] required;

    @Inject
    public Credentials(HttpSettings settings) {
        this.required = settings.requiredAuthToken() == null ? null
                : settings.requiredAuthToken().getBytes(StandardCharsets.UTF_8);
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
        } else if (required != null
                && !MessageDigest.isEqual(required, presented.getBytes(StandardCharsets.UTF_8))) {
            request.abortWith(ApiError.of(401, "authentication_error", "invalid credentials: this router requires "
                    + "the token set in CLAUDIA_AUTH_TOKEN").withHeader("x-should-retry", "false").toResponse());
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
