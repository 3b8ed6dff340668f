package dev.claudia.router.adapters.http;

import dev.claudia.router.adapters.http.mapping.VerbatimBody;
import dev.claudia.router.adapters.http.wire.ErrorBody;
import dev.claudia.router.application.RequestLog;
import dev.claudia.router.application.RequestTrace;
import dev.claudia.router.domain.port.IdGenerator;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;

/**
 * Gives every request an id ({@code request-id} header, and {@code request_id} in error bodies,
 * as Anthropic does) and a trace, and writes the request's log line when the response leaves,
 * except for streams, whose line is written when the stream ends. Runs before matching, so even
 * requests to unknown paths get an id and a line.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public final class RequestTracing implements ContainerRequestFilter, ContainerResponseFilter {

    static final String TRACE = "claudia.trace";
    /**
     * The request this thread is serving, from this filter until its response filter. Resources take
     * it from here instead of as an injected {@code @Context} parameter: Jersey resolves such a
     * parameter through HK2 on every call, a few percent of a small request's CPU.
     */
    private static final ThreadLocal<ContainerRequestContext> CURRENT = new ThreadLocal<>();

    private final RequestLog log;
    private final IdGenerator ids;

    @Inject
    public RequestTracing(RequestLog log, IdGenerator ids) {
        this.log = log;
        this.ids = ids;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        CURRENT.set(request);
        request.setProperty(TRACE, log.start(ids.requestId(), endpoint(request)));
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        CURRENT.remove(); // the request is done with; its thread may serve another one next
        RequestTrace trace = traceOf(request);
        response.getHeaders().putSingle("request-id", trace.requestId());
        String errorType = null;
        if (response.getEntity() instanceof ErrorBody error) {
            errorType = error.error().type();
            if (error.requestId() == null) {
                response.setEntity(error.withRequestId(trace.requestId()));
            }
        } else if (response.getEntity() instanceof VerbatimBody passed) {
            errorType = passed.errorType(); // a provider's own body: it keeps its own request id, if any
        }
        if (!trace.deferred()) {
            trace.finish(response.getStatus(), errorType);
        }
    }

    /** The trace of this request (made on the spot if the request filter did not run). */
    RequestTrace traceOf(ContainerRequestContext request) {
        if (request.getProperty(TRACE) instanceof RequestTrace trace) {
            return trace;
        }
        RequestTrace trace = log.start(ids.requestId(), endpoint(request));
        request.setProperty(TRACE, trace);
        return trace;
    }

    /**
     * The request being served on this thread (Jersey handles a request on one thread up to its
     * response filters). Set anew by every request, so a request never sees another's.
     */
    static ContainerRequestContext current() {
        ContainerRequestContext request = CURRENT.get();
        if (request == null) {
            throw new IllegalStateException("no request is being served on this thread (is RequestTracing registered?)");
        }
        return request;
    }

    static RequestTrace of(ContainerRequestContext request) {
        return (RequestTrace) request.getProperty(TRACE);
    }

    private static String endpoint(ContainerRequestContext request) {
        return request.getMethod() + " /" + request.getUriInfo().getPath();
    }
}
