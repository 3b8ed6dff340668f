package dev.claudia.router.bootstrap;

import dev.claudia.router.adapters.http.Redactor;
import dev.claudia.router.adapters.http.ServiceInfo;
import dev.claudia.router.application.BackendGate;
import dev.claudia.router.application.BackendLimits;
import dev.claudia.router.application.LiveRoutes;
import dev.claudia.router.application.ProviderDirectory;
import dev.claudia.router.bootstrap.config.Adapters;
import dev.claudia.router.bootstrap.config.Environment;
import dev.claudia.router.bootstrap.config.RouterConfig;
import dev.claudia.router.bootstrap.demo.DemoBackend;
import dev.claudia.router.bootstrap.demo.DemoLabel;
import dev.claudia.router.domain.message.RawJson;
import dev.claudia.router.domain.port.ChatProvider;
import dev.claudia.router.provider.spi.BackendSettings;
import dev.claudia.router.provider.spi.ProviderServices;
import dev.claudia.router.provider.spi.UpstreamLimits;

import java.lang.System.Logger.Level;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Builds the routing of one config (a generation): its routing table, its providers and their
 * gates. A backend whose settings did not change keeps its provider (and with it its pooled
 * connections) and its gate (and the calls it counts) from one generation to the next; a provider
 * is closed once no generation holds it any more, that is when the last request on a routing that
 * used it has ended ({@link #retire}).
 */
final class Generations implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("claudia");

    /** What makes two providers the same: everything the factory is given. */
    private record Spec(String backend, URI baseUrl, String apiKeyEnv, String adapter, RawJson options,
                        UpstreamLimits upstream) {}

    private static final class Held {
        final ChatProvider provider;
        final AutoCloseable alongside;
        int holders;

        Held(ChatProvider provider, AutoCloseable alongside) {
            this.provider = provider;
            this.alongside = alongside;
        }
    }

    /** One generation, and what it must give back when it retires. */
    record Built(LiveRoutes.Routing routing, List<ServiceInfo.Backend> backends, List<String> notes) {}

    private final Environment env;
    private final Adapters adapters;
    private final Function<UpstreamLimits, ProviderServices> services;
    private final boolean demoAllowed;
    private final Map<Spec, Held> providers = new HashMap<>();
    private final Map<String, BackendGate> gates = new HashMap<>();
    private final Map<LiveRoutes.Routing, List<Spec>> holds = new IdentityHashMap<>();

    Generations(Environment env, Adapters adapters, Function<UpstreamLimits, ProviderServices> services) {
        this.env = env;
        this.adapters = adapters;
        this.services = services;
        this.demoAllowed = !env.getOr("CLAUDIA_DEMO", "on").equalsIgnoreCase("off");
    }

    /** The secrets a config brings (keys its backends name, credentials in their URLs, client keys). */
    Redactor secrets(RouterConfig config) {
        return Redactor.of(dev.claudia.router.bootstrap.config.Secrets.all(config, env));
    }

    synchronized Built build(RouterConfig config) {
        List<String> notes = new ArrayList<>();
        notes.add("provider adapters: " + adapters.describe());
        Map<String, ChatProvider> byBackend = new LinkedHashMap<>();
        Map<String, BackendGate> gatesNow = new LinkedHashMap<>();
        List<Spec> held = new ArrayList<>();
        Set<String> demoBackends = new LinkedHashSet<>();
        List<String> missingKeys = new ArrayList<>();
        List<ServiceInfo.Backend> info = new ArrayList<>();
        ProviderServices lent = services.apply(config.upstream());
        try {
            for (RouterConfig.Backend backend : config.backends().values()) {
                String key = env.get(backend.apiKeyEnv()).orElse(null);
                boolean demo = key == null && backend.apiKeyEnv() != null && !backend.isLoopback() && demoAllowed;
                String described = "";
                if (demo) {
                    demoBackends.add(backend.name());
                    missingKeys.add(backend.apiKeyEnv());
                } else {
                    Spec spec = new Spec(backend.name(), backend.baseUrl(), backend.apiKeyEnv(), backend.adapter(),
                            backend.options(), config.upstream());
                    ChatProvider provider = hold(spec, () -> new Held(Wiring.provider(adapters, backend, key, lent), null),
                            held);
                    byBackend.put(backend.name(), provider);
                    described = provider.describe().isEmpty() ? "" : ", " + provider.describe();
                    gatesNow.put(backend.name(), gate(backend.name(), backend.limits()));
                }
                String shownUrl = Redactor.safeUrl(backend.baseUrl());
                info.add(new ServiceInfo.Backend(backend.name(), shownUrl, backend.apiKeyEnv(), key != null,
                        demo ? "demo" : "live"));
                notes.add("backend " + backend.name() + " (" + backend.adapter() + described + "): " + shownUrl
                        + (backend.apiKeyEnv() == null ? " (no key configured)"
                        : key != null ? " (" + backend.apiKeyEnv() + " is set)"
                        : demo ? " (" + backend.apiKeyEnv() + " is not set: answered by the DEMO backend)"
                        : " (" + backend.apiKeyEnv() + " is not set: requests go without a key)")
                        + (backend.limits().unbounded() ? "" : "; " + describe(backend.limits())));
            }
            if (!demoBackends.isEmpty()) {
                Spec spec = new Spec(Wiring.DEMO, null, String.join(",", missingKeys), Adapters.DEFAULT,
                        RawJson.EMPTY_OBJECT, config.upstream());
                byBackend.put(Wiring.DEMO, hold(spec, () -> {
                    DemoBackend server = DemoBackend.start(missingKeys);
                    return new Held(new DemoLabel(Wiring.factory(adapters, Adapters.DEFAULT).create(new BackendSettings(Wiring.DEMO,
                            server.baseUrl(), null, null), RawJson.EMPTY_OBJECT, lent)), server);
                }, held));
                notes.add("DEMO MODE: requests for " + String.join(", ", demoBackends) + " are answered by the built-in "
                        + "demo backend (response model names start with '" + DemoLabel.PREFIX + "'). Set "
                        + String.join(" / ", missingKeys) + " to use the real provider, or CLAUDIA_DEMO=off.");
            }
        } catch (RuntimeException e) {
            held.forEach(this::release);
            throw e;
        }
        LiveRoutes.Routing routing = new LiveRoutes.Routing(Wiring.routes(config, demoBackends),
                new ProviderDirectory(byBackend, gatesNow));
        holds.put(routing, held);
        return new Built(routing, info, notes);
    }

    /** A routing no request uses any more: its providers are closed unless a newer routing holds them. */
    synchronized void retire(LiveRoutes.Routing routing) {
        List<Spec> held = holds.remove(routing);
        if (held != null) {
            held.forEach(this::release);
        }
    }

    /** The providers open now (to warm them up at start-up). */
    synchronized List<ChatProvider> providersNow() {
        return providers.values().stream().map(h -> h.provider).toList();
    }

    /** Providers open now (for tests and the log). */
    synchronized int openProviders() {
        return providers.size();
    }

    @Override
    public synchronized void close() {
        for (Held h : providers.values()) {
            closeQuietly(h);
        }
        providers.clear();
        holds.clear();
    }

    private ChatProvider hold(Spec spec, java.util.function.Supplier<Held> create, List<Spec> held) {
        Held h = providers.computeIfAbsent(spec, s -> create.get());
        h.holders++;
        held.add(spec);
        return h.provider;
    }

    private void release(Spec spec) {
        Held h = providers.get(spec);
        if (h != null && --h.holders == 0) {
            providers.remove(spec);
            closeQuietly(h);
            LOG.log(Level.INFO, "closed the provider of backend " + spec.backend() + " (no request uses it any more)");
        }
    }

    /** The gate a backend had if its limits did not change (it counts the calls in progress), else a new one. */
    private BackendGate gate(String backend, BackendLimits limits) {
        BackendGate now = gates.get(backend);
        if (now == null || !now.limits().equals(limits)) {
            now = new BackendGate(backend, limits);
            gates.put(backend, now);
        }
        return now;
    }

    private static String describe(BackendLimits l) {
        return "at most " + (l.maxConcurrent() == 0 ? "any number of" : Integer.toString(l.maxConcurrent()))
                + " request(s) at once and " + (l.requestsPerMinute() == 0 ? "any number" : Integer.toString(
                l.requestsPerMinute())) + " per minute, queueing up to " + l.maxWait().toMillis() + " ms";
    }

    private static void closeQuietly(Held h) {
        try {
            h.provider.close();
            if (h.alongside != null) {
                h.alongside.close();
            }
        } catch (Exception e) {
            LOG.log(Level.WARNING, "could not close a provider: " + e.getMessage());
        }
    }
}
