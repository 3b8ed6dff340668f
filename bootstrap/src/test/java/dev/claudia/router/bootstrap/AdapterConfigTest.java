package dev.claudia.router.bootstrap;

import dev.claudia.router.bootstrap.config.Adapters;
import dev.claudia.router.bootstrap.config.ConfigException;
import dev.claudia.router.bootstrap.config.ConfigReader;
import dev.claudia.router.bootstrap.config.RouterConfig;
import dev.claudia.router.domain.message.MessageRequest;
import dev.claudia.router.domain.routing.Route;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code backends.*.adapter} and the adapters' options in config.json, with the adapters this router has installed. */
class AdapterConfigTest {

    private final List<String> warnings = new ArrayList<>();

    private static final String BACKENDS = """
            "defaultBackend": "nim",
            "backends": {
              "nim": {"baseUrl": "https://integrate.api.nvidia.com/v1", "apiKeyEnv": "NVIDIA_API_KEY", "defaultModel": "m"},
              "claude": {"adapter": "anthropic", "baseUrl": "https://api.anthropic.com/v1", "apiKeyEnv": "ANTHROPIC_API_KEY",
                         "defaultModel": "claude-sonnet-4-5", "options": {"dropBetas": ["context-1m-*"]}}
            }""";

    private RouterConfig parse(String json) {
        return ConfigReader.parse("config.json", json, warnings::add);
    }

    private List<String> problems(String json) {
        return assertThrows(ConfigException.class, () -> parse(json)).problems();
    }

    @Test
    void finds_the_installed_adapters_with_the_service_loader() {
        assertEquals(Set.of("anthropic", "openai-chat", "openai-responses"), Adapters.installed().names());
    }

    @Test
    void a_backend_names_its_adapter_and_the_default_is_openai_chat() {
        RouterConfig config = parse("{" + BACKENDS + ",\"modelProfiles\":{\"c\":{\"backend\":\"claude\","
                + "\"options\":{\"dropBetas\":[\"effort-2025-11-24\"]}}}}");
        assertEquals("openai-chat", config.backends().get("nim").adapter());
        assertEquals("anthropic", config.backends().get("claude").adapter());
        assertEquals("{\"dropBetas\":[\"context-1m-*\"]}", config.backends().get("claude").options().text());
        assertEquals("{\"dropBetas\":[\"effort-2025-11-24\"]}", config.profiles().get("c").options().text());
        assertTrue(warnings.isEmpty(), warnings.toString());
    }

    @Test
    void an_unknown_adapter_stops_start_up_naming_the_backend_and_the_installed_adapters() {
        assertEquals(List.of("config.json: backends.gw.adapter: unknown adapter 'acme-gateway' for backend 'gw' "
                        + "(installed: anthropic, openai-chat, openai-responses)"),
                problems("{\"defaultBackend\":\"gw\",\"backends\":{\"gw\":{\"adapter\":\"acme-gateway\","
                        + "\"baseUrl\":\"https://gw.example/v1\",\"defaultModel\":\"m\"}}}"));
        assertEquals(List.of("config.json: backends.gw.adapter: must be the name of an adapter (installed: anthropic, openai-chat, openai-responses)"),
                problems("{\"defaultBackend\":\"gw\",\"backends\":{\"gw\":{\"adapter\":7,\"baseUrl\":\"https://gw.example/v1\","
                        + "\"defaultModel\":\"m\"}}}"));
    }

    @Test
    void bad_adapter_options_are_reported_with_their_full_paths_in_the_one_report() {
        List<String> problems = problems("""
                {"defaultBackend": "nim",
                 "backends": {
                   "nim": {"baseUrl": "https://n.example/v1", "defaultModel": "m", "options": {"reasoning": "loud", "typo": 1}},
                   "claude": {"adapter": "anthropic", "baseUrl": "https://a.example/v1", "options": {"auth": "basic",
                              "dropBetas": ["ok", ""]}},
                   "broken": {"adapter": "anthropic", "baseUrl": "https://b.example/v1", "options": [1]}
                 },
                 "modelProfiles": {
                   "a": {"backend": "nim", "options": {"systemMessages": "top"}, "capabilities": {"streamUsage": "yes"}},
                   "b": {"backend": "nim", "options": {"reasoning": "effort"}, "capabilities": {"reasoning": "none"}},
                   "c": {"backend": "claude", "providerModel": "x", "options": {"auth": "bearer"}},
                   "d": {"backend": "claude", "providerModel": "x", "capabilities": {"streaming": false}}
                 }}""");
        assertEquals(List.of(
                "config.json: backends.nim.options.reasoning: must be one of \"none\", \"effort\", \"chat_template_kwargs\", "
                        + "\"openrouter\", \"thinking_type\", \"chat_template_kwargs_thinking\"",
                "config.json: backends.nim.options.typo: unknown option",
                "config.json: backends.claude.options.auth: must be one of \"x-api-key\", \"bearer\"",
                "config.json: backends.claude.options.dropBetas.1: must be a non-empty string",
                "config.json: backends.broken.options: must be a JSON object (the adapter's settings)",
                "config.json: modelProfiles.a.options.systemMessages: must be one of \"inline\", \"hoist\", \"user\"",
                "config.json: modelProfiles.a.capabilities.streamUsage: must be true or false",
                "config.json: modelProfiles.b.capabilities.reasoning: also set in options; set it in options only",
                "config.json: modelProfiles.c.options.auth: unknown option",
                "config.json: modelProfiles.d.capabilities.streaming: must stay true: the 'anthropic' adapter passes the "
                        + "provider's answers on as they come, so the router cannot fold a stream or split an answer"),
                problems);
    }

    @Test
    void openai_responses_backends_have_their_options_checked_by_their_adapter() {
        String backends = "\"defaultBackend\":\"oai\",\"backends\":{\"oai\":{\"adapter\":\"openai-responses\","
                + "\"baseUrl\":\"https://api.openai.com/v1\",\"apiKeyEnv\":\"OPENAI_API_KEY\",\"defaultModel\":\"gpt-5\",";
        assertEquals(List.of("config.json: backends.oai.options.reasoningSummary: must be one of \"auto\", \"concise\", "
                        + "\"detailed\", \"none\"", "config.json: modelProfiles.g.options.store: must be true or false",
                        "config.json: modelProfiles.g.options.reasoning_effort: unknown option"),
                problems("{" + backends + "\"options\":{\"reasoningSummary\":\"brief\"}}},\"modelProfiles\":{\"g\":"
                        + "{\"backend\":\"oai\",\"options\":{\"store\":\"no\",\"reasoning_effort\":\"high\"}}}}"));
        RouterConfig config = parse("{" + backends + "\"options\":{\"serviceTier\":\"flex\"}}},\"modelProfiles\":{\"g\":"
                + "{\"backend\":\"oai\",\"options\":{\"store\":true}}}}");
        assertEquals("openai-responses", config.backends().get("oai").adapter());
        assertEquals("{\"store\":true}", config.profiles().get("g").options().text());
    }

    @Test
    void legacy_capability_keys_an_adapter_does_not_know_are_warnings_and_are_not_handed_to_it() {
        RouterConfig config = parse("{" + BACKENDS + ",\"modelProfiles\":{\"c\":{\"backend\":\"claude\","
                + "\"capabilities\":{\"reasoning\":\"effort\",\"maxOutputTokens\":8000}}}}");
        assertEquals(List.of("config.json: modelProfiles.c.capabilities.reasoning: unknown capability, ignored",
                "config.json: modelProfiles.c.capabilities.maxOutputTokens: deprecated: move it to "
                        + "modelProfiles.c.maxOutputTokens"), warnings);
        assertEquals("{}", config.profiles().get("c").options().text());
        assertEquals(8000, config.profiles().get("c").limits().maxOutputTokens(), "the legacy key is still the output limit");
    }

    @Test
    void a_route_sent_to_the_demo_backend_keeps_only_options_meant_for_openai_chat() {
        RouterConfig config = parse("{" + BACKENDS + ",\"modelProfiles\":{"
                + "\"n\":{\"backend\":\"nim\",\"options\":{\"reasoning\":\"effort\"}},"
                + "\"c\":{\"backend\":\"claude\",\"options\":{\"dropBetas\":[\"x\"]}}}}");
        var routes = Wiring.routes(config, Set.of("nim", "claude"));
        Route nim = routes.planFor(MessageRequest.of("n", 1, List.of()), () -> 0).primary();
        Route claude = routes.planFor(MessageRequest.of("c", 1, List.of()), () -> 0).primary();
        assertEquals(Wiring.DEMO, claude.backend());
        assertEquals("{\"reasoning\":\"effort\"}", nim.options().text());
        assertEquals("{}", claude.options().text(), "the demo speaks openai-chat: anthropic options would not fit");
        var live = Wiring.routes(config, Set.of()).planFor(MessageRequest.of("c", 1, List.of()), () -> 0).primary();
        assertEquals("{\"dropBetas\":[\"x\"]}", live.options().text());
    }

    /** config.json and bench/config.json as shipped, and every whole config in the README and docs, load unchanged. */
    @Test
    void every_shipped_config_and_documented_example_loads_without_a_problem_or_a_warning() throws Exception {
        for (Path shipped : List.of(Path.of("../config.json"), Path.of("../bench/config.json"))) {
            ConfigReader.read(shipped, warnings::add);
        }
        List<String> examples = new ArrayList<>();
        List<Path> docs = new ArrayList<>(List.of(Path.of("../README.md")));
        try (Stream<Path> files = Files.list(Path.of("../docs"))) {
            files.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        Matcher blocks = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL).matcher("");
        for (Path doc : docs) {
            blocks.reset(Files.readString(doc));
            while (blocks.find()) {
                String block = blocks.group(1);
                if (!block.strip().startsWith("{") || !block.contains("\"backends\"")) {
                    continue;
                }
                if (block.contains("\"acme-gateway\"")) {
                    // The team adapter's example needs its jar: TeamAdapterEndToEndTest (system-tests) loads it with the real adapter.
                    examples.add(doc.getFileName() + " (in system-tests)");
                    continue;
                }
                ConfigReader.parse(doc.getFileName().toString(), block, warnings::add);
                examples.add(doc.getFileName().toString());
            }
        }
        assertTrue(examples.contains("configuration.md") && examples.contains("adapters.md (in system-tests)"),
                "the docs show whole configs to check: " + examples);
        assertTrue(warnings.isEmpty(), warnings.toString());
        assertFalse(ConfigReader.read(Path.of("../config.json"), w -> { }).profiles().isEmpty());
    }
}
