/**
 * Provider adapter {@code "openai-chat"}: OpenAI-compatible {@code POST {baseUrl}/chat/completions}
 * providers, over the Jersey client API.
 *
 * <p>Exports nothing: bootstrap finds {@code OpenAiChatFactory} through the provider SPI
 * ({@code provides}), like any other adapter's. The OpenAI wire records ({@code openai.wire},
 * opened to Jackson alone), the pure mappers ({@code openai.mapping}) and the stream state machine
 * ({@code openai.stream}) stay inside; transport, SSE framing and the status table come from the
 * support module.
 */
module dev.claudia.router.adapters.provider.openai {
    requires dev.claudia.router.provider.support;
    requires com.fasterxml.jackson.databind;

    provides dev.claudia.router.provider.spi.ProviderFactory
            with dev.claudia.router.adapters.provider.openai.OpenAiChatFactory;

    opens dev.claudia.router.adapters.provider.openai.wire to com.fasterxml.jackson.databind;
}
