package dev.claudia.router.bootstrap;

import dev.claudia.router.bootstrap.config.Adapters;
import dev.claudia.router.bootstrap.config.ConfigException;
import dev.claudia.router.bootstrap.config.ConfigReader;
import dev.claudia.router.bootstrap.config.RouterConfig;
import dev.claudia.router.domain.port.IdGenerator;
import dev.claudia.router.provider.spi.BackendSettings;
import dev.claudia.router.provider.spi.ProviderServices;
import dev.claudia.router.adapters.provider.tokens.Tokenizers;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code backends.<name>.dialect}: written beside the backend's options, checked by the openai-chat adapter. */
class DialectConfigTest {

    private final List<String> warnings = new ArrayList<>();

    private RouterConfig parse(String backend) {
        return ConfigReader.parse("config.json", "{\"defaultBackend\":\"b\",\"backends\":{\"b\":" + backend + "}}",
                warnings::add);
    }

    private List<String> problems(String backend) {
        return assertThrows(ConfigException.class, () -> parse(backend)).problems();
    }

    @Test
    void the_dialect_reaches_the_adapter_as_its_option() {
        RouterConfig config = parse("{\"dialect\":\"gemini\",\"baseUrl\":\"https://gw.example/v1beta/openai\","
                + "\"defaultModel\":\"gemini-3-flash\",\"options\":{\"toolCallsInText\":false}}");
        assertEquals("{\"toolCallsInText\":false,\"dialect\":\"gemini\"}", config.backends().get("b").options().text());
        assertTrue(warnings.isEmpty(), warnings.toString());
    }

    @Test
    void a_wrong_dialect_is_reported_where_it_was_written_with_the_choices() {
        assertEquals(List.of("config.json: backends.b.dialect: must be one of \"nvidia-nim\", \"deepseek\", \"openrouter\", "
                + "\"groq\", \"gemini\", \"mistral\", \"ollama\", \"lmstudio\", \"vllm\", \"llamacpp\", \"generic\""),
                problems("{\"dialect\":\"gemeni\",\"baseUrl\":\"https://x.example/v1\",\"defaultModel\":\"m\"}"));
        assertEquals(List.of("config.json: backends.b.options.dialect: must be one of \"nvidia-nim\", \"deepseek\", "
                + "\"openrouter\", \"groq\", \"gemini\", \"mistral\", \"ollama\", \"lmstudio\", \"vllm\", \"llamacpp\", \"generic\""),
                problems("{\"options\":{\"dialect\":7},\"baseUrl\":\"https://x.example/v1\",\"defaultModel\":\"m\"}"));
    }

    @Test
    void twice_or_on_an_adapter_without_dialects_is_a_problem() {
        assertEquals(List.of("config.json: backends.b.dialect: also set in options.dialect; set it once"),
                problems("{\"dialect\":\"groq\",\"options\":{\"dialect\":\"groq\"},\"baseUrl\":\"https://x.example/v1\","
                        + "\"defaultModel\":\"m\"}"));
        assertEquals(List.of("config.json: backends.b.dialect: the 'anthropic' adapter has no dialects (only openai-chat has)"),
                problems("{\"adapter\":\"anthropic\",\"dialect\":\"deepseek\",\"baseUrl\":\"https://api.deepseek.com/anthropic/v1\","
                        + "\"defaultModel\":\"m\"}"));
    }

    private static ProviderServices services() {
        return new ProviderServices(new IdGenerator() {
            public String messageId() { return "msg_1"; }
            public String toolUseId() { return "toolu_1"; }
            public String requestId() { return "req_1"; }
        }, Tokenizers.standard(), Clock.systemUTC(), Duration.ofSeconds(1), Duration.ofSeconds(1));
    }

    /** Each section of docs/providers.md has a snippet that loads and whose backends speak that section's dialect. */
    @Test
    void every_provider_section_has_a_snippet_that_loads_and_speaks_its_dialect() throws Exception {
        Map<String, String> sections = new LinkedHashMap<>(Map.of("NVIDIA NIM", "nvidia-nim", "DeepSeek", "deepseek",
                "OpenRouter", "openrouter", "Groq", "groq", "Gemini", "gemini", "Mistral", "mistral", "Ollama", "ollama",
                "LM Studio", "lmstudio", "vLLM", "vllm", "llama.cpp", "llamacpp"));
        sections.put("OpenAI and other gateways (generic)", "generic");
        String doc = Files.readString(Path.of("../docs/providers.md"));
        ProviderServices services = services();
        List<String> checked = new ArrayList<>();
        for (var section : sections.entrySet()) {
            int at = doc.indexOf("\n## " + section.getKey() + "\n");
            assertTrue(at >= 0, "docs/providers.md has a section '" + section.getKey() + "'");
            Matcher json = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL).matcher(doc.substring(at));
            assertTrue(json.find(), section.getKey() + " has a config snippet");
            RouterConfig config = ConfigReader.parse("providers.md", json.group(1), warnings::add);
            for (RouterConfig.Backend backend : config.backends().values()) {
                var provider = Adapters.installed().get(backend.adapter()).orElseThrow().create(new BackendSettings(
                        backend.name(), backend.baseUrl(), "k", backend.apiKeyEnv()), backend.options(), services);
                assertTrue(provider.describe().startsWith("dialect " + section.getValue()),
                        section.getKey() + ": " + provider.describe());
            }
            checked.add(section.getValue());
        }
        assertEquals(11, checked.size());
        assertTrue(warnings.isEmpty(), warnings.toString());
    }

    /**
     * The Responses API section's snippet loads as written: its backend is built by the
     * openai-responses adapter and its profiles' options are that adapter's (a misspelt one is
     * refused, so the snippet is really checked against them).
     */
    @Test
    void the_responses_api_snippet_loads_with_the_openai_responses_adapter_and_its_options() throws Exception {
        String doc = Files.readString(Path.of("../docs/providers.md"));
        int at = doc.indexOf("\n## OpenAI (Responses API)\n");
        assertTrue(at >= 0, "docs/providers.md has a section 'OpenAI (Responses API)'");
        Matcher json = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL).matcher(doc.substring(at));
        assertTrue(json.find(), "the Responses API section has a config snippet");
        String snippet = json.group(1);
        RouterConfig config = ConfigReader.parse("providers.md", snippet, warnings::add);
        assertTrue(warnings.isEmpty(), warnings.toString());
        assertTrue(!config.backends().isEmpty() && !config.profiles().isEmpty(), snippet);
        for (RouterConfig.Backend backend : config.backends().values()) {
            assertEquals("openai-responses", backend.adapter(), backend.name());
            var provider = Adapters.installed().get(backend.adapter()).orElseThrow().create(new BackendSettings(
                    backend.name(), backend.baseUrl(), "k", backend.apiKeyEnv()), backend.options(), services());
            assertEquals("OpenAiResponsesProvider", provider.getClass().getSimpleName());
            provider.close();
        }
        assertTrue(config.profiles().values().stream().anyMatch(p -> p.options().text().contains("reasoningSummary")),
                "the profile options reach the adapter: " + config.profiles());
        assertTrue(snippet.contains("\"reasoningSummary\": \"detailed\""), "the option the next assertion misspells");
        List<String> refused = assertThrows(ConfigException.class, () -> ConfigReader.parse("providers.md",
                snippet.replace("\"reasoningSummary\": \"detailed\"", "\"reasoningSummary\": \"detaild\""), warnings::add))
                .problems();
        assertEquals(1, refused.size(), refused.toString());
        assertTrue(refused.getFirst().contains("modelProfiles.claude-sonnet-4-5.options.reasoningSummary"), refused.toString());
    }
}
