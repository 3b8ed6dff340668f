package dev.claudia.router.adapters.provider.responses;

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
 * The {@code openai-responses} adapter: OpenAI's Responses API, {@code POST {baseUrl}/responses}.
 * Its options ({@link OpenAiResponsesOptions}) are the same at backend and profile level; a
 * profile's override its backend's.
 */
public final class OpenAiResponsesFactory implements ProviderFactory {

    public static final String NAME = "openai-responses";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<OptionProblem> validate(OptionScope scope, RawJson options) {
        OptionsReader reader = OptionsReader.of(options);
        OpenAiResponsesOptions.read(reader, OpenAiResponsesOptions.DEFAULT);
        return reader.problems();
    }

    @Override
    public ChatProvider create(BackendSettings backend, RawJson options, ProviderServices services) {
        return new OpenAiResponsesProvider(backend,
                OpenAiResponsesOptions.read(OptionsReader.of(options), OpenAiResponsesOptions.DEFAULT), services);
    }
}
