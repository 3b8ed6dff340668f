package dev.claudia.router.adapters.http;

import dev.claudia.router.adapters.http.mapping.ApiError;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Keeps web pages out. A page the user visits can reach a server on 127.0.0.1 in two ways, and both
 * are refused here, on every path, before anything else runs:
 * <ul>
 * <li>DNS rebinding: the page's own name is made to resolve to 127.0.0.1, so the browser sends
 *     {@code Host: evil.example}. The {@code Host} must be an IP literal, {@code localhost}, or a name
 *     in {@link Access#allowedHosts()} (the bind host is one).</li>
 * <li>Cross-origin requests: the browser sends the page's {@code Origin}. A request carrying one is
 *     refused unless it is in {@link Access#allowedOrigins()}; allowed origins get CORS headers and
 *     preflight answers.</li>
 * </ul>
 * Clients that are not browsers (Claude Code, the SDKs, curl) send a loopback {@code Host} and no
 * {@code Origin}, and never notice.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 50)
public final class Exposure implements ContainerRequestFilter, ContainerResponseFilter {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final String CORS_METHODS = "GET, POST, HEAD, OPTIONS";

    private final List<String> hosts;
    private final List<String> origins;

    @Inject
    public Exposure(HttpSettings settings) {
        this.hosts = settings.access().allowedHosts();
        this.origins = settings.access().allowedOrigins();
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String host = request.getHeaderString("Host");
        if (host != null && !hostAllowed(hostName(host))) {
            request.abortWith(refusal("Host '" + shorten(host) + "' does not name this router (DNS rebinding?); "
                    + "use 127.0.0.1 or localhost, or add the name to access.allowedHosts in config.json"));
            return;
        }
        String origin = request.getHeaderString("Origin");
        if (origin == null) {
            return;
        }
        if (!origins.contains(origin.toLowerCase(Locale.ROOT))) {
            request.abortWith(refusal("requests from web pages are refused (Origin '" + shorten(origin)
                    + "'); add the origin to access.allowedOrigins in config.json to allow it"));
        } else if (request.getMethod().equals("OPTIONS")) {
            String headers = request.getHeaderString("Access-Control-Request-Headers");
            request.abortWith(Response.noContent().header("Access-Control-Allow-Methods", CORS_METHODS)
                    .header("Access-Control-Allow-Headers", headers == null ? "" : headers)
                    .header("Access-Control-Max-Age", "600").build());
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        String origin = request.getHeaderString("Origin");
        if (origin != null && origins.contains(origin.toLowerCase(Locale.ROOT))) {
            response.getHeaders().putSingle("Access-Control-Allow-Origin", origin);
            response.getHeaders().putSingle("Access-Control-Expose-Headers", "request-id, retry-after, x-should-retry");
            response.getHeaders().add("Vary", "Origin");
        }
    }

    boolean hostAllowed(String name) {
        return name.equals("localhost") || IPV4.matcher(name).matches() || name.startsWith("[") || hosts.contains(name);
    }

    /** The name part of a Host header: lower case, without port and trailing dot ({@code [::1]} keeps its brackets). */
    static String hostName(String header) {
        String host = header.strip().toLowerCase(Locale.ROOT);
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            return close > 0 ? host.substring(0, close + 1) : host;
        }
        int colon = host.indexOf(':');
        if (colon >= 0) {
            host = host.substring(0, colon);
        }
        return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    }

    private static Response refusal(String message) {
        return ApiError.of(403, "permission_error", message).withHeader("x-should-retry", "false").toResponse();
    }

    private static String shorten(String value) {
        String printable = value.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() > 100 ? printable.substring(0, 100) + "..." : printable;
    }
}
