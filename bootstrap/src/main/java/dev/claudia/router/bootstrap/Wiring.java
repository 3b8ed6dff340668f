package dev.claudia.router.bootstrap;

import dev.claudia.router.adapters.http.BoundPort;
import dev.claudia.router.adapters.http.HttpSettings;
import dev.claudia.router.adapters.http.Lifecycle;
import dev.claudia.router.adapters.http.Redactor;
import dev.claudia.router.adapters.http.RouterStatus;
import dev.claudia.router.adapters.http.ServiceInfo;
import dev.claudia.router.adapters.http.WriteWatchdog;
import dev.claudia.router.adapters.provider.tokens.Tokenizers;
import dev.claudia.router.application.AttemptPolicy;
import dev.claudia.router.application.ConfiguredRoutes;
import dev.claudia.router.application.CountTokens;
import dev.claudia.router.application.LiveRoutes;
import dev.claudia.router.application.RequestLog;
import dev.claudia.router.application.RouteMessage;
import dev.claudia.router.application.SessionAffinity;
import dev.claudia.router.bootstrap.config.Adapters;
import dev.claudia.router.bootstrap.config.Environment;
import dev.claudia.router.bootstrap.config.RouterConfig;
import dev.claudia.router.bootstrap.config.Secrets;
import dev.claudia.router.domain.message.RawJson;
import dev.claudia.router.domain.port.ChatProvider;
import dev.claudia.router.domain.port.IdGenerator;
import dev.claudia.router.domain.port.TokenCounter;
import dev.claudia.router.domain.routing.Capabilities;
import dev.claudia.router.domain.routing.RetryPolicy;
import dev.claudia.router.domain.routing.Route;
import dev.claudia.router.provider.spi.BackendSettings;
import dev.claudia.router.provider.spi.ProviderFactory;
import dev.claudia.router.provider.spi.ProviderServices;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the whole object graph by hand, with {@code new}, in one place: what talks to what is
 * readable here and nowhere else. Providers come from the adapters installed on the module path
 * ({@link Adapters}, found by {@code ServiceLoader}): each backend's {@code adapter} names the
 * factory that makes its provider. What a config reload replaces (the routing table, the providers
 * and their gates) is built per config by {@link Generations} and put in force through
 * {@link LiveRoutes}; the rest lives as long as the server.
 */
final class Wiring {

    /** The backend name under which the embedded demo server is registered. */
    static final String DEMO = "claudia-demo";

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final long DEFAULT_READ_TIMEOUT_MS = 600_000;

    /** Everything the HTTP server needs, plus what must be closed with it, what reloads use, and what to say at start-up. */
    record Graph(RouteMessage routeMessage, CountTokens countTokens, LiveRoutes routes, RequestLog requestLog,
                 IdGenerator ids, HttpSettings httpSettings, ServiceInfo info, RouterStatus status, Lifecycle lifecycle,
                 WriteWatchdog watchdog, BoundPort port, Generations generations, Redactor redactor,
                 List<AutoCloseable> resources, List<String> notes) {}

    private Wiring() {}

    /** @param host the interface the router will listen on (a name other than loopback ones is an allowed Host) */
    static Graph build(RouterConfig config, Environment env, Adapters adapters, String host) {
        // First of all, so that nothing logged from here on can show a secret.
        Redactor redactor = Redactor.learning(Secrets.all(config, env));
        Logs.mask(redactor);
        IdGenerator ids = new RandomIdGenerator();
        TokenCounter tokens = Tokenizers.standard();
        Duration readTimeout = Duration.ofMillis(Long.parseLong(env.getOr("CLAUDIA_READ_TIMEOUT_MS",
                Long.toString(DEFAULT_READ_TIMEOUT_MS))));
        Generations generations = new Generations(env, adapters, upstream -> new ProviderServices(ids, tokens,
                Clock.systemUTC(), CONNECT_TIMEOUT, readTimeout, upstream));
        Generations.Built built = generations.build(config);
        LiveRoutes routes = new LiveRoutes(built.routing(), generations::retire);

        List<String> notes = new ArrayList<>(built.notes());
        if (!config.aliases().isEmpty()) {
            notes.add("aliases (routed like their profile, not listed in /v1/models): " + String.join(", ",
                    config.aliases().entrySet().stream().map(e -> e.getKey() + " -> " + e.getValue()).toList()));
        }
        RequestLog requestLog = RequestLog.standard(env.getOr("CLAUDIA_LOG_PROMPTS", "false").equalsIgnoreCase("true"));
        RouteMessage routeMessage = new RouteMessage(routes, new AttemptPolicy(), tokens, ids,
                SessionAffinity.remembering(Duration.ofMinutes(config.stickySessionMinutes()), SessionAffinity.MAX_SESSIONS));
        HttpSettings http = new HttpSettings(Edge.limits(config.limits()),
                Duration.ofMillis(Long.parseLong(env.getOr("CLAUDIA_PING_INTERVAL_MS", "500"))),
                Edge.access(config, env, host), redactor);
        WriteWatchdog watchdog = new WriteWatchdog(http.limits().writeStallTimeout());
        Lifecycle lifecycle = new Lifecycle();
        notes.add(Edge.describe(config.limits(), http.access()));
        ServiceInfo info = new ServiceInfo(Version.current(), Instant.now(), built.backends());
        RouterStatus status = new RouterStatus(info, new RouterStatus.Config(config.source().toString(), 1, Instant.now(),
                List.of(), List.of()), Logs::droppedLines, lifecycle);
        List<AutoCloseable> resources = new ArrayList<>(List.of(watchdog, lifecycle, generations));
        return new Graph(routeMessage, new CountTokens(tokens, routes), routes, requestLog, ids, http, info, status,
                lifecycle, watchdog, new BoundPort(), generations, redactor, resources, notes);
    }

    /**
     * The routing table: scenario rules first, then profiles (with their fallbacks; under their own
     * names and their aliases), then legacy modelMap names, then the default backend.
     */
    static ConfiguredRoutes routes(RouterConfig config, Set<String> demoBackends) {
        Map<String, ConfiguredRoutes.Entry> byModel = new LinkedHashMap<>();
        config.profiles().forEach((alias, profile) -> {
            List<Route> chain = new ArrayList<>();
            chain.add(route(config, profile, demoBackends));
            for (String fallback : profile.fallbacks()) {
                chain.add(route(config, config.profile(fallback).orElseThrow(), demoBackends));
            }
            byModel.put(alias, new ConfiguredRoutes.Entry("modelProfiles", chain,
                    profile.providerModel() + " via " + profile.backend()));
        });
        config.modelMap().forEach((alias, mapping) -> byModel.putIfAbsent(alias, new ConfiguredRoutes.Entry("modelMap",
                List.of(new Route(alias, alias, backendName(mapping.backend(), demoBackends), mapping.model(),
                        defaultRetry(), RawJson.EMPTY_OBJECT, Capabilities.DEFAULT)),
                mapping.model() + " via " + mapping.backend())));
        RouterConfig.Backend fallback = config.backends().get(config.defaultBackend());
        Route defaultRoute = new Route("*", "defaultBackend", backendName(fallback.name(), demoBackends),
                fallback.defaultModel(), defaultRetry(), RawJson.EMPTY_OBJECT, Capabilities.DEFAULT);
        return new ConfiguredRoutes(byModel, config.aliases(), defaultRoute, config.routingRules());
    }

    /** A backend's provider, made by its adapter. */
    static ChatProvider provider(Adapters adapters, RouterConfig.Backend backend, String key, ProviderServices services) {
        return factory(adapters, backend.adapter()).create(new BackendSettings(backend.name(), backend.baseUrl(), key,
                backend.apiKeyEnv()), backend.options(), services);
    }

    /** The factory of an installed adapter (config validation has made sure it is installed). */
    static ProviderFactory factory(Adapters adapters, String name) {
        return adapters.get(name).orElseThrow(() -> new IllegalStateException("adapter '" + name
                + "' is not installed (installed: " + String.join(", ", adapters.names()) + ")"));
    }

    /** A profile's own route (its fallbacks are routes of their own), as its requests take it. */
    static Route profileRoute(RouterConfig config, RouterConfig.Profile profile) {
        return route(config, profile, Set.of());
    }

    /**
     * A profile's route. A route sent to the demo backend (an {@code openai-chat} server) keeps its
     * options only when they were meant for that adapter.
     */
    private static Route route(RouterConfig config, RouterConfig.Profile profile, Set<String> demoBackends) {
        boolean demo = demoBackends.contains(profile.backend());
        boolean optionsFit = !demo || config.backends().get(profile.backend()).adapter().equals(Adapters.DEFAULT);
        return new Route(profile.alias(), profile.alias(), backendName(profile.backend(), demoBackends),
                profile.providerModel(), RetryPolicy.of(profile.retryAttempts(), profile.retryBaseDelayMs()),
                profile.extraBody(), profile.capabilities(), profile.limits(),
                optionsFit ? profile.options() : RawJson.EMPTY_OBJECT);
    }

    private static String backendName(String backend, Set<String> demoBackends) {
        return demoBackends.contains(backend) ? DEMO : backend;
    }

    private static RetryPolicy defaultRetry() {
        return RetryPolicy.of(3, 500);
    }
}
