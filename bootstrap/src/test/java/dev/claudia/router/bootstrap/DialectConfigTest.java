package dev.claudia.router.bootstrap;

import dev.claudia.router.bootstrap.config.ConfigException;
import dev.claudia.router.bootstrap.config.ConfigReader;
import dev.claudia.router.bootstrap.config.RouterConfig;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

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
}
