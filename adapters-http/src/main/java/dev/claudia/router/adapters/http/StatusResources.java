package dev.claudia.router.adapters.http;

import dev.claudia.router.adapters.http.wire.ListBodies;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.regex.Pattern;

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
        private final RouterStatus status;

        @Inject
        public Health(RouterStatus status) {
            this.status = status;
        }

        @GET
        public ListBodies.Health get() {
            ServiceInfo info = status.info();
            RouterStatus.Config config = status.config();
            return new ListBodies.Health(status.stopping() ? "stopping" : "ok", info.version(), info.backends().stream()
                    .map(b -> new ListBodies.Backend(b.name(), b.baseUrl(), b.apiKeyEnv(), b.apiKeyPresent(), b.mode()))
                    .toList(), new ListBodies.Config(config.source(), config.generation(), config.loadedAt().toString(),
                    config.problems(), config.restartNeeded()), status.droppedLogLines());
        }
    }

    /**
     * {@code GET /}. With an {@code x-claudia-challenge} header (a nonce), the answer carries
     * {@code x-claudia-proof}: for each client key, an HMAC over this router's port and the nonce
     * ({@link ClientKeys#proofs}), so {@code claudia claude} can check that the router on a port
     * holds a key it knows before it sends that key, or a Claude Code session, there.
     */
    @Path("")
    @Singleton
    @Produces(MediaType.APPLICATION_JSON)
    public static final class Root {
        static final String CHALLENGE = "x-claudia-challenge";
        static final String PROOF = "x-claudia-proof";
        private static final Pattern NONCE = Pattern.compile("[A-Za-z0-9_-]{16,128}");

        private final ServiceInfo info;
        private final ClientKeys keys;
        private final BoundPort port;

        @Inject
        public Root(ServiceInfo info, HttpSettings settings, BoundPort port) {
            this.info = info;
            this.keys = settings.access().clientKeys();
            this.port = port;
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
        public Response get(@HeaderParam(CHALLENGE) String challenge) {
            Response.ResponseBuilder answer = Response.ok(new ListBodies.Root("Claudia Router", info.version(),
                    List.of("POST /v1/messages", "POST /v1/messages/count_tokens", "GET /v1/models",
                            "GET /v1/models/{id}", "GET /health")));
            if (challenge != null && NONCE.matcher(challenge).matches() && keys.required() && port.get() > 0) {
                answer.header(PROOF, String.join(",", keys.proofs(port.get(), challenge)));
            }
            return answer.build();
        }
    }
}
