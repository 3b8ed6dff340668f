package dev.claudia.router.bootstrap.config;

import dev.claudia.router.application.BackendLimits;
import dev.claudia.router.application.RoutingRule;
import dev.claudia.router.domain.message.RawJson;
import dev.claudia.router.domain.routing.Capabilities;
import dev.claudia.router.domain.routing.ModelLimits;
import dev.claudia.router.provider.spi.UpstreamLimits;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * config.json, validated. The schema is the original Node tool's: {@code port},
 * {@code defaultBackend}, {@code backends}, {@code modelProfiles} and legacy {@code modelMap};
 * profiles may also name {@code fallbacks}, and {@code routingRules} send whole scenarios
 * (background work, thinking, long context, web search, subagents) to chosen profiles
 * (see docs/configuration.md). {@code upstream} bounds what providers may send, {@code shutdown} how
 * long a stopping router lets requests finish.
 *
 * @param source               where it was read from (for messages)
 * @param stickySessionMinutes how long a client session stays on the route that served it, after
 *                             its last request ({@code stickySessionMinutes}; 0 turns it off)
 * @param shutdownGrace        how long requests in flight may go on once the router is told to stop
 */
public record RouterConfig(Path source, int port, String defaultBackend, Map<String, Backend> backends,
                           Map<String, Profile> profiles, Map<String, Mapping> modelMap, List<RoutingRule> routingRules,
                           int stickySessionMinutes, Limits limits, Access access, UpstreamLimits upstream,
                           Duration shutdownGrace) {

    /** The maps keep config.json's order (it is the order of /v1/models and of the start-up log). */
    public RouterConfig {
        backends = Collections.unmodifiableMap(new LinkedHashMap<>(backends));
        profiles = Collections.unmodifiableMap(new LinkedHashMap<>(profiles));
        modelMap = Collections.unmodifiableMap(new LinkedHashMap<>(modelMap));
        routingRules = List.copyOf(routingRules);
    }

    /**
     * Every profile's other names ({@code modelProfiles.<alias>.aliases}), each to the profile it names,
     * in config.json's order. The reader has made sure that no name means two things.
     */
    public Map<String, String> aliases() {
        Map<String, String> aliases = new LinkedHashMap<>();
        profiles.values().forEach(p -> p.aliases().forEach(a -> aliases.put(a, p.alias())));
        return aliases;
    }

    /** The profile a name stands for: the profile of that name, or the one it is another name of. */
    public Optional<Profile> profile(String name) {
        Profile own = profiles.get(name);
        return own != null ? Optional.of(own) : Optional.ofNullable(profiles.get(aliases().get(name)));
    }

    /** True when a request for {@code name} reaches a configured route (profile, alias or modelMap), not the default. */
    public boolean knows(String name) {
        return profile(name).isPresent() || modelMap.containsKey(name);
    }

    /**
     * {@code backends.<name>}: an endpoint, the variable that holds its key, and the adapter that speaks
     * to it ({@code adapter}, default {@code openai-chat}) with that adapter's {@code options}.
     */
    public record Backend(String name, URI baseUrl, String apiKeyEnv, String defaultModel, String adapter,
                          RawJson options, BackendLimits limits) {
        /** An {@code openai-chat} backend without options or limits. */
        public Backend(String name, URI baseUrl, String apiKeyEnv, String defaultModel) {
            this(name, baseUrl, apiKeyEnv, defaultModel, Adapters.DEFAULT, RawJson.EMPTY_OBJECT, BackendLimits.NONE);
        }

        /** True for servers on this machine (LM Studio, Ollama...), which usually need no key. */
        public boolean isLoopback() {
            String host = baseUrl.getHost();
            return host != null && (host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]")
                    || host.equals("::1"));
        }
    }

    /**
     * {@code modelProfiles.<alias>}. {@code capabilities} is what the router decides on; {@code limits}
     * are its {@code contextWindow} and {@code maxOutputTokens}; {@code options} is for the backend's
     * adapter ({@code options}, and the legacy {@code capabilities} keys that are not the router's).
     * {@code aliases} are its other names: they route exactly as {@code alias} does (old names kept for
     * clients configured with them), but {@code GET /v1/models} does not list them.
     */
    public record Profile(String alias, String backend, String providerModel, int retryAttempts, long retryBaseDelayMs,
                          RawJson extraBody, String notes, Capabilities capabilities, ModelLimits limits,
                          RawJson options, List<String> fallbacks, List<String> aliases) {
        public Profile {
            fallbacks = List.copyOf(fallbacks);
            aliases = List.copyOf(aliases);
        }
    }

    /** Legacy {@code modelMap.<alias>}: just a backend and a model. */
    public record Mapping(String alias, String backend, String model) {}

    /**
     * {@code limits}: what clients may ask of the router (docs/configuration.md). The last four
     * bound the JDK HTTP server itself and apply once per process (its settings are read once).
     */
    public record Limits(long maxBodyBytes, long maxBodyBytesInFlight, int maxConcurrentUpstream, long writeStallTimeoutMs,
                         int maxJsonDepth, int maxTools, int maxToolSchemaChars, int maxConnections,
                         int receiveTimeoutSeconds) {}

    /**
     * {@code access}: client keys, and the hosts and web origins allowed besides the loopback ones
     * (docs/security.md). The keys are secrets: toString shows how many, never which.
     */
    public record Access(List<String> clientKeys, List<String> allowedHosts, List<String> allowedOrigins) {
        public static final Access NONE = new Access(List.of(), List.of(), List.of());

        public Access {
            clientKeys = List.copyOf(clientKeys);
            allowedHosts = List.copyOf(allowedHosts);
            allowedOrigins = List.copyOf(allowedOrigins);
        }

        @Override
        public String toString() {
            return "Access[clientKeys=" + clientKeys.size() + ", allowedHosts=" + allowedHosts + ", allowedOrigins="
                    + allowedOrigins + "]";
        }
    }
}
