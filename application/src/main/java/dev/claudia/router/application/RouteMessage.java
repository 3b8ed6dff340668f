package dev.claudia.router.application;

import dev.claudia.router.domain.message.MessageRequest;
import dev.claudia.router.domain.message.MessageResponse;
import dev.claudia.router.domain.port.ChatProvider;
import dev.claudia.router.domain.port.IdGenerator;
import dev.claudia.router.domain.port.ModelRoutes;
import dev.claudia.router.domain.port.ProviderCall;
import dev.claudia.router.domain.port.ProviderException;
import dev.claudia.router.domain.port.TokenCounter;
import dev.claudia.router.domain.routing.Route;
import dev.claudia.router.domain.routing.RoutePlan;
import dev.claudia.router.domain.stream.EventStream;
import dev.claudia.router.domain.stream.MessageAccumulator;
import dev.claudia.router.domain.stream.MessageEvents;

import java.util.function.IntSupplier;

/**
 * The use case: answer one message request through the routes configured for its model, trying
 * again and falling back as the routes' policies allow, whole or streamed.
 *
 * <p>A provider that cannot stream still serves streaming callers (events are synthesized from its
 * whole answer), and a provider that only streams still serves whole-answer callers (its stream
 * is folded), so callers never need to know.
 *
 * <p>Each attempt is first fitted to its route's declared window ({@link WindowGuard}), and a
 * client session stays on the route that served it ({@link SessionAffinity}).
 */
public final class RouteMessage {

    private final LiveRoutes live;
    private final AttemptPolicy policy;
    private final TokenCounter tokens;
    private final IdGenerator ids;
    private final SessionAffinity affinity;
    private final WindowGuard window;

    public RouteMessage(ModelRoutes routes, ProviderDirectory providers, AttemptPolicy policy, TokenCounter tokens,
                        IdGenerator ids) {
        this(routes, providers, policy, tokens, ids, SessionAffinity.OFF);
    }

    public RouteMessage(ModelRoutes routes, ProviderDirectory providers, AttemptPolicy policy, TokenCounter tokens,
                        IdGenerator ids, SessionAffinity affinity) {
        this(LiveRoutes.fixed(routes, providers), policy, tokens, ids, affinity);
    }

    /** Routes by whatever routing is in force when each request starts (config reloads replace it). */
    public RouteMessage(LiveRoutes live, AttemptPolicy policy, TokenCounter tokens, IdGenerator ids,
                        SessionAffinity affinity) {
        this.live = live;
        this.policy = policy;
        this.tokens = tokens;
        this.ids = ids;
        this.affinity = affinity;
        this.window = new WindowGuard(tokens);
    }

    /**
     * A whole message; throws {@link ProviderException} when every attempt failed, and
     * {@link RequestCancelledException} when the request was cancelled (no provider call follows).
     */
    public MessageResponse complete(MessageRequest request, RequestTrace trace) {
        Cancellation cancellation = trace.cancellation();
        try (LiveRoutes.Lease lease = live.lease()) {
            ProviderDirectory providers = lease.routing().providers();
            IntSupplier promptTokens = promptTokens(request);
            RouteAttempts attempts = start(lease.routing().routes(), request, promptTokens, trace);
            String messageId = ids.messageId();
            return cancellation.whileWaiting(() -> {
                while (true) {
                    cancellation.check();
                    ProviderCall call = new ProviderCall(attempts.current(), request, messageId, promptTokens, trace);
                    try {
                        MessageResponse response = completeOnce(providers, call, attempts, cancellation);
                        attempts.succeeded();
                        trace.usage(response.usage(), response.stopReason());
                        return response;
                    } catch (ProviderException e) {
                        attempts.failed(e);
                    }
                }
            });
        }
    }

    /**
     * A streamed message. Returns once some provider accepted the request; throws
     * {@link ProviderException} when none did, before anything could reach the caller. Failures
     * after that are retried invisibly until the first content event, then end the stream with
     * an error event.
     */
    public EventStream stream(MessageRequest request, RequestTrace trace) {
        LiveRoutes.Lease lease = live.lease();
        try {
            ProviderDirectory providers = lease.routing().providers();
            IntSupplier promptTokens = countingAhead(request);
            RouteAttempts attempts = start(lease.routing().routes(), request, promptTokens, trace);
            String messageId = ids.messageId();
            return new ResilientEventStream(attempts, route -> streamOnce(providers,
                    new ProviderCall(route, request, messageId, promptTokens, trace), attempts, trace.cancellation()),
                    trace, lease::close);
        } catch (RuntimeException e) {
            lease.close();
            throw e;
        }
    }

    private RouteAttempts start(ModelRoutes routes, MessageRequest request, IntSupplier promptTokens, RequestTrace trace) {
        trace.request(request);
        RoutePlan configured = routes.planFor(request, promptTokens);
        String session = request.client().sessionId();
        RoutePlan plan = affinity.apply(session, configured);
        trace.routedBy(plan.rule());
        return new RouteAttempts(plan, policy, trace, served -> affinity.served(session, configured, served));
    }

    private MessageResponse completeOnce(ProviderDirectory providers, ProviderCall unfitted, RouteAttempts attempts,
                                         Cancellation cancellation) {
        ProviderCall call = window.fit(unfitted);
        Route route = call.route();
        ChatProvider provider = providers.forBackend(route.backend());
        try (BackendGate.Permit permit = providers.gate(route.backend()).enter(!attempts.hasFallback(), cancellation)) {
            return switch (route.capabilities().streaming()) {
                case BOTH, NEVER -> provider.complete(call);
                case ONLY -> MessageAccumulator.fold(provider.stream(call));
            };
        }
    }

    private EventStream streamOnce(ProviderDirectory providers, ProviderCall unfitted, RouteAttempts attempts,
                                   Cancellation cancellation) {
        ProviderCall call = window.fit(unfitted);
        Route route = call.route();
        ChatProvider provider = providers.forBackend(route.backend());
        BackendGate.Permit permit = providers.gate(route.backend()).enter(!attempts.hasFallback(), cancellation);
        try {
            EventStream events = switch (route.capabilities().streaming()) {
                case BOTH, ONLY -> provider.stream(call);
                case NEVER -> MessageEvents.streamOf(provider.complete(call));
            };
            return new PermittedStream(events, permit);
        } catch (RuntimeException e) {
            permit.close();
            throw e;
        }
    }


    /**
     * A stream's first event carries the prompt's size, and counting a Claude Code prompt (75 KB
     * and up) takes milliseconds: count on a virtual thread while the provider is being reached,
     * so the first event does not wait for it.
     */
    private IntSupplier countingAhead(MessageRequest request) {
        IntSupplier lazy = promptTokens(request);
        Thread.ofVirtual().name("count-prompt").start(lazy::getAsInt);
        return lazy;
    }

    /** Counts the prompt at most once per request, and only if some step needs it. */
    private IntSupplier promptTokens(MessageRequest request) {
        return new IntSupplier() {
            private int count = -1;

            @Override
            public synchronized int getAsInt() {
                if (count < 0) {
                    count = tokens.countRequest(request);
                }
                return count;
            }
        };
    }
}
