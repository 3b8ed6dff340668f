package dev.claudia.router.bootstrap;

import dev.claudia.router.adapters.http.Access;
import dev.claudia.router.adapters.http.BoundPort;
import dev.claudia.router.adapters.http.ClientKeys;
import dev.claudia.router.adapters.http.HttpSettings;
import dev.claudia.router.adapters.http.InboundLimits;
import dev.claudia.router.adapters.http.Redactor;
import dev.claudia.router.adapters.http.ServiceInfo;
import dev.claudia.router.adapters.http.WriteWatchdog;
import dev.claudia.router.adapters.provider.OpenAiProviders;
import dev.claudia.router.adapters.provider.ProviderSettings;
import dev.claudia.router.adapters.provider.Tokenizers;
import dev.claudia.router.application.AttemptPolicy;
import dev.claudia.router.application.ConfiguredRoutes;
import dev.claudia.router.application.CountTokens;
import dev.claudia.router.application.ProviderDirectory;
import dev.claudia.router.application.RequestLog;
import dev.claudia.router.application.RouteMessage;
import dev.claudia.router.bootstrap.config.Environment;
import dev.claudia.router.bootstrap.config.RouterConfig;
import dev.claudia.router.bootstrap.config.Secrets;
import dev.claudia.router.bootstrap.demo.DemoBackend;
import dev.claudia.router.bootstrap.demo.DemoLabel;
import dev.claudia.router.domain.message.RawJson;
import dev.claudia.router.domain.port.ChatProvider;
import dev.claudia.router.domain.port.IdGenerator;
import dev.claudia.router.domain.port.ModelRoutes;
import dev.claudia.router.domain.port.TokenCounter;
import dev.claudia.router.domain.routing.Capabilities;
import dev.claudia.router.domain.routing.RetryPolicy;
import dev.claudia.router.domain.routing.Route;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the whole object graph by hand, with {@code new}, in one place: what talks to what is
 * readable here and nowhere else.
 */
final class Wiring {

    /** The backend name under which the embedded demo server is registered. */
    static final String DEMO = "claudia-demo";

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final long DEFAULT_READ_TIMEOUT_MS = 600_000;

    /** Everything the HTTP server needs, plus what must be closed with it and what to say at start-up. */
    record Graph(RouteMessage routeMessage, CountTokens countTokens, ModelRoutes routes, RequestLog requestLog,
                 IdGenerator ids, HttpSettings httpSettings, ServiceInfo info, WriteWatchdog watchdog, BoundPort port,
                 List<AutoCloseable> resources, List<String> notes) {}

    private Wiring() {}

    /** @param host the interface the router will listen on (a name other than loopback ones is an allowed Host) */
    static Graph build(RouterConfig config, Environment env, String host) {
        // First of all, so that nothing logged from here on can show a secret.
        Redactor redactor = Redactor.of(Secrets.all(config, env));
        Logs.mask(redactor);
        IdGenerator ids = new RandomIdGenerator();
        TokenCounter tokens = Tokenizers.standard();
        Duration readTimeout = Duration.ofMillis(Long.parseLong(env.getOr("CLAUDIA_READ_TIMEOUT_MS",
                Long.toString(DEFAULT_READ_TIMEOUT_MS))));
        boolean demoAllowed = !env.getOr("CLAUDIA_DEMO", "on").equalsIgnoreCase("off");

        List<String> notes = new ArrayList<>();
        List<AutoCloseable> resources = new ArrayList<>();
        Map<String, ChatProvider> providers = new LinkedHashMap<>();
        Set<String> demoBackends = new LinkedHashSet<>();
        List<String> missingKeys = new ArrayList<>();
        List<ServiceInfo.Backend> backendInfo = new ArrayList<>();
        for (RouterConfig.Backend backend : config.backends().values()) {
            String key = env.get(backend.apiKeyEnv()).orElse(null);
            boolean demo = key == null && backend.apiKeyEnv() != null && !backend.isLoopback() && demoAllowed;
            if (demo) {
                demoBackends.add(backend.name());
                missingKeys.add(backend.apiKeyEnv());
            } else {
                providers.put(backend.name(), OpenAiProviders.create(new ProviderSettings(backend.name(),
                        backend.baseUrl(), key, backend.apiKeyEnv(), CONNECT_TIMEOUT, readTimeout), ids, tokens));
            }
            String shownUrl = Redactor.safeUrl(backend.baseUrl());
            backendInfo.add(new ServiceInfo.Backend(backend.name(), shownUrl, backend.apiKeyEnv(),
                    key != null, demo ? "demo" : "live"));
            notes.add("backend " + backend.name() + ": " + shownUrl
                    + (backend.apiKeyEnv() == null ? " (no key configured)"
                    : key != null ? " (" + backend.apiKeyEnv() + " is set)"
                    : demo ? " (" + backend.apiKeyEnv() + " is not set: answered by the DEMO backend)"
                    : " (" + backend.apiKeyEnv() + " is not set: requests go without a key)"));
        }
        if (!demoBackends.isEmpty()) {
            DemoBackend demo = DemoBackend.start(missingKeys);
            resources.add(demo);
            providers.put(DEMO, new DemoLabel(OpenAiProviders.create(new ProviderSettings(DEMO, demo.baseUrl(), null,
                    null, CONNECT_TIMEOUT, readTimeout), ids, tokens)));
            notes.add("DEMO MODE: requests for " + String.join(", ", demoBackends) + " are answered by the built-in demo "
                    + "backend at " + demo.baseUrl() + " (response model names start with '" + DemoLabel.PREFIX
                    + "'). Set " + String.join(" / ", missingKeys) + " to use the real provider, or CLAUDIA_DEMO=off.");
        }

        ConfiguredRoutes routes = routes(config, demoBackends);
        RequestLog requestLog = RequestLog.standard(env.getOr("CLAUDIA_LOG_PROMPTS", "false").equalsIgnoreCase("true"));
        RouteMessage routeMessage = new RouteMessage(routes, new ProviderDirectory(providers), new AttemptPolicy(),
                tokens, ids);
        HttpSettings http = new HttpSettings(limits(config.limits()),
                Duration.ofMillis(Long.parseLong(env.getOr("CLAUDIA_PING_INTERVAL_MS", "500"))),
                access(config, env, host), redactor);
        WriteWatchdog watchdog = new WriteWatchdog(http.limits().writeStallTimeout());
        resources.add(watchdog);
        notes.add(describe(config.limits(), http.access()));
        ServiceInfo info = new ServiceInfo(Version.current(), Instant.now(), backendInfo);
        return new Graph(routeMessage, new CountTokens(tokens), routes, requestLog, ids, http, info, watchdog,
                new BoundPort(), resources, notes);
    }

    /** The start-up line that says what clients may ask and who may ask it (never the keys themselves). */
    private static String describe(RouterConfig.Limits l, Access access) {
        return "limits: bodies up to " + (l.maxBodyBytes() >> 20) + " MB, " + (l.maxBodyBytesInFlight() >> 20)
                + " MB in flight, " + l.maxConcurrentUpstream() + " provider requests at once, " + l.maxConnections()
                + " connections, " + l.receiveTimeoutSeconds() + " s to receive a request, " + l.writeStallTimeoutMs()
                + " ms write stall; access: " + (access.clientKeys().required() ? access.clientKeys().size()
                + " client key(s)" : "any local caller") + ", hosts " + access.allowedHosts() + ", web origins "
                + access.allowedOrigins();
    }

    static InboundLimits limits(RouterConfig.Limits limits) {
        return new InboundLimits(limits.maxBodyBytes(), limits.maxBodyBytesInFlight(), limits.maxConcurrentUpstream(),
                Duration.ofMillis(limits.writeStallTimeoutMs()), limits.maxJsonDepth(), limits.maxTools(),
                limits.maxToolSchemaChars());
    }

    private static Access access(RouterConfig config, Environment env, String host) {
        List<String> hosts = new ArrayList<>(config.access().allowedHosts());
        hosts.add(host);
        return new Access(ClientKeys.of(Secrets.clientKeys(config, env)), hosts, config.access().allowedOrigins());
    }

    /**
     * The routing table: scenario rules first, then profiles (with their fallbacks), then legacy
     * modelMap names, then the default backend.
     */
    static ConfiguredRoutes routes(RouterConfig config, Set<String> demoBackends) {
        Map<String, ConfiguredRoutes.Entry> byModel = new LinkedHashMap<>();
        config.profiles().forEach((alias, profile) -> {
            List<Route> chain = new ArrayList<>();
            chain.add(route(profile, demoBackends));
            for (String fallback : profile.fallbacks()) {
                chain.add(route(config.profiles().get(fallback), demoBackends));
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
        return new ConfiguredRoutes(byModel, defaultRoute, config.routingRules());
    }

    private static Route route(RouterConfig.Profile profile, Set<String> demoBackends) {
        return new Route(profile.alias(), profile.alias(), backendName(profile.backend(), demoBackends),
                profile.providerModel(), RetryPolicy.of(profile.retryAttempts(), profile.retryBaseDelayMs()),
                profile.extraBody(), profile.capabilities());
    }

    private static String backendName(String backend, Set<String> demoBackends) {
        return demoBackends.contains(backend) ? DEMO : backend;
    }

    private static RetryPolicy defaultRetry() {
        return RetryPolicy.of(3, 500);
    }
}
