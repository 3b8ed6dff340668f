package dev.claudia.router.application;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.claudia.router.domain.routing.Route;
import dev.claudia.router.domain.routing.RoutePlan;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Keeps a client session on the route that served it (config {@code stickySessionMinutes}): once a
 * fallback answered a session's request, that session's next requests for the same plan go to the
 * fallback first, even after the first route recovered, so the provider's prompt cache keeps
 * working and the conversation does not change model under the user's feet. A new session, or one
 * idle for longer than the configured time, is routed afresh.
 *
 * <p>Keyed by session and plan (the plan's first route), so a session's background, subagent and
 * web-search requests, which rules send to other profiles, keep their own routes, and asking for
 * another model (Claude Code's {@code /model}) is never overridden. The table is a Caffeine cache,
 * bounded in size and expiring entries by idle time: memory stays flat however many sessions come
 * and go, and a lookup costs one hash probe.
 */
public final class SessionAffinity {

    /** No affinity: every request is routed as configured. */
    public static final SessionAffinity OFF = new SessionAffinity(null);

    /** The most sessions remembered at once; beyond it the least recently used are forgotten. */
    public static final int MAX_SESSIONS = 10_000;

    private final Cache<String, String> servedBy;

    private SessionAffinity(Cache<String, String> servedBy) {
        this.servedBy = servedBy;
    }

    /** Remembers each session's route for {@code idle} after its last request; zero turns affinity off. */
    public static SessionAffinity remembering(Duration idle, int maxSessions) {
        if (idle.isZero() || idle.isNegative()) {
            return OFF;
        }
        return new SessionAffinity(Caffeine.newBuilder().expireAfterAccess(idle).maximumSize(maxSessions).build());
    }

    /**
     * The plan with the session's route moved to the front, when the session has one in this plan;
     * otherwise the plan as it is.
     */
    RoutePlan apply(String sessionId, RoutePlan plan) {
        if (servedBy == null || sessionId == null) {
            return plan;
        }
        String profile = servedBy.getIfPresent(key(sessionId, plan));
        if (profile == null || plan.primary().profile().equals(profile)) {
            return plan;
        }
        List<Route> routes = new ArrayList<>(plan.routes().size());
        for (Route route : plan.routes()) {
            if (route.profile().equals(profile)) {
                routes.addFirst(route);
            } else {
                routes.add(route);
            }
        }
        if (!routes.getFirst().profile().equals(profile)) {
            return plan; // the configuration changed since: that route is no longer in the plan
        }
        return new RoutePlan(plan.rule() + "+sticky", routes);
    }

    /** The session's request for {@code plan} (as configured, before {@link #apply}) was answered by {@code route}. */
    void served(String sessionId, RoutePlan plan, Route route) {
        if (servedBy != null && sessionId != null) {
            servedBy.put(key(sessionId, plan), route.profile());
        }
    }

    private static String key(String sessionId, RoutePlan plan) {
        return Objects.requireNonNull(sessionId) + '\n' + plan.primary().profile();
    }
}
