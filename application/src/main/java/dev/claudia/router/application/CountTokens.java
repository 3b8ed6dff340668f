package dev.claudia.router.application;

import dev.claudia.router.domain.message.MessageRequest;
import dev.claudia.router.domain.port.ModelRoutes;
import dev.claudia.router.domain.port.ProviderCall;
import dev.claudia.router.domain.port.ProviderException;
import dev.claudia.router.domain.port.TokenCounter;
import dev.claudia.router.domain.routing.Route;

import java.util.OptionalInt;
import java.util.function.IntSupplier;

/**
 * Counts a prompt's tokens, for {@code count_tokens}. Claude Code calls it for context accounting
 * ({@code /context}, tool budgets), so it must answer whatever the route, and quickly: the
 * request's route is asked first (a provider that counts itself, such as an Anthropic-format
 * upstream, gives the provider's number), and when it cannot or fails, the prompt is counted locally.
 */
public final class CountTokens {

    private final TokenCounter tokens;
    private final LiveRoutes live;

    /** Counts locally only. */
    public CountTokens(TokenCounter tokens) {
        this(tokens, (LiveRoutes) null);
    }

    public CountTokens(TokenCounter tokens, ModelRoutes routes, ProviderDirectory providers) {
        this(tokens, LiveRoutes.fixed(routes, providers));
    }

    /** Asks the route in force when each request starts (config reloads replace it). */
    public CountTokens(TokenCounter tokens, LiveRoutes live) {
        this.tokens = tokens;
        this.live = live;
    }

    public int count(MessageRequest request, RequestTrace trace) {
        trace.request(request);
        IntSupplier local = new IntSupplier() {
            private int count = -1;

            @Override
            public int getAsInt() {
                if (count < 0) {
                    count = tokens.countRequest(request);
                }
                return count;
            }
        };
        if (live == null) {
            return local.getAsInt();
        }
        try (LiveRoutes.Lease lease = live.lease()) {
            var plan = lease.routing().routes().planFor(request, local);
            trace.routedBy(plan.rule());
            Route route = plan.primary();
            try {
                OptionalInt counted = lease.routing().providers().forBackend(route.backend())
                        .countTokens(new ProviderCall(route, request, "count_tokens", local, trace));
                if (counted.isPresent()) {
                    trace.attemptStarted(route);
                    return counted.getAsInt();
                }
            } catch (ProviderException e) {
                // An estimate serves the caller better than an error: it only sizes its context with it.
                trace.attemptStarted(route);
                trace.attemptFailed(route, e.failure());
            }
            return local.getAsInt();
        }
    }
}
