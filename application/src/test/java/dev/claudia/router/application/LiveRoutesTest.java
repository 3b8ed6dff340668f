package dev.claudia.router.application;

import dev.claudia.router.domain.message.RawJson;
import dev.claudia.router.domain.routing.Capabilities;
import dev.claudia.router.domain.routing.RetryPolicy;
import dev.claudia.router.domain.routing.Route;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class LiveRoutesTest {

    private static LiveRoutes.Routing routing(String backend) {
        Route route = new Route("*", "defaultBackend", backend, "m", RetryPolicy.of(1, 0), RawJson.EMPTY_OBJECT,
                Capabilities.DEFAULT);
        return new LiveRoutes.Routing(new ConfiguredRoutes(Map.of(), route), new ProviderDirectory(Map.of()));
    }

    @Test
    void a_request_keeps_the_routing_it_started_on_and_new_ones_get_the_new_one() {
        List<LiveRoutes.Routing> retired = new ArrayList<>();
        LiveRoutes.Routing first = routing("a");
        LiveRoutes.Routing second = routing("b");
        LiveRoutes live = new LiveRoutes(first, retired::add);
        LiveRoutes.Lease inFlight = live.lease();
        live.replace(second);
        assertSame(first, inFlight.routing());
        try (LiveRoutes.Lease next = live.lease()) {
            assertSame(second, next.routing());
        }
        assertEquals(List.of(), retired, "the first routing still serves a request");
        inFlight.close();
        inFlight.close();
        assertEquals(List.of(first), retired, "retired once, when its last request ended");
    }

    @Test
    void a_replaced_routing_without_requests_retires_at_once() {
        List<LiveRoutes.Routing> retired = new ArrayList<>();
        LiveRoutes.Routing first = routing("a");
        LiveRoutes live = new LiveRoutes(first, retired::add);
        live.replace(routing("b"));
        assertEquals(List.of(first), retired);
        assertEquals(0, live.leases());
    }
}
