package dev.claudia.router.adapters.provider.anthropic;

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
 * The {@code anthropic} adapter, for backends whose {@code baseUrl} is the root of a Messages API
 * ({@code https://api.anthropic.com/v1}: requests go to {@code {baseUrl}/messages}).
 */
public final class AnthropicFactory implements ProviderFactory {

    public static final String NAME = "anthropic";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<OptionProblem> validate(OptionScope scope, RawJson options) {
        OptionsReader reader = OptionsReader.of(options);
        AnthropicOptions.read(reader, scope, AnthropicOptions.DEFAULT);
        return reader.problems();
    }

    @Override
    public ChatProvider create(BackendSettings backend, RawJson options, ProviderServices services) {
        return new AnthropicProvider(backend, AnthropicOptions.read(OptionsReader.of(options), OptionScope.BACKEND,
                AnthropicOptions.DEFAULT), services);
    }

    @Override
    public boolean answersVerbatim() {
        return true;
    }
}
