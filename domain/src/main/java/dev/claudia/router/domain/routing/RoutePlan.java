package dev.claudia.router.domain.routing;

import java.util.List;
import java.util.Objects;

/**
 * The routes to try for one request, in order: the first, then its fallbacks.
 *
 * @param rule why these routes were chosen, for the request log (e.g. {@code modelProfiles},
 *             {@code defaultBackend}, {@code rule:long-context})
 */
public record RoutePlan(String rule, List<Route> routes) {
    public RoutePlan {
        Objects.requireNonNull(rule, "rule");
        routes = List.copyOf(routes);
        if (routes.isEmpty()) {
            throw new IllegalArgumentException("a route plan needs at least one route");
        }
    }

    public Route primary() {
        return routes.getFirst();
    }
}
