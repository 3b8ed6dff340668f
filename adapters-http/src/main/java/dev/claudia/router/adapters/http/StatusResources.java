package dev.claudia.router.adapters.http;

import dev.claudia.router.adapters.http.wire.ListBodies;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

/**
 * {@code GET /health}, {@code GET /} and {@code /api/hello} (Claude Code sends {@code HEAD /} or
 * {@code HEAD /api/hello} at start-up, by version; JAX-RS answers HEAD from GET).
 */
public final class StatusResources {

    private StatusResources() {}

    @Path("health")
    @Singleton
    @Produces(MediaType.APPLICATION_JSON)
    public static final class Health {
        private final ServiceInfo info;

        @Inject
        public Health(ServiceInfo info) {
            this.info = info;
        }

        @GET
        public ListBodies.Health get() {
            return new ListBodies.Health("ok", info.version(), info.backends().stream()
                    .map(b -> new ListBodies.Backend(b.name(), b.baseUrl(), b.apiKeyEnv(), b.apiKeyPresent(), b.mode()))
                    .toList());
        }
    }

    @Path("")
    @Singleton
    @Produces(MediaType.APPLICATION_JSON)
    public static final class Root {
        private final ServiceInfo info;

        @Inject
        public Root(ServiceInfo info) {
            this.info = info;
        }

        /** Claude Code's start-up pre-connect; answered without a body (no Content-Length for HEAD). */
        @HEAD
        public Response head() {
            return Response.ok().build();
        }

        /**
         * Claude Code 2.1.332 pre-connects with {@code HEAD {base}/api/hello} (it tolerates a 404;
         * a 200 keeps its start-up log clean). GET answers too, for probes that use it.
         */
        @HEAD
        @Path("api/hello")
        public Response helloHead() {
            return Response.ok().build();
        }

        @GET
        @Path("api/hello")
        public Response hello() {
            return Response.ok("{\"status\":\"ok\"}", MediaType.APPLICATION_JSON_TYPE).build();
        }

        @GET
        public ListBodies.Root get() {
            return new ListBodies.Root("Claudia Router", info.version(), List.of("POST /v1/messages",
                    "POST /v1/messages/count_tokens", "GET /v1/models", "GET /v1/models/{id}", "GET /health"));
        }
    }
}
