package dev.claudia.router.bootstrap;

import dev.claudia.router.adapters.http.Redactor;
import dev.claudia.router.adapters.provider.tokens.Tokenizers;
import dev.claudia.router.application.AttemptPolicy;
import dev.claudia.router.application.ProviderDirectory;
import dev.claudia.router.application.RequestLog;
import dev.claudia.router.application.RouteMessage;
import dev.claudia.router.bootstrap.check.Outcome;
import dev.claudia.router.bootstrap.check.Probe;
import dev.claudia.router.bootstrap.check.ProfileCheck;
import dev.claudia.router.bootstrap.check.ProfileReport;
import dev.claudia.router.bootstrap.check.ProfileTarget;
import dev.claudia.router.bootstrap.check.Prober;
import dev.claudia.router.bootstrap.check.RoutedProber;
import dev.claudia.router.bootstrap.config.Adapters;
import dev.claudia.router.bootstrap.config.ConfigReader;
import dev.claudia.router.bootstrap.config.Environment;
import dev.claudia.router.bootstrap.config.RouterConfig;
import dev.claudia.router.bootstrap.config.Secrets;
import dev.claudia.router.domain.message.MessageRequest;
import dev.claudia.router.domain.port.ChatProvider;
import dev.claudia.router.domain.port.IdGenerator;
import dev.claudia.router.domain.port.ModelRoutes;
import dev.claudia.router.domain.port.TokenCounter;
import dev.claudia.router.domain.routing.Capabilities;
import dev.claudia.router.domain.routing.ModelInfo;
import dev.claudia.router.domain.routing.RetryPolicy;
import dev.claudia.router.domain.routing.Route;
import dev.claudia.router.domain.routing.RoutePlan;
import dev.claudia.router.provider.spi.ProviderServices;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/**
 * {@code claudia check}, wired: the config and the adapters read as {@code claudia start} reads
 * them, each checked profile's own route (one attempt, no fallbacks) served by the provider its
 * adapter makes, through the application's {@link RouteMessage}; never the demo backend (a backend
 * without its key is reported, not sent anything). Profiles are checked at the same time, each
 * one's probes in turn.
 */
public final class ProfileChecks {

    /**
     * @param profiles the aliases to check, in this order; empty: every profile, in config order
     * @param timeout  how long a provider may stay silent (real traffic waits 10 minutes; a check should not)
     */
    public record Options(Path config, Map<String, String> environment, List<String> profiles, Duration timeout) {
        public Options {
            environment = Map.copyOf(environment);
            profiles = List.copyOf(profiles);
        }
    }

    private final RouterConfig config;
    private final Environment env;
    private final Adapters adapters;
    private final List<String> aliases;
    private final Redactor redactor;
    private final Duration timeout;

    private ProfileChecks(RouterConfig config, Environment env, Adapters adapters, List<String> aliases, Duration timeout) {
        this.config = config;
        this.env = env;
        this.adapters = adapters;
        this.aliases = aliases;
        this.timeout = timeout;
        this.redactor = Redactor.of(Secrets.all(config, env));
        Logs.mask(redactor);
    }

    /**
     * Reads the config and the adapters. Throws ConfigException for a bad config, IllegalArgumentException
     * for a profile it does not have, IllegalStateException for an adapter that cannot be loaded.
     */
    public static ProfileChecks prepare(Options options, Consumer<String> warnings) {
        Environment env = new Environment(options.environment());
        Adapters adapters = Adapters.installed(Adapters.folders(env, Path.of(System.getProperty("user.home"))), warnings);
        RouterConfig config = ConfigReader.read(options.config(), adapters, warnings);
        List<String> named = new ArrayList<>();
        for (String alias : options.profiles()) {
            // A profile's other name (an old shipped name) checks that profile.
            named.add(config.profile(alias).orElseThrow(() -> new IllegalArgumentException("unknown profile '" + alias
                    + "' (profiles: " + String.join(", ", config.profiles().keySet()) + ")")).alias());
        }
        List<String> aliases = named.isEmpty() ? List.copyOf(config.profiles().keySet()) : List.copyOf(named);
        return new ProfileChecks(config, env, adapters, aliases, options.timeout());
    }

    public RouterConfig config() {
        return config;
    }

    public List<String> profiles() {
        return aliases;
    }

    /** Masks every secret the config names, for everything the check prints. */
    public Redactor redactor() {
        return redactor;
    }

    /** Runs every check; the reports come in the order of {@link #profiles()}. */
    public List<ProfileReport> run() {
        IdGenerator ids = new RandomIdGenerator();
        TokenCounter tokens = Tokenizers.standard();
        ProviderServices services = new ProviderServices(ids, tokens, Clock.systemUTC(), Wiring.CONNECT_TIMEOUT, timeout,
                config.upstream());
        RequestLog log = RequestLog.standard(false);
        RoutedProber.Lists lists = new RoutedProber.Lists();
        Map<String, ChatProvider> providers = new ConcurrentHashMap<>();
        List<Future<ProfileReport>> running = new ArrayList<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String alias : aliases) {
                RouterConfig.Profile profile = config.profiles().get(alias);
                RouterConfig.Backend backend = config.backends().get(profile.backend());
                ProfileTarget target = target(profile, backend);
                running.add(executor.submit(() -> {
                    if (target.key() == ProfileTarget.Key.NOT_SET) {
                        return new ProfileCheck(target, NOTHING_SENT).run();
                    }
                    ChatProvider provider = providers.computeIfAbsent(backend.name(), b -> Wiring.provider(adapters,
                            backend, env.get(backend.apiKeyEnv()).orElse(null), services));
                    RouteMessage route = new RouteMessage(only(Wiring.profileRoute(config, profile)),
                            new ProviderDirectory(Map.of(backend.name(), provider)), new AttemptPolicy(), tokens, ids);
                    return new ProfileCheck(target, new RoutedProber(alias, backend.name(), provider, route, log, ids,
                            lists)).run();
                }));
            }
            List<ProfileReport> reports = new ArrayList<>();
            for (Future<ProfileReport> report : running) {
                reports.add(report.get());
            }
            return reports;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a check failed: " + e.getCause(), e.getCause());
        } finally {
            providers.values().forEach(ChatProvider::close);   // their HTTP clients and timer threads
        }
    }

    private ProfileTarget target(RouterConfig.Profile profile, RouterConfig.Backend backend) {
        boolean keySet = env.get(backend.apiKeyEnv()).isPresent();
        ProfileTarget.Key key = backend.apiKeyEnv() == null || !keySet && backend.isLoopback() ? ProfileTarget.Key.NONE
                : keySet ? ProfileTarget.Key.SET : ProfileTarget.Key.NOT_SET;
        return new ProfileTarget(profile.alias(), backend.name(), backend.adapter(), backend.baseUrl(),
                profile.providerModel(), backend.apiKeyEnv(), key,
                profile.capabilities().streaming() != Capabilities.Streaming.NEVER);
    }

    /** The profile's route alone, tried once: a check judges the profile, not its fallbacks or retries. */
    private static ModelRoutes only(Route route) {
        Route once = new Route(route.alias(), route.profile(), route.backend(), route.providerModel(), RetryPolicy.of(1, 0),
                route.extraBody(), route.capabilities(), route.limits(), route.options());
        return new ModelRoutes() {
            @Override
            public RoutePlan planFor(MessageRequest request, IntSupplier promptTokens) {
                return new RoutePlan("check", List.of(once));
            }

            @Override
            public List<ModelInfo> models() {
                return List.of();
            }
        };
    }

    /** For a profile whose key is not set: it is never asked anything. */
    private static final Prober NOTHING_SENT = new Prober() {
        @Override
        public Optional<ModelList> models() {
            throw new IllegalStateException("nothing is sent for a profile without its key");
        }

        @Override
        public Outcome send(Probe probe) {
            throw new IllegalStateException("nothing is sent for a profile without its key");
        }
    };
}
