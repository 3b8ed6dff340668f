package dev.claudia.router.adapters.provider.openai.dialect;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DialectsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "https://integrate.api.nvidia.com/v1, nvidia-nim",
        "https://ai.api.nvidia.com/v1, nvidia-nim",
        "https://api.deepseek.com, deepseek",
        "https://api.deepseek.com/v1, deepseek",
        "https://openrouter.ai/api/v1, openrouter",
        "https://api.groq.com/openai/v1, groq",
        "https://generativelanguage.googleapis.com/v1beta/openai, gemini",
        "https://api.mistral.ai/v1, mistral",
        "https://codestral.mistral.ai/v1, mistral",
        "http://localhost:11434/v1, ollama",
        "http://127.0.0.1:1234/v1, lmstudio",
        "http://localhost:8000/v1, generic",
        "https://api.openai.com/v1, generic",
        "https://gateway.internal.example/v1, generic",
        "https://API.GROQ.COM/openai/v1, groq"})
    void infers_the_dialect_from_the_host(String baseUrl, String dialect) {
        assertEquals(dialect, Dialects.infer(URI.create(baseUrl)).name());
    }

    @Test
    void has_exactly_the_documented_dialects() {
        assertEquals(List.of("nvidia-nim", "deepseek", "openrouter", "groq", "gemini", "mistral", "ollama", "lmstudio",
                "vllm", "llamacpp", "generic"), List.copyOf(Dialects.BY_NAME.keySet()));
    }

    @Test
    void deepseek_caps_its_two_documented_models_only() {
        assertEquals(8192, Dialects.DEEPSEEK.outputCap().tokens("deepseek-chat"));
        assertEquals(65536, Dialects.DEEPSEEK.outputCap().tokens("deepseek-reasoner"));
        assertEquals(0, Dialects.DEEPSEEK.outputCap().tokens("deepseek-v4-pro"));
        assertEquals(0, Dialects.GENERIC.outputCap().tokens("deepseek-chat"));
    }
}
