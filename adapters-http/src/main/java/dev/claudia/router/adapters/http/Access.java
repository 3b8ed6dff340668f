package dev.claudia.router.adapters.http;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Who may talk to the router (docs/security.md).
 *
 * @param clientKeys     keys callers must present; none means any credential passes
 * @param allowedHosts   names a request's {@code Host} may carry besides IP literals and {@code localhost}
 *                       (the bind host is one): anything else is DNS rebinding
 * @param allowedOrigins web origins ({@code https://app.example}) whose pages may call the router; a
 *                       request with any other {@code Origin} is refused
 */
public record Access(ClientKeys clientKeys, List<String> allowedHosts, List<String> allowedOrigins) {

    public Access {
        Objects.requireNonNull(clientKeys, "clientKeys");
        allowedHosts = allowedHosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
        allowedOrigins = allowedOrigins.stream().map(o -> o.toLowerCase(Locale.ROOT)).toList();
    }

    /** A router on the loopback interface, open to any local caller that is not a web page. */
    public static Access local(ClientKeys keys) {
        return new Access(keys, List.of(), List.of());
    }
}
