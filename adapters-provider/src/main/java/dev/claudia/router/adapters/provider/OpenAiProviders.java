package dev.claudia.router.adapters.provider;

import dev.claudia.router.adapters.provider.openai.OpenAiChatProvider;
import dev.claudia.router.domain.port.ChatProvider;
import dev.claudia.router.domain.port.IdGenerator;
import dev.claudia.router.domain.port.TokenCounter;

import java.time.Clock;

/** Makes {@link ChatProvider}s for OpenAI-compatible backends. */
public final class OpenAiProviders {

    private OpenAiProviders() {}

    /** A provider for one backend: {@code POST {baseUrl}/chat/completions}. */
    public static ChatProvider create(ProviderSettings settings, IdGenerator ids, TokenCounter tokens) {
        return new OpenAiChatProvider(settings, ids, tokens, Clock.systemUTC());
    }
}
