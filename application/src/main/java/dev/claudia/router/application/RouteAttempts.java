package dev.claudia.router.application;

import dev.claudia.router.domain.port.ProviderException;
import dev.claudia.router.domain.routing.Route;
import dev.claudia.router.domain.routing.RoutePlan;
import io.github.resilience4j.retry.Retry;

import java.util.function.Consumer;

/**
 * Walks one request through its route plan: the current route, how many attempts so far, and,
 * after a failure, whether to try again (same route after a backoff, or the next route) or give up.
 * Not thread-safe: one request thread drives it.
 */
final class RouteAttempts {

    private final RoutePlan plan;
    private final AttemptPolicy policy;
    private final RequestTrace trace;
    private final Consumer<Route> onServed;
    private int routeIndex;
    private Retry.Context<Object> retry;

    /** @param onServed told which route answered, once an attempt succeeds */
    RouteAttempts(RoutePlan plan, AttemptPolicy policy, RequestTrace trace, Consumer<Route> onServed) {
        this.plan = plan;
        this.policy = policy;
        this.trace = trace;
        this.onServed = onServed;
        this.retry = policy.begin(plan.primary().retry());
        trace.attemptStarted(plan.primary());
    }

    Route current() {
        return plan.routes().get(routeIndex);
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
        trace.attemptFailed(current(), failure.failure());
        try {
            retry.onRuntimeError(failure);
        } catch (ProviderException finalForThisRoute) {
            if (routeIndex + 1 >= plan.routes().size()) {
                throw finalForThisRoute;
            }
            routeIndex++;
            retry = policy.begin(current().retry());
        }
        trace.attemptStarted(current());
    }
}
