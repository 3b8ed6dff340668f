package dev.claudia.router.adapters.http;

import dev.claudia.router.adapters.http.mapping.ApiError;
import dev.claudia.router.adapters.http.mapping.BodyReader;
import dev.claudia.router.adapters.http.mapping.Errors;
import dev.claudia.router.adapters.http.mapping.RequestChecks;
import dev.claudia.router.adapters.http.mapping.RequestReader;
import dev.claudia.router.adapters.http.mapping.VerbatimBody;
import dev.claudia.router.adapters.http.sse.KeepAlive;
import dev.claudia.router.adapters.http.sse.SseFrames;
import dev.claudia.router.adapters.http.sse.SsePump;
import dev.claudia.router.adapters.http.wire.ListBodies;
import dev.claudia.router.application.Cancellation;
import dev.claudia.router.application.CountTokens;
import dev.claudia.router.application.RequestCancelledException;
import dev.claudia.router.application.RequestTrace;
import dev.claudia.router.application.RouteMessage;
import dev.claudia.router.domain.message.ClientMetadata;
import dev.claudia.router.domain.message.MessageRequest;
import dev.claudia.router.domain.message.MessageResponse;
import dev.claudia.router.domain.message.Verbatim;
import dev.claudia.router.domain.port.ProviderException;
import dev.claudia.router.domain.stream.EventStream;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import java.io.InputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code POST /v1/messages} (JSON or server-sent events) and {@code POST /v1/messages/count_tokens}.
 * Query strings such as Claude Code's {@code ?beta=true} are ignored; any {@code anthropic-version}
 * and {@code anthropic-beta} are accepted. No {@code @Consumes}/{@code @Produces}: bodies are
 * read as JSON whatever their declared type (curl's default is form-encoded), and the answer's
 * type is chosen by the request's {@code stream} flag, not by {@code Accept} (Claude Code sends
 * {@code accept: application/json} even when it streams).
 *
 * <p>Every request is admitted first ({@link Admission}): a message takes one of the provider slots
 * until its answer is made or its stream ends, and its body's bytes count until then too.
 *
 * <p>A message request counts as in flight ({@link Lifecycle}) until its answer is written or its
 * stream ends, and while its answer is being prepared its connection is watched
 * ({@link ClientPresence}): a client that leaves cancels the request, and with it every provider
 * call it would still make. A stopping router refuses new messages with 529 {@code overloaded_error}.
 */
@Path("v1/messages")
@Singleton
public final class MessagesResource {

    private static final MediaType EVENT_STREAM = MediaType.valueOf("text/event-stream; charset=utf-8");
    private static final List<String> FORWARDABLE = List.of("anthropic-version", "anthropic-beta");

    private final RouteMessage route;
    private final CountTokens countTokens;
    private final BodyReader bodies;
    private final RequestChecks checks;
    private final Admission admission;
    private final KeepAlive keepAlive;
    private final SsePump pump;
    private final Lifecycle lifecycle;

    @Inject
    public MessagesResource(RouteMessage route, CountTokens countTokens, HttpSettings settings, Lifecycle lifecycle) {
        this.route = route;
        this.lifecycle = lifecycle;
        this.countTokens = countTokens;
        InboundLimits limits = settings.limits();
        this.bodies = new BodyReader(Json.MAPPER, limits.maxBodyBytes(), limits.maxJsonDepth());
        this.checks = new RequestChecks(limits.maxTools(), limits.maxToolSchemaChars());
        this.admission = new Admission(limits);
        this.keepAlive = new KeepAlive(settings.pingInterval());
        this.pump = new SsePump(new SseFrames(Json.MAPPER), keepAlive);
    }

    /**
     * The request comes from {@link RequestTracing#current()} and its body straight from it, not as
     * injected parameters: Jersey resolves those through HK2 and a message body reader on every call.
     */
    @POST
    public Response create() {
        ContainerRequestContext context = RequestTracing.current();
        InputStream body = context.getEntityStream();
        RequestTrace trace = RequestTracing.of(context);
        if (lifecycle.draining()) {
            return cancelled(Cancellation.Reason.SHUTDOWN);
        }
        Admission.Ticket ticket = admission.enter(true);
        AutoCloseable inFlight = lifecycle.track(trace.cancellation());
        boolean handedToStream = false;
        try {
            MessageRequest request = read(body, context, trace, false, ticket);
            try (ClientPresence.Watch watch = lifecycle.presence().watch(ClientConnection.current(),
                    () -> trace.cancellation().cancel(Cancellation.Reason.CLIENT_GONE))) {
                if (request.stream()) {
                    Response streaming = stream(request, trace, () -> {
                        ticket.close();
                        closeQuietly(inFlight);
                    });
                    handedToStream = true;
                    return streaming;
                }
                MessageResponse answer = route.complete(request, trace);
                // Serialized here, so Jersey writes plain bytes instead of running its Jackson provider,
                // which configures a writer for every response.
                Object entity = answer.verbatim() != null ? new VerbatimBody(answer.verbatim(), null)
                        : AnthropicWire.response(answer);
                return Response.ok(entity, MediaType.APPLICATION_JSON_TYPE).build();
            }
        } catch (ProviderException e) {
            return Errors.from(e.failure()).toResponse();
        } catch (RequestCancelledException e) {
            return cancelled(e.reason());
        } finally {
            if (!handedToStream) {
                ticket.close();
                closeQuietly(inFlight);
            }
        }
    }

    /**
     * A request stopped before its answer: on shutdown the caller is told to retry (Claude Code and
     * the SDKs retry a 529, and by then a restarted router may be there); a client that left gets
     * nothing it could read, and the log line says 499.
     */
    private static Response cancelled(Cancellation.Reason reason) {
        if (reason == Cancellation.Reason.SHUTDOWN) {
            return ApiError.of(529, "overloaded_error", "Claudia Router is shutting down; retry shortly")
                    .withHeader("retry-after", Admission.RETRY_AFTER_SECONDS).withHeader("connection", "close").toResponse();
        }
        return ApiError.of(499, "client_closed", "the client went away before its answer was ready").toResponse();
    }

    private static void closeQuietly(AutoCloseable handle) {
        try {
            handle.close();
        } catch (Exception ignored) {
            // a registry removal cannot fail
        }
    }

    @POST
    @Path("count_tokens")
    public Response countTokens() {
        ContainerRequestContext context = RequestTracing.current();
        InputStream body = context.getEntityStream();
        RequestTrace trace = RequestTracing.of(context);
        try (Admission.Ticket ticket = admission.enter(false)) {
            MessageRequest request = read(body, context, trace, true, ticket);
            return Response.ok(new ListBodies.TokenCount(countTokens.count(request, trace)),
                    MediaType.APPLICATION_JSON_TYPE).build();
        }
    }

    @PreDestroy
    public void stop() {
        keepAlive.close();
    }

    private Response stream(MessageRequest request, RequestTrace trace, Runnable done) {
        EventStream events = route.stream(request, trace);
        trace.deferFinish();
        StreamingOutput output = out -> {
            try {
                pump.pump(events, out, trace);
            } finally {
                done.run();
            }
        };
        return Response.ok(output, EVENT_STREAM)
                .header("Cache-Control", "no-cache")
                .header("X-Accel-Buffering", "no")
                .build();
    }

    private MessageRequest read(InputStream body, ContainerRequestContext context, RequestTrace trace,
                                boolean countTokensOnly, Admission.Ticket ticket) {
        // The header as sent: Jersey's getLength() reads it as an int and fails on lengths over 2 GB.
        BodyReader.Body read = bodies.readBody(body, context.getHeaderString("Content-Length"), ticket);
        String beta = context.getHeaderString("anthropic-beta");
        MessageRequest request = RequestReader.read(read.json(), betas(beta), countTokensOnly, trace);
        checks.check(read.json(), request);
        return request.withClient(client(context)).withOriginal(Verbatim.wrap(read.bytes(), forwardable(context)));
    }

    /** What Claude Code says about the request beside its body: its session, and the subagent sending it. */
    static ClientMetadata client(ContainerRequestContext context) {
        return new ClientMetadata(context.getHeaderString("x-claude-code-session-id"),
                context.getHeaderString("x-claude-code-agent-id"), context.getHeaderString("x-claude-code-parent-agent-id"));
    }

    /**
     * The headers a pass-through adapter may send on with the body: the API version and the betas.
     * Never the caller's credentials: providers get the key configured for them.
     */
    private static Map<String, String> forwardable(ContainerRequestContext context) {
        Map<String, String> headers = new HashMap<>(2);
        for (String name : FORWARDABLE) {
            String value = context.getHeaderString(name);
            if (value != null && !value.isBlank()) {
                headers.put(name, value);
            }
        }
        return headers;
    }

    private static Set<String> betas(String header) {
        if (header == null || header.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(header.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }
}
