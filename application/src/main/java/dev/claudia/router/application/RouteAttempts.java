package dev.claudia.router.application;

import dev.claudia.router.domain.port.FailureKind;
import dev.claudia.router.domain.port.ProviderException;
import dev.claudia.router.domain.routing.Route;
import dev.claudia.router.domain.routing.RoutePlan;
import io.github.resilience4j.retry.Retry;

import java.util.function.Consumer;

/**
 * Walks one request through its route plan: the current route, how many attempts so far, and,
 * after a failure, whether to try again (same route after a backoff, or the next route) or give up.
 * A rate limit (the provider's 429, or the router's own {@link BackendGate}) moves on to the next
 * route at once when there is one, rather than waiting. A cancelled request (its client left, or the
 * router stops) gets no further attempt: its backoff is cut short and
 * {@link RequestCancelledException} is thrown instead. Not thread-safe: one request thread drives it.
 */
final class RouteAttempts {

    private final RoutePlan plan;
    private final AttemptPolicy policy;
    private final RequestTrace trace;
    private final Cancellation cancellation;
    private final Consumer<Route> onServed;
    private int routeIndex;
    private Retry.Context<Object> retry;

    /** @param onServed told which route answered, once an attempt succeeds */
    RouteAttempts(RoutePlan plan, AttemptPolicy policy, RequestTrace trace, Consumer<Route> onServed) {
        this.plan = plan;
        this.policy = policy;
        this.trace = trace;
        this.cancellation = trace.cancellation();
        this.onServed = onServed;
        this.retry = policy.begin(plan.primary().retry());
        trace.attemptStarted(plan.primary());
    }

    Route current() {
        return plan.routes().get(routeIndex);
    }

    /** True when a route follows the current one: it need not wait for a busy backend. */
    boolean hasFallback() {
        return routeIndex + 1 < plan.routes().size();
    }

    /** The current attempt worked. */
    void succeeded() {
        retry.onComplete();
        onServed.accept(current());
    }

    /**
     * Records a failed attempt. Returns normally when another attempt should follow, having waited
     * the backoff when the same route is tried again; throws the failure when none is left.
     */
    void failed(ProviderException failure) {
        cancellation.check(); // a call cut short by the cancellation is not the provider's failure
        trace.attemptFailed(current(), failure.failure());
        boolean rateLimited = failure instanceof BackendBusyException
                || failure.failure().kind() == FailureKind.RATE_LIMITED && hasFallback();
        try {
            if (rateLimited) {
                throw failure;
            }
            retry.onRuntimeError(failure); // waits the backoff; a cancellation interrupts it
            cancellation.check();
        } catch (ProviderException finalForThisRoute) {
            cancellation.check();
            if (!hasFallback()) {
                throw finalForThisRoute;
            }
            routeIndex++;
            retry = policy.begin(current().retry());
        }
        trace.attemptStarted(current());
    }
}
