package dev.claudia.router.adapters.provider.openai;

import dev.claudia.router.domain.message.RawJson;
import dev.claudia.router.domain.port.ChatProvider;
import dev.claudia.router.provider.spi.BackendSettings;
import dev.claudia.router.provider.spi.OptionProblem;
import dev.claudia.router.provider.spi.OptionScope;
import dev.claudia.router.provider.spi.ProviderFactory;
import dev.claudia.router.provider.spi.ProviderServices;
import dev.claudia.router.provider.support.OptionsReader;

import java.util.List;

/**
 * The {@code openai-chat} adapter: OpenAI-compatible {@code POST {baseUrl}/chat/completions}
 * providers (NVIDIA NIM, OpenRouter, LM Studio, Groq, DeepSeek, Gemini, Mistral, Ollama, vLLM,
 * llama.cpp...), each in its dialect. The default adapter of every backend. Its options
 * ({@link OpenAiChatOptions}, {@code dialect} among them: config.json's {@code backends.<name>.dialect}
 * arrives here as that option) are the same at backend and profile level; a profile's override its
 * backend's.
 */
public final class OpenAiChatFactory implements ProviderFactory {

    public static final String NAME = "openai-chat";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<OptionProblem> validate(OptionScope scope, RawJson options) {
        OptionsReader reader = OptionsReader.of(options);
        OpenAiChatOptions.read(reader, OpenAiChatOptions.DEFAULT);
        return reader.problems();
    }

    @Override
    public ChatProvider create(BackendSettings backend, RawJson options, ProviderServices services) {
        return new OpenAiChatProvider(backend, options, services);
    }
}
