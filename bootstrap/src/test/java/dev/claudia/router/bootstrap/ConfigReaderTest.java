package dev.claudia.router.bootstrap;

import dev.claudia.router.bootstrap.config.ConfigException;
import dev.claudia.router.bootstrap.config.ConfigReader;
import dev.claudia.router.bootstrap.config.RouterConfig;
import dev.claudia.router.domain.message.MessageRequest;
import dev.claudia.router.domain.routing.Capabilities;
import dev.claudia.router.domain.routing.ModelLimits;
import dev.claudia.router.domain.routing.RoutePlan;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigReaderTest {

    private final List<String> warnings = new ArrayList<>();

    private static final String BACKENDS = """
            "backends": {
              "nvidia": {"baseUrl": "https://integrate.api.nvidia.com/v1", "apiKeyEnv": "NVIDIA_API_KEY", "defaultModel": "stepfun-ai/step-3.5-flash"},
              "local": {"baseUrl": "http://localhost:1234/v1/", "defaultModel": "local-model"}
            }""";

    private RouterConfig parse(String json) {
        return ConfigReader.parse("config.json", json, warnings::add);
    }

    private List<String> problems(String json) {
        return assertThrows(ConfigException.class, () -> parse(json)).problems();
    }

    @Test
    void the_shipped_config_is_valid_and_has_the_documented_profiles() {
        RouterConfig config = ConfigReader.read(Path.of("../config.json"), warnings::add);
        assertTrue(warnings.isEmpty(), warnings.toString());
        assertEquals(8082, config.port());
        assertEquals("nvidia", config.defaultBackend());
        assertEquals(Set.of("nvidia", "openrouter", "local"), config.backends().keySet());
        assertEquals(List.of("claude-step-3.5-flash", "claude-glm-4.7", "claude-qwen-3.5", "claude-nemotron-nano-9b"),
                List.copyOf(config.profiles().keySet()), "names Claude Code does not take for one of Anthropic's models");
        assertEquals("stepfun-ai/step-3.5-flash", config.profiles().get("claude-step-3.5-flash").providerModel());
        RouterConfig.Profile glm = config.profiles().get("claude-glm-4.7");
        assertEquals("z-ai/glm4.7", glm.providerModel());
        assertEquals("{\"chat_template_kwargs\":{\"enable_thinking\":true,\"clear_thinking\":false}}", glm.extraBody().text());
        assertEquals("qwen/qwen3.5-122b-a10b", config.profiles().get("claude-qwen-3.5").providerModel());
        RouterConfig.Profile small = config.profiles().get("claude-nemotron-nano-9b");
        assertEquals("nvidia/nvidia-nemotron-nano-9b-v2", small.providerModel());
        assertEquals(1, small.retryAttempts());
        assertEquals(250, small.retryBaseDelayMs());
        // Every name shipped before keeps working, for the users and Claude Code settings that still send it.
        assertEquals(java.util.Map.of("claude-3-5-sonnet-latest", "claude-step-3.5-flash", "claude-3-5-sonnet-glm", "claude-glm-4.7",
                "claude-opus-4-1", "claude-glm-4.7", "claude-3-5-sonnet-qwen", "claude-qwen-3.5",
                "claude-3-haiku-latest", "claude-nemotron-nano-9b"), config.aliases());
        assertEquals("https://openrouter.ai/api/v1", config.backends().get("openrouter").baseUrl().toString());
        assertEquals("OPENROUTER_API_KEY", config.backends().get("openrouter").apiKeyEnv());
        assertEquals("http://localhost:1234/v1", config.backends().get("local").baseUrl().toString());
        assertEquals("LOCAL_API_KEY", config.backends().get("local").apiKeyEnv());
        assertEquals(new ModelLimits(262_144, 0), config.profiles().get("claude-step-3.5-flash").limits());
        assertEquals(new ModelLimits(200_000, 128_000), glm.limits());
        assertEquals(new ModelLimits(262_144, 0), config.profiles().get("claude-qwen-3.5").limits());
        assertEquals(new ModelLimits(131_072, 0), small.limits(), "a window that takes Claude Code's prompts");
        assertEquals(60, config.stickySessionMinutes());
    }

    @Test
    void context_window_and_output_limit_are_read_and_the_legacy_capability_still_works() {
        RouterConfig config = parse("{\"defaultBackend\":\"nvidia\"," + BACKENDS + ",\"stickySessionMinutes\":0,"
                + "\"modelProfiles\":{"
                + "\"a\":{\"backend\":\"local\",\"contextWindow\":128000,\"maxOutputTokens\":16384},"
                + "\"b\":{\"backend\":\"local\",\"capabilities\":{\"maxOutputTokens\":8192}},"
                + "\"c\":{\"backend\":\"local\"}}}");
        assertEquals(new ModelLimits(128_000, 16_384), config.profiles().get("a").limits());
        assertEquals(new ModelLimits(0, 8_192), config.profiles().get("b").limits(), "the legacy key still clamps");
        assertEquals(ModelLimits.UNDECLARED, config.profiles().get("c").limits(), "absent means not declared");
        assertEquals(0, config.stickySessionMinutes(), "0 turns session affinity off");
        assertEquals(List.of("config.json: modelProfiles.b.capabilities.maxOutputTokens: deprecated: move it to "
                + "modelProfiles.b.maxOutputTokens"), warnings);
        assertEquals(ModelLimits.UNDECLARED, Wiring.routes(config, Set.of()).planFor(
                MessageRequest.of("c", 1, List.of()), () -> 0).primary().limits());
        assertEquals(new ModelLimits(128_000, 16_384), Wiring.routes(config, Set.of()).planFor(
                MessageRequest.of("a", 1, List.of()), () -> 0).primary().limits());
    }

    @Test
    void bad_limits_and_sticky_minutes_are_reported_with_their_paths() {
        List<String> problems = problems("{\"defaultBackend\":\"nvidia\"," + BACKENDS + ",\"stickySessionMinutes\":-5,"
                + "\"modelProfiles\":{"
                + "\"a\":{\"backend\":\"local\",\"contextWindow\":\"128k\",\"maxOutputTokens\":-1},"
                + "\"b\":{\"backend\":\"local\",\"contextWindow\":32000,\"maxOutputTokens\":64000},"
                + "\"c\":{\"backend\":\"local\",\"contextWindow\":512},"
                + "\"d\":{\"backend\":\"local\",\"maxOutputTokens\":4096,\"capabilities\":{\"maxOutputTokens\":8192}}}}");
        assertEquals(List.of(
                "config.json: stickySessionMinutes: must be between 0 and 1440, got -5",
                "config.json: modelProfiles.a.contextWindow: must be an integer (a number of tokens; 0 means not declared)",
                "config.json: modelProfiles.a.maxOutputTokens: must be 0 (not declared) or between 1 and 100000000, got -1",
                "config.json: modelProfiles.b.maxOutputTokens: must be smaller than contextWindow (32000), got 64000",
                "config.json: modelProfiles.c.contextWindow: must be 0 (not declared) or between 1024 and 100000000, got 512",
                "config.json: modelProfiles.d.capabilities.maxOutputTokens: contradicts modelProfiles.d.maxOutputTokens "
                        + "(8192 vs 4096); keep only modelProfiles.d.maxOutputTokens"), problems);
    }

    @Test
    void bad_json_names_the_line_and_column() {
        List<String> problems = problems("{\n  \"port\": 8082,\n  \"backends\": {,\n}");
        assertEquals(1, problems.size());
        assertTrue(problems.getFirst().startsWith("config.json: invalid JSON at line 3, column"), problems.getFirst());
    }

    @Test
    void every_problem_is_reported_at_once_with_its_json_path() {
        List<String> problems = problems("""
                {"port": 70000, "defaultBackend": "nvidai",
                 "backends": {
                   "nvidia": {"baseUrl": "ftp://x", "apiKeyEnv": "NIM_API_KEY", "defaultModel": "m"},
                   "ok": {"baseUrl": "https://ok.example/v1", "defaultModel": "m"}
                 },
                 "modelProfiles": {
                   "a": {"backend": "nope", "providerModel": "x"},
                   "b": {"backend": "ok", "providerModel": "x", "retryAttempts": -1, "retryBaseDelayMs": -5,
                         "extraBody": [1], "capabilities": {"streaming": "maybe", "reasoning": "telepathy"},
                         "fallbacks": ["zzz"]}
                 },
                 "modelMap": {"c": {"backend": "ok"}}
                }""");
        assertEquals(List.of(
                "config.json: port: must be between 0 and 65535, got 70000",
                "config.json: backends.nvidia.baseUrl: must be an http:// or https:// URL, got 'ftp://x'",
                "config.json: defaultBackend: unknown backend 'nvidai' (known: ok)",
                "config.json: modelProfiles.a.backend: unknown backend 'nope' (known: ok)",
                "config.json: modelProfiles.b.retryAttempts: must be between 1 and 20, got -1",
                "config.json: modelProfiles.b.retryBaseDelayMs: must be between 0 and 60000, got -5",
                "config.json: modelProfiles.b.extraBody: must be a JSON object (it is merged into the provider request body)",
                "config.json: modelProfiles.b.capabilities.streaming: must be true, false or \"only\"",
                "config.json: modelProfiles.b.capabilities.reasoning: must be one of \"none\", \"effort\", "
                        + "\"chat_template_kwargs\", \"openrouter\", \"thinking_type\", \"chat_template_kwargs_thinking\"",
                "config.json: modelMap.c.model: required",
                "config.json: modelProfiles.b.fallbacks.0: unknown profile 'zzz'"), problems);
    }

    @Test
    void missing_backends_and_default_model_are_problems() {
        assertEquals(List.of("config.json: backends: required: at least one backend", "config.json: defaultBackend: required"),
                problems("{}"));
        assertEquals(List.of("config.json: backends.n.defaultModel: required for the default backend (it serves model "
                + "names that no profile matches)"), problems("{\"defaultBackend\":\"n\",\"backends\":{\"n\":{\"baseUrl\":\"http://h/v1\"}}}"));
    }

    @Test
    void unknown_keys_are_warnings_not_errors() {
        parse("{\"defaultBackend\":\"nvidia\"," + BACKENDS + ",\"theme\":\"dark\",\"modelProfiles\":{\"x\":{\"backend\":\"nvidia\","
                + "\"providerModel\":\"m\",\"capabilities\":{\"vision\":true}}}}");
        assertEquals(List.of("config.json: theme: unknown key, ignored",
                "config.json: modelProfiles.x.capabilities.vision: unknown capability, ignored"), warnings);
    }

    @Test
    void capabilities_are_read_into_the_domain_settings_and_the_adapters_options() {
        RouterConfig config = parse("{\"defaultBackend\":\"nvidia\"," + BACKENDS + ",\"modelProfiles\":{\"x\":{\"backend\":\"local\","
                + "\"capabilities\":{\"streaming\":false,\"reasoning\":\"effort\",\"systemMessages\":\"hoist\","
                + "\"streamUsage\":false,\"maxOutputTokens\":8192,\"splitThinkTags\":true}}}}");
        RouterConfig.Profile x = config.profiles().get("x");
        assertEquals("local-model", x.providerModel(), "a profile without providerModel uses the backend's default");
        assertEquals(new Capabilities(Capabilities.Streaming.NEVER), x.capabilities());
        assertEquals(new ModelLimits(0, 8192), x.limits(), "the legacy capabilities.maxOutputTokens is the output limit");
        assertEquals("{\"reasoning\":\"effort\",\"systemMessages\":\"hoist\",\"streamUsage\":false,\"splitThinkTags\":true}",
                x.options().text(), "the adapter's keys of capabilities become its options");
        assertEquals(3, x.retryAttempts());
        assertEquals(500, x.retryBaseDelayMs());
    }

    @Test
    void profiles_win_over_model_map_and_unknown_names_go_to_the_default_backend() {
        RouterConfig config = parse("{\"defaultBackend\":\"nvidia\"," + BACKENDS + ","
                + "\"modelProfiles\":{\"claude-x\":{\"backend\":\"local\",\"providerModel\":\"from-profile\",\"fallbacks\":[\"claude-y\"]},"
                + "\"claude-y\":{\"backend\":\"nvidia\",\"providerModel\":\"y-model\"}},"
                + "\"modelMap\":{\"claude-x\":{\"backend\":\"nvidia\",\"model\":\"from-map\"},\"legacy\":{\"backend\":\"local\",\"model\":\"old\"}}}");
        var routes = Wiring.routes(config, Set.of());
        RoutePlan x = routes.planFor(MessageRequest.of("claude-x", 1, List.of()), () -> 0);
        assertEquals("modelProfiles", x.rule());
        assertEquals(List.of("from-profile", "y-model"), x.routes().stream().map(r -> r.providerModel()).toList());
        assertEquals(List.of("claude-x", "claude-x"), x.routes().stream().map(r -> r.alias()).toList());
        RoutePlan legacy = routes.planFor(MessageRequest.of("legacy", 1, List.of()), () -> 0);
        assertEquals("modelMap", legacy.rule());
        assertEquals("old", legacy.primary().providerModel());
        RoutePlan other = routes.planFor(MessageRequest.of("gpt-whatever", 1, List.of()), () -> 0);
        assertEquals("defaultBackend", other.rule());
        assertEquals("nvidia", other.primary().backend());
        assertEquals("stepfun-ai/step-3.5-flash", other.primary().providerModel());
        assertEquals("gpt-whatever", other.primary().alias());
        assertEquals(List.of("claude-x", "claude-y", "legacy"), routes.models().stream().map(m -> m.id()).toList());
    }

    @Test
    void aliases_route_like_their_profile_in_requests_fallbacks_and_rules_and_are_not_listed() {
        RouterConfig config = parse("{\"defaultBackend\":\"nvidia\"," + BACKENDS + ",\"modelProfiles\":{"
                + "\"claude-new\":{\"backend\":\"local\",\"providerModel\":\"new-model\",\"aliases\":[\"claude-3-5-sonnet-old\",\"older\"],"
                + "\"fallbacks\":[\"claude-3-haiku-old\"]},"
                + "\"claude-small\":{\"backend\":\"nvidia\",\"providerModel\":\"small-model\",\"aliases\":[\"claude-3-haiku-old\"]}},"
                + "\"routingRules\":[{\"name\":\"bg\",\"when\":{\"model\":\"^bg$\"},\"profile\":\"claude-3-haiku-old\"}]}");
        assertEquals(List.of("claude-3-5-sonnet-old", "older"), config.profiles().get("claude-new").aliases());
        assertEquals("claude-new", config.profile("older").orElseThrow().alias());
        assertTrue(config.knows("claude-3-haiku-old") && !config.knows("claude-unknown"));
        var routes = Wiring.routes(config, Set.of());
        RoutePlan old = routes.planFor(MessageRequest.of("claude-3-5-sonnet-old", 1, List.of()), () -> 0);
        assertEquals("modelProfiles", old.rule());
        assertEquals(List.of("new-model", "small-model"), old.routes().stream().map(r -> r.providerModel()).toList(),
                "the profile and its fallback, named by an alias");
        assertEquals("claude-3-5-sonnet-old", old.primary().alias(), "answers echo the name the caller sent");
        assertEquals("small-model", routes.planFor(MessageRequest.of("bg", 1, List.of()), () -> 0).primary().providerModel());
        assertEquals(List.of("claude-new", "claude-small"), routes.models().stream().map(m -> m.id()).toList(),
                "GET /v1/models lists each profile once, under its own name");
        assertEquals("claude-new", routes.model("older").orElseThrow().id());
        assertTrue(warnings.isEmpty(), warnings.toString());
    }

    @Test
    void a_name_that_would_route_two_ways_is_a_problem_at_its_path() {
        List<String> problems = problems("{\"defaultBackend\":\"nvidia\"," + BACKENDS + ",\"modelProfiles\":{"
                + "\"a\":{\"backend\":\"local\",\"aliases\":[\"a\",\"b\",\"legacy\",\"old\",\"\",7]},"
                + "\"b\":{\"backend\":\"local\",\"aliases\":[\"old\"]},"
                + "\"c\":{\"backend\":\"local\",\"aliases\":\"old\",\"fallbacks\":[\"old\"]}},"
                + "\"modelMap\":{\"legacy\":{\"backend\":\"local\",\"model\":\"m\"}}}");
        assertEquals(List.of(
                "config.json: modelProfiles.a.aliases.4: must be a non-empty string",
                "config.json: modelProfiles.a.aliases.5: must be a non-empty string",
                "config.json: modelProfiles.c.aliases: must be an array of model names (other names this profile answers to)",
                "config.json: modelProfiles.a.aliases.0: 'a' is this profile's own name",
                "config.json: modelProfiles.a.aliases.1: 'b' is already a profile (modelProfiles.b); a name may route one way only",
                "config.json: modelProfiles.a.aliases.2: 'legacy' is also in modelMap (modelMap.legacy); a name may route one way only",
                "config.json: modelProfiles.b.aliases.0: 'old' is already listed at modelProfiles.a.aliases.3"), problems);

        List<String> selfFallback = problems("{\"defaultBackend\":\"nvidia\"," + BACKENDS + ",\"modelProfiles\":{"
                + "\"a\":{\"backend\":\"local\",\"aliases\":[\"old-a\"],\"fallbacks\":[\"old-a\"]}}}");
        assertEquals(List.of("config.json: modelProfiles.a.fallbacks.0: a profile cannot fall back to itself"), selfFallback);
    }

    @Test
    void reads_routing_rules_and_reports_bad_ones() {
        RouterConfig config = parse("{\"defaultBackend\":\"nvidia\"," + BACKENDS + ",\"modelProfiles\":{"
                + "\"small\":{\"backend\":\"local\"},\"big\":{\"backend\":\"nvidia\"}},"
                + "\"routingRules\":[{\"name\":\"background\",\"when\":{\"model\":\"haiku\"},\"profile\":\"small\"},"
                + "{\"name\":\"long\",\"when\":{\"minInputTokens\":1000,\"thinking\":true},\"profile\":\"big\"}]}");
        assertEquals(List.of("background", "long"), config.routingRules().stream().map(r -> r.name()).toList());
        var routes = Wiring.routes(config, Set.of());
        assertEquals("rule:background", routes.planFor(MessageRequest.of("claude-3-haiku-latest", 1, List.of()), () -> 0).rule());

        List<String> problems = problems("{\"defaultBackend\":\"nvidia\"," + BACKENDS + ",\"modelProfiles\":{"
                + "\"small\":{\"backend\":\"local\"}},\"routingRules\":[{\"name\":\"a\",\"when\":{\"model\":\"(\"},"
                + "\"profile\":\"nope\"},{\"name\":\"a\",\"when\":{\"sunny\":true,\"minInputTokens\":-1},\"profile\":\"small\"},"
                + "{\"when\":{},\"profile\":\"small\"}]}");
        assertEquals(List.of(
                "config.json: routingRules.0.profile: unknown profile 'nope' (known: small)",
                "config.json: routingRules.0.when.model: not a valid regular expression: Unclosed group",
                "config.json: routingRules.1.name: duplicate rule name 'a'",
                "config.json: routingRules.1.when.sunny: unknown condition (known: model, thinking, minInputTokens, "
                        + "webSearch, systemPrompt, subagent)",
                "config.json: routingRules.1.when.minInputTokens: must be a positive integer",
                "config.json: routingRules.2.name: required",
                "config.json: routingRules.2.when: required: an object with at least one of model, thinking, "
                        + "minInputTokens, webSearch, systemPrompt, subagent"), problems);
    }

    @Test
    void routes_of_keyless_backends_go_to_the_demo_backend() {
        RouterConfig config = parse("{\"defaultBackend\":\"nvidia\"," + BACKENDS + ",\"modelProfiles\":{\"claude-x\":{\"backend\":\"nvidia\"}}}");
        var routes = Wiring.routes(config, Set.of("nvidia"));
        assertEquals(Wiring.DEMO, routes.planFor(MessageRequest.of("claude-x", 1, List.of()), () -> 0).primary().backend());
        assertEquals(Wiring.DEMO, routes.planFor(MessageRequest.of("other", 1, List.of()), () -> 0).primary().backend());
    }

    @Test
    void limits_and_access_have_defaults_and_are_validated_with_their_paths() {
        RouterConfig plain = parse("{\"defaultBackend\":\"nvidia\"," + BACKENDS + "}");
        assertEquals(32L * 1024 * 1024, plain.limits().maxBodyBytes());
        assertEquals(30, plain.limits().receiveTimeoutSeconds());
        assertEquals(1024, plain.limits().maxConnections());
        assertEquals(RouterConfig.Access.NONE, plain.access());

        RouterConfig tuned = parse("{\"defaultBackend\":\"nvidia\"," + BACKENDS + ",\"limits\":{\"maxBodyBytes\":1048576,"
                + "\"maxConcurrentUpstream\":8,\"writeStallTimeoutMs\":5000,\"receiveTimeoutSeconds\":10},"
                + "\"access\":{\"clientKeys\":[\"0123456789abcdef0123\"],\"allowedHosts\":[\"My-Box.lan\"],"
                + "\"allowedOrigins\":[\"https://app.example\"]}}");
        assertEquals(1048576, tuned.limits().maxBodyBytes());
        assertEquals(8, tuned.limits().maxConcurrentUpstream());
        assertEquals(List.of("my-box.lan"), tuned.access().allowedHosts());
        assertEquals("Access[clientKeys=1, allowedHosts=[my-box.lan], allowedOrigins=[https://app.example]]",
                tuned.access().toString(), "keys are counted, never shown");

        assertEquals(List.of(
                "config.json: limits.maxBodyBytes: must be between 1024 and 2147483639, got 10",
                "config.json: limits.maxConcurrentUpstream: must be an integer",
                "config.json: limits.receiveTimeoutSeconds: must be between 1 and 3600, got 0",
                "config.json: access.clientKeys.0: must be at least 16 characters (for example the output of: openssl rand -hex 24)",
                "config.json: access.allowedHosts.0: must be a host name without scheme or port, got 'http://x:1'",
                "config.json: access.allowedOrigins.0: '*' would let any web page use the router; name the origin, e.g. https://app.example",
                "config.json: access.allowedOrigins.1: must be an origin like https://app.example or http://localhost:3000, got 'https://a.example/path'"),
                problems("{\"defaultBackend\":\"nvidia\"," + BACKENDS + ",\"limits\":{\"maxBodyBytes\":10,"
                        + "\"maxConcurrentUpstream\":\"many\",\"receiveTimeoutSeconds\":0},\"access\":{\"clientKeys\":[\"short-key\"],"
                        + "\"allowedHosts\":[\"http://x:1\"],\"allowedOrigins\":[\"*\",\"https://a.example/path\"]}}"));
        assertTrue(problems("{\"defaultBackend\":\"nvidia\"," + BACKENDS + ",\"limits\":{\"maxBodyBytes\":2097152,"
                + "\"maxBodyBytesInFlight\":1048576}}").getFirst().contains("limits.maxBodyBytesInFlight: must be at least"));
    }

    @Test
    void upstream_shutdown_and_backend_limits_have_defaults_and_are_validated_with_their_paths() {
        RouterConfig plain = parse("{\"defaultBackend\":\"nvidia\"," + BACKENDS + "}");
        assertEquals(dev.claudia.router.provider.spi.UpstreamLimits.DEFAULT, plain.upstream());
        assertEquals(java.time.Duration.ofSeconds(10), plain.shutdownGrace());
        assertEquals(dev.claudia.router.application.BackendLimits.NONE, plain.backends().get("nvidia").limits());

        RouterConfig tuned = parse("{\"defaultBackend\":\"b\",\"backends\":{\"b\":{\"baseUrl\":\"https://h/v1\","
                + "\"defaultModel\":\"m\",\"limits\":{\"maxConcurrent\":2,\"requestsPerMinute\":40}}},"
                + "\"upstream\":{\"maxAnswerBytes\":65536,\"maxStreamSeconds\":120},\"shutdown\":{\"graceSeconds\":0}}");
        assertEquals(new dev.claudia.router.application.BackendLimits(2, 40, java.time.Duration.ofMillis(2000)),
                tuned.backends().get("b").limits());
        assertEquals(65536, tuned.upstream().maxAnswerBytes());
        assertEquals(java.time.Duration.ofSeconds(120), tuned.upstream().maxStreamDuration());
        assertEquals(java.time.Duration.ZERO, tuned.shutdownGrace());

        assertEquals(List.of(
                "config.json: backends.b.limits.maxConcurrent: must be between 0 and 100000, got -1",
                "config.json: backends.b.limits.maxWaitMs: must be an integer",
                "config.json: upstream.maxAnswerBytes: must be between 1024 and 2147483639, got 5",
                "config.json: upstream.maxStreamSeconds: must be between 1 and 604800, got 0",
                "config.json: shutdown.graceSeconds: must be between 0 and 3600, got 7200"),
                problems("{\"defaultBackend\":\"b\",\"backends\":{\"b\":{\"baseUrl\":\"https://h/v1\","
                        + "\"defaultModel\":\"m\",\"limits\":{\"maxConcurrent\":-1,\"maxWaitMs\":\"long\"}}},"
                        + "\"upstream\":{\"maxAnswerBytes\":5,\"maxStreamSeconds\":0},\"shutdown\":{\"graceSeconds\":7200}}"));
        warnings.clear();
        parse("{\"defaultBackend\":\"b\",\"backends\":{\"b\":{\"baseUrl\":\"https://h/v1\",\"defaultModel\":\"m\","
                + "\"limits\":{\"rpm\":3}}},\"upstream\":{\"maxLine\":1}}");
        assertEquals(List.of("config.json: backends.b.limits.rpm: unknown key, ignored",
                "config.json: upstream.maxLine: unknown key, ignored"), warnings);
    }

    @Test
    void api_key_env_may_only_name_a_variable_that_looks_like_a_key() {
        for (String name : List.of("HOME", "PATH", "AWS_REGION", "nvidia_api_key", "CLAUDIA_AUTH_TOKEN")) {
            List<String> problems = problems("{\"defaultBackend\":\"b\",\"backends\":{\"b\":{\"baseUrl\":\"https://h/v1\","
                    + "\"apiKeyEnv\":\"" + name + "\",\"defaultModel\":\"m\"}}}");
            assertEquals(List.of("config.json: backends.b.apiKeyEnv: must name a variable that holds a provider key: upper "
                    + "case, ending in _API_KEY, _KEY or _TOKEN, and not a CLAUDIA_ variable (got '" + name + "')"), problems);
        }
        for (String name : List.of("GROQ_API_KEY", "HF_TOKEN", "MISTRAL_KEY")) {
            parse("{\"defaultBackend\":\"b\",\"backends\":{\"b\":{\"baseUrl\":\"https://h/v1\",\"apiKeyEnv\":\"" + name
                    + "\",\"defaultModel\":\"m\"}}}");
        }
    }
}
